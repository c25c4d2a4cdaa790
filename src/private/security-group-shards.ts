import { DEFAULT_QUOTAS } from "./aws-facts";

/** A resource account as an SMTP client of the shared endpoint. */
export interface SmtpClientRules {
  /** Account name: the stable key of its rules. */
  readonly name: string;
  readonly cidrs: readonly string[];
}

/** One inbound rule and the security group (shard) it lives in. */
export interface PlacedRule {
  readonly account: string;
  readonly cidr: string;
  readonly port: number;
  readonly shard: number;
}

export interface SecurityGroupQuotas {
  readonly inboundRulesPerSecurityGroup: number;
  readonly securityGroupsPerNetworkInterface: number;
}

/** Rules needed: every CIDR of every account × every port. */
export function rulesNeeded(clients: readonly SmtpClientRules[], ports: readonly number[]): number {
  return clients.reduce((sum, c) => sum + c.cidrs.length, 0) * ports.length;
}

/** Why the rules do not fit the quotas (a phrase completing "…"), or undefined when they do. */
export function securityGroupQuotaProblem(
  needed: number,
  ports: number,
  quotas: SecurityGroupQuotas = DEFAULT_QUOTAS,
): string | undefined {
  const capacity = quotas.inboundRulesPerSecurityGroup * quotas.securityGroupsPerNetworkInterface;
  if (needed <= capacity) return undefined;
  return (
    `needs ${needed} inbound rules (CIDRs × ${ports} port${ports === 1 ? "" : "s"}) but the quotas allow ${capacity} ` +
    `(${quotas.inboundRulesPerSecurityGroup} inbound rules per security group × ${quotas.securityGroupsPerNetworkInterface} security groups per network interface); ` +
    "use fewer ports or fewer, wider CIDRs, or raise the VPC quotas 'Inbound rules per security group' (L-0EA8095F) or " +
    "'Security groups per network interface' (L-2AFB9258) in Service Quotas and set quotas.inboundRulesPerSecurityGroup / quotas.securityGroupsPerNetworkInterface to match"
  );
}

/** FNV-1a: a small stable hash, so an account's preferred group never depends on list order. */
function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * Places every rule in one of as few security groups as the quota allows (⌈rules / per-group⌉).
 * Each account prefers the group its name hashes to and keeps all its rules together when that
 * or a following group has room, so adding, removing or reordering accounts leaves the others
 * where they are unless a group fills up; an account too large for any one group is split.
 * Throws when the rules exceed the quotas, naming `what` (the endpoint the groups serve).
 */
export function placeRules(
  clients: readonly SmtpClientRules[],
  ports: readonly number[],
  quotas: SecurityGroupQuotas = DEFAULT_QUOTAS,
  what = "shared SMTP endpoint",
): { groups: number; rules: PlacedRule[] } {
  const needed = rulesNeeded(clients, ports);
  const problem = securityGroupQuotaProblem(needed, ports.length, quotas);
  if (problem) throw new Error(`The ${what} ${problem}.`);
  const perGroup = quotas.inboundRulesPerSecurityGroup;
  const groups = Math.max(1, Math.ceil(needed / perGroup));
  const load = new Array<number>(groups).fill(0);
  const rules: PlacedRule[] = [];
  const sorted = [...clients].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const client of sorted) {
    const own = client.cidrs.flatMap((cidr) =>
      ports.map((port) => ({ account: client.name, cidr, port })),
    );
    const start = stableHash(client.name) % groups;
    const order = Array.from({ length: groups }, (_, i) => (start + i) % groups);
    const whole = order.find((g) => load[g] + own.length <= perGroup);
    for (const rule of own) {
      const shard = whole ?? order.find((g) => load[g] < perGroup)!;
      load[shard]++;
      rules.push({ ...rule, shard });
    }
  }
  return { groups, rules };
}
