/**
 * What `npm run adopt` makes of what it found, without calling AWS (discovery.ts calls it): which
 * endpoint of a hub's SMTP or API interface, which of its security groups and rules, which zone
 * associations of an account to adopt, and every page of a paged list.
 */
import type { SecurityGroupIdentifier, SecurityGroupRule, VpcEndpoint } from "@aws-sdk/client-ec2";
import type { HostedZoneSummary } from "@aws-sdk/client-route-53";
import type { HubAdoptConfig } from "../config/adopt-schema";
import { usesHubApiEndpoint } from "../config/api-endpoint-checks";
import type { AccountConfig, SmtpHubConfig } from "../config/schema";
import { placeRules } from "../private/security-group-shards";
import {
  SES_API_PORT,
  SES_ENDPOINT_SERVICES,
  SesEndpointKind,
  SesEndpointService,
} from "../private/ses-facts";

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
 * One interface endpoint of a hub as the configuration wants it: its SES service, the ports its
 * rules open, the quotas that shard them, and the accounts it serves (the API endpoint serves
 * only the accounts that use it, as the stack does).
 */
export interface SoughtEndpoint {
  readonly service: SesEndpointService;
  readonly ports: readonly number[];
  readonly quotas: SmtpHubConfig["quotas"];
  readonly clients: readonly AccountConfig[];
}

/** The hub's endpoint of `kind`; `clients` are the hub region's accounts with `smtp`. */
export function soughtEndpoint(
  hub: SmtpHubConfig,
  clients: readonly AccountConfig[],
  kind: SesEndpointKind,
): SoughtEndpoint {
  const service = SES_ENDPOINT_SERVICES[kind];
  if (kind === "smtp") return { service, ports: hub.ports, quotas: hub.quotas, clients };
  return {
    service,
    ports: [SES_API_PORT],
    quotas: hub.quotas,
    clients: clients.filter((a) => usesHubApiEndpoint(a, hub)),
  };
}

/** Endpoint states that are gone or never worked. */
const DEAD_ENDPOINT_STATES = new Set(["deleted", "deleting", "rejected", "failed", "expired"]);

/**
 * The endpoint to adopt among those of the service in the hub VPC: the first live one; more than
 * one, or none, is a note.
 */
export function liveEndpoint(
  endpoints: readonly VpcEndpoint[],
  serviceName: string,
  vpcId: string,
  notes: string[],
): VpcEndpoint | undefined {
  const live = endpoints.filter((e) => !DEAD_ENDPOINT_STATES.has(String(e.State).toLowerCase()));
  if (live.length > 1)
    notes.push(
      `${live.length} ${serviceName} endpoints in ${vpcId} (${live.map((e) => e.VpcEndpointId).join(", ")}): adopting the first; delete the others after checking nothing resolves them`,
    );
  if (live.length === 0) notes.push(`no ${serviceName} endpoint in ${vpcId}: one will be created`);
  return live[0];
}

/**
 * An account VPC's association (`<zone>:<vpc>`) with the private zone named `host`, among the
 * zones the VPC is associated with; none when there is no such zone.
 */
export function zoneAssociation(
  zones: readonly HostedZoneSummary[],
  host: string,
  vpcId: string,
): string | undefined {
  const zone = zones.find((z) => z.Name?.replace(/\.$/, "") === host);
  return zone ? `${zone.HostedZoneId}:${vpcId}` : undefined;
}

/**
 * The endpoint's groups and rules to adopt. A rule is adopted only in the group of the shard the
 * stack places it in (a rule's security_group_id cannot change in place, so any other group
 * would replace it); each shard adopts the group holding most of its rules. The VPC's default
 * group is never adopted (the stack's groups have no egress), nor a group without wanted rules:
 * the first apply detaches both from the endpoint. Everything left alone becomes a note.
 */
export function adoptGroupsAndRules(
  endpoint: SoughtEndpoint,
  groups: readonly SecurityGroupIdentifier[],
  rules: readonly SecurityGroupRule[],
  notes: string[],
): AdoptedGroups {
  const placement = placeRules(
    endpoint.clients.map((a) => ({ name: a.name, cidrs: a.smtp?.cidrs ?? [] })),
    endpoint.ports,
    endpoint.quotas,
    `shared ${endpoint.service.label} endpoint`,
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
