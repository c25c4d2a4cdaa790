/**
 * What `npm run adopt` makes of what it found, without calling AWS (discovery.ts calls it):
 * which of the endpoint's security groups and SMTP rules to adopt, and every page of a paged list.
 */
import type { SecurityGroupIdentifier, SecurityGroupRule } from "@aws-sdk/client-ec2";
import type { HubAdoptConfig } from "../config/adopt-schema";
import type { AccountConfig, SmtpHubConfig } from "../config/schema";
import { placeRules } from "../private/security-group-shards";

type IngressRule = NonNullable<HubAdoptConfig["ingressRules"]>[number];

/** The groups and rules to adopt, as `adopt.securityGroups` (by shard) and `adopt.ingressRules`. */
export interface AdoptedGroups {
  readonly securityGroups: string[];
  readonly ingressRules: IngressRule[];
}

/** A rule of the endpoint's groups that the configuration wants, and the shard it goes in. */
interface WantedRule extends IngressRule {
  readonly groupId: string;
  readonly shard: number;
  readonly what: string;
}

function describeRule(rule: SecurityGroupRule): string {
  const peer =
    rule.CidrIpv4 ?? rule.CidrIpv6 ?? rule.ReferencedGroupInfo?.GroupId ?? rule.PrefixListId;
  return `${rule.IsEgress ? "egress" : "ingress"} rule ${rule.SecurityGroupRuleId} of ${rule.GroupId} (${rule.IpProtocol} ${rule.FromPort}-${rule.ToPort} ${peer})`;
}

/**
 * The endpoint's groups and rules to adopt. A rule is adopted only in the group of the shard the
 * stack places it in (a rule's security_group_id cannot change in place, so any other group
 * would replace it); each shard adopts the group holding most of its rules. The VPC's default
 * group is never adopted (the stack's groups have no egress), nor a group without wanted rules:
 * the first apply detaches both from the endpoint. Everything left alone becomes a note.
 */
export function adoptGroupsAndRules(
  hub: SmtpHubConfig,
  clients: readonly AccountConfig[],
  groups: readonly SecurityGroupIdentifier[],
  rules: readonly SecurityGroupRule[],
  notes: string[],
): AdoptedGroups {
  const placement = placeRules(
    clients.map((a) => ({ name: a.name, cidrs: a.smtp?.cidrs ?? [] })),
    hub.ports,
    hub.quotas,
  );
  const defaults = new Set(groups.filter((g) => g.GroupName === "default").map((g) => g.GroupId));
  for (const id of defaults)
    notes.push(
      `${id} is the VPC's default security group: not adopted (the endpoint's groups have no egress, and other resources rely on the default group's); the first apply detaches it from the endpoint`,
    );
  const wanted: WantedRule[] = [];
  for (const rule of rules) {
    if (defaults.has(rule.GroupId)) continue;
    const what = describeRule(rule);
    if (rule.IsEgress) {
      notes.push(`${what}: removed by the first apply (the endpoint's groups have no egress)`);
      continue;
    }
    const placed = placement.rules.find(
      (p) =>
        p.cidr === rule.CidrIpv4 &&
        p.port === rule.FromPort &&
        rule.ToPort === rule.FromPort &&
        rule.IpProtocol === "tcp",
    );
    if (!placed) {
      notes.push(`${what}: no configured account CIDR and port wants it; it stays, unmanaged`);
      continue;
    }
    const { account, cidr, port, shard } = placed;
    wanted.push({
      id: rule.SecurityGroupRuleId!,
      account,
      cidr,
      port,
      shard,
      what,
      groupId: rule.GroupId!,
    });
  }
  const securityGroups = groupsByShard(wanted, placement.groups);
  for (const group of groups)
    if (!defaults.has(group.GroupId) && !securityGroups.includes(group.GroupId!))
      notes.push(
        `security group ${group.GroupId} (${group.GroupName}) of the endpoint holds no rule adopted here: not adopted; the first apply detaches it from the endpoint, and it stays, unmanaged`,
      );
  const ingressRules: IngressRule[] = [];
  for (const { what, groupId, shard, ...rule } of wanted) {
    if (securityGroups[shard] === groupId) ingressRules.push(rule);
    else
      notes.push(
        `${what}: the configuration places this rule in security group ${shard} (${securityGroups[shard] ?? "a new one"}), and a rule cannot move between groups in place, so it is not adopted: the first apply creates it there; delete this one after that`,
      );
  }
  return { securityGroups, ingressRules };
}

/**
 * The group adopted for each shard, from shard 0 on: the one holding most of the shard's wanted
 * rules (ties to the lower id), each group for one shard only. The list stops at the first shard
 * without one, since `adopt.securityGroups[i]` is shard i.
 */
function groupsByShard(wanted: readonly WantedRule[], shards: number): string[] {
  const chosen: string[] = [];
  for (let shard = 0; shard < shards; shard++) {
    const counts = new Map<string, number>();
    for (const rule of wanted)
      if (rule.shard === shard && !chosen.includes(rule.groupId))
        counts.set(rule.groupId, (counts.get(rule.groupId) ?? 0) + 1);
    const best = [...counts].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1))[0];
    if (!best) break;
    chosen.push(best[0]);
  }
  return chosen;
}

/** Every item of a paged AWS list: `page(token)` returns one page and the next page's token. */
export async function allPages<T>(
  page: (token?: string) => Promise<{ items?: T[]; next?: string }>,
): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  do {
    const { items = [], next } = await page(token);
    all.push(...items);
    token = next;
  } while (token);
  return all;
}
