import { SMTP_ENDPOINT_DEFAULTS } from "../private/construct-defaults";
import { RULES } from "../private/aws-facts";
import { rulesNeeded, securityGroupQuotaProblem } from "../private/security-group-shards";
import type { AccountAdoptConfig } from "./adopt-schema";
import {
  Ctx,
  Loose,
  Path,
  issue,
  objects,
  publishesToFirehose,
  strings,
  valid,
} from "./check-helpers";

/**
 * An adopt entry needs a resource to adopt into: the stacks import an id only into a resource
 * the configuration asks for. Without one, nothing could be imported, so the entry is refused
 * here, with its path, before anything is synthesized (the stacks check it again, as a guard).
 */

/** The account's adopt keys that name a piece of the Firehose event pipeline. */
const PIPELINE_KEYS = [
  "deliveryStream",
  "bucket",
  "sesRole",
  "firehoseRole",
  "logGroup",
  "logStream",
] as const satisfies readonly (keyof AccountAdoptConfig)[];

function checkPipeline(ctx: Ctx, account: Loose, path: Path): void {
  const adopt = account.adopt as Loose;
  if (publishesToFirehose(account)) return;
  for (const key of PIPELINE_KEYS) {
    if (adopt[key] === undefined) continue;
    issue(
      ctx,
      [...path, key],
      "needs an event destination with firehose in the account's eventPublishing: the delivery stream, its bucket, roles and log group exist only for one (remove the entry, or add the destination)",
    );
  }
}

/** The number of security groups the hub's endpoint has: as many as its rules need, at least 1. */
function groupsNeeded(hub: Loose, accounts: Loose[]): number | undefined {
  const ports = Array.isArray(hub.ports) ? hub.ports.length : SMTP_ENDPOINT_DEFAULTS.ports.length;
  const clients = accounts
    .filter((a) => a.region === hub.region && typeof a.smtp === "object" && a.smtp !== null)
    .map((a) => ({
      name: String(a.name),
      cidrs: strings((a.smtp as Loose).cidrs).map(([c]) => c),
    }));
  const quotas = { ...SMTP_ENDPOINT_DEFAULTS.quotas, ...((hub.quotas ?? {}) as Loose) };
  const perGroup = quotas.inboundRulesPerSecurityGroup;
  const perInterface = quotas.securityGroupsPerNetworkInterface;
  if (typeof perGroup !== "number" || typeof perInterface !== "number") return undefined;
  const needed = rulesNeeded(clients, new Array(ports).fill(0));
  const limits = {
    inboundRulesPerSecurityGroup: perGroup,
    securityGroupsPerNetworkInterface: perInterface,
  };
  // Rules past the quotas are refused by the SMTP checks; counting groups would add nothing.
  if (securityGroupQuotaProblem(needed, ports, limits)) return undefined;
  return Math.max(1, Math.ceil(needed / perGroup));
}

function checkSecurityGroups(ctx: Ctx, hub: Loose, h: number, accounts: Loose[]): void {
  const adopt = hub.adopt as Loose;
  const groups = groupsNeeded(hub, accounts);
  if (groups === undefined || !valid(RULES.region, hub.region)) return;
  for (const [id, i] of strings(adopt.securityGroups)) {
    if (i < groups) continue;
    issue(
      ctx,
      ["smtpHubs", h, "adopt", "securityGroups", i],
      `names ${id.slice(0, 40)}, but the endpoint needs ${groups} security group${groups === 1 ? "" : "s"} for its inbound rules (shards 0 to ${groups - 1}), so there is no group ${i} to adopt it into (remove the entry, or attach the group to the endpoint by hand and leave it unmanaged)`,
    );
  }
}

/** The adopt target checks; see the module comment. */
export function checkAdoptTargets(ctx: Ctx, config: Loose): void {
  const accounts = objects(config.accounts);
  for (const [hub, h] of objects(config.smtpHubs)) {
    if (typeof hub.adopt === "object" && hub.adopt !== null)
      checkSecurityGroups(
        ctx,
        hub,
        h,
        accounts.map(([a]) => a),
      );
  }
  for (const [account, a] of accounts) {
    if (typeof account.adopt === "object" && account.adopt !== null)
      checkPipeline(ctx, account, ["accounts", a, "adopt"]);
  }
}
