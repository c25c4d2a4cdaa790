import {
  Ctx,
  Loose,
  Path,
  issue,
  objects,
  reportRepeatedValues,
  strings,
  valid,
} from "./check-helpers";
import { DEFAULT_QUOTAS, ID_RULES, RULES } from "../private/aws-facts";
import { Ipv4Block, parseIpv4Cidr } from "../private/value-problems";
import { rulesNeeded, securityGroupQuotaProblem } from "../private/security-group-shards";
import { formatPath } from "./config-error";

/**
 * Cross-field checks of the shared SMTP endpoint: one hub per region, every client account's
 * region has a hub, VPCs used once, CIDRs that do not overlap, and quotas that hold. Like the
 * other cross checks they read possibly-invalid input defensively.
 */

interface Client {
  readonly account: Loose;
  readonly index: number;
  readonly smtp: Loose;
}

function smtpClients(accounts: unknown): Client[] {
  return objects(accounts).flatMap(([account, index]) =>
    typeof account.smtp === "object" && account.smtp !== null
      ? [{ account, index, smtp: account.smtp as Loose }]
      : [],
  );
}

function checkHubForEachClient(ctx: Ctx, hubs: [Loose, number][], clients: Client[]): void {
  const regions = hubs.map(([hub]) => hub.region).filter((r) => valid(RULES.region, r));
  for (const { account, index } of clients) {
    if (!valid(RULES.region, account.region) || regions.includes(account.region)) continue;
    issue(
      ctx,
      ["accounts", index, "smtp"],
      `needs an SMTP hub in the account's region ${account.region}; smtpHubs has ${regions.length ? `hubs in ${regions.join(", ")}` : "no hub"}`,
    );
  }
}

function checkVpcsUsedOnce(ctx: Ctx, hubs: [Loose, number][], clients: Client[]): void {
  const owner = new Map<string, Path>();
  for (const [hub, h] of hubs)
    if (valid(ID_RULES.vpcId, hub.vpcId)) owner.set(hub.vpcId, ["smtpHubs", h, "vpcId"]);
  for (const { smtp, index } of clients) {
    if (!valid(ID_RULES.vpcId, smtp.vpcId)) continue;
    const path = ["accounts", index, "smtp", "vpcId"];
    const first = owner.get(smtp.vpcId);
    if (first) {
      issue(
        ctx,
        path,
        `must be a VPC of its own; ${smtp.vpcId} is already used at ${formatPath(first)}`,
      );
    } else {
      owner.set(smtp.vpcId, path);
    }
  }
}

function checkCidrsDoNotOverlap(ctx: Ctx, clients: Client[]): void {
  const blocks: { block: Ipv4Block; path: Path }[] = [];
  for (const { smtp, index } of clients) {
    for (const [cidr, c] of strings(smtp.cidrs)) {
      const block = parseIpv4Cidr(cidr);
      if (block) blocks.push({ block, path: ["accounts", index, "smtp", "cidrs", c] });
    }
  }
  blocks.sort((a, b) => a.block.first - b.block.first);
  let widest = blocks[0];
  for (const current of blocks.slice(1)) {
    if (current.block.first <= widest.block.last) {
      issue(
        ctx,
        current.path,
        `must not overlap other accounts' CIDRs; ${current.block.text} overlaps ${widest.block.text} at ${formatPath(widest.path)} (peered VPCs with overlapping ranges cannot route to each other)`,
      );
    }
    if (current.block.last > widest.block.last) widest = current;
  }
}

function quotaOf(hub: Loose, name: keyof typeof DEFAULT_QUOTAS): number {
  const value = (hub.quotas as Loose | undefined)?.[name];
  return typeof value === "number" ? value : DEFAULT_QUOTAS[name];
}

function checkQuotas(ctx: Ctx, hub: Loose, h: number, clients: Client[]): void {
  const own = clients.filter(({ account }) => account.region === hub.region);
  const ports = Array.isArray(hub.ports) ? hub.ports.length : 1;
  const cidrs = own.map(({ account, smtp }) => ({
    name: String(account.name),
    cidrs: strings(smtp.cidrs).map(([cidr]) => cidr),
  }));
  const problem = securityGroupQuotaProblem(rulesNeeded(cidrs, new Array(ports).fill(0)), ports, {
    inboundRulesPerSecurityGroup: quotaOf(hub, "inboundRulesPerSecurityGroup"),
    securityGroupsPerNetworkInterface: quotaOf(hub, "securityGroupsPerNetworkInterface"),
  });
  if (problem) issue(ctx, ["smtpHubs", h], problem);
  const associations = own.length + 1;
  const allowed = quotaOf(hub, "vpcAssociationsPerHostedZone");
  if (associations > allowed) {
    issue(
      ctx,
      ["smtpHubs", h],
      `needs ${associations} VPC associations on its private hosted zone (the hub VPC and ${own.length} account VPCs) but the quota allows ${allowed}; ` +
        "ask AWS Support to raise 'VPCs that you can associate with a private hosted zone' and set quotas.vpcAssociationsPerHostedZone to match, or split the accounts over regions",
    );
  }
}

/** The SMTP hub checks; see the module comment. */
export function smtpCrossChecks(ctx: Ctx, hubsInput: unknown, accounts: unknown): void {
  const hubs = objects(hubsInput);
  const clients = smtpClients(accounts);
  hubs.forEach(([hub, h]) => {
    reportRepeatedValues(ctx, hub.subnetIds, ["smtpHubs", h, "subnetIds"]);
    reportRepeatedValues(ctx, hub.ports, ["smtpHubs", h, "ports"]);
    checkQuotas(ctx, hub, h, clients);
  });
  clients.forEach(({ smtp, index }) =>
    reportRepeatedValues(ctx, smtp.cidrs, ["accounts", index, "smtp", "cidrs"]),
  );
  checkHubForEachClient(ctx, hubs, clients);
  checkVpcsUsedOnce(ctx, hubs, clients);
  checkCidrsDoNotOverlap(ctx, clients);
}
