import { ADOPT_ID_RULES, parseRecordId, parseZoneVpcId } from "../private/adopt-ids";
import { RULES, SENDING_RULES } from "../private/aws-facts";
import { show } from "../private/show";
import type { AccountAdoptConfig, HubAdoptConfig } from "./adopt-schema";
import { Ctx, Loose, Path, issue, objects, valid, walkStrings } from "./check-helpers";
import { formatPath } from "./config-error";

/**
 * One real AWS object, one Terraform address: an id that two `adopt` entries name would give two
 * resources (in one stack or in two) that manage one object, and the first apply that changes one
 * would fight the other; Terraform does not refuse two import blocks with one id. And an id the
 * file gives for one role (an account's public DNS zone) is never adopted for another (the hub's
 * private email-smtp zone). The adopt sections are read by their keys, each classified below, so
 * a key added to the adopt schema does not compile until it says how far its ids reach.
 */

/** How far the ids of an adopt key are unique: AWS-wide, per account, or per account and region. */
type Reach = "global" | "account" | "region";

interface AdoptedKind {
  /** What the id names, for messages; ids of one type share one namespace. */
  readonly type: string;
  readonly reach: Reach;
  /** IAM compares names without case. */
  readonly ignoreCase?: boolean;
}

const global = (type: string): AdoptedKind => ({ type, reach: "global" });

/** Every adopt key, hub's and account's: what its ids name and how far they reach. */
export const ADOPTED_KINDS = {
  vpcEndpoint: global("VPC endpoint"),
  securityGroups: global("security group"),
  ingressRules: global("security group rule"),
  privateHostedZone: global("hosted zone (zone ids are global)"),
  apexRecord: global("record"),
  authorizations: global("VPC association authorization"),
  zoneAssociation: global("zone association"),
  apiZoneAssociation: global("zone association"),
  deliveryStream: global("delivery stream"),
  bucket: global("S3 bucket (bucket names are global)"),
  configurationSets: { type: "configuration set", reach: "region" },
  eventDestinations: { type: "event destination", reach: "region" },
  logGroup: { type: "log group", reach: "region" },
  logStream: { type: "log stream", reach: "region" },
  identity: { type: "email identity", reach: "region" },
  sesRole: { type: "IAM role", reach: "account", ignoreCase: true },
  firehoseRole: { type: "IAM role", reach: "account", ignoreCase: true },
} as const satisfies Record<keyof HubAdoptConfig | keyof AccountAdoptConfig, AdoptedKind>;

interface Claim {
  /** The object: type, where it lives and its id, as one comparable text. */
  readonly object: string;
  readonly id: string;
  readonly path: Path;
  readonly type: string;
}

/** The ids under one adopt key: the value itself, its list items, or its items' `id`. */
function adoptedIds(value: unknown, path: Path): [string, Path][] {
  const ids: [string, Path][] = [];
  walkStrings(value, path, (text, at, isKey) => {
    if (isKey) return;
    const where = at();
    const last = where[where.length - 1];
    if (where.length === path.length || typeof last === "number" || last === "id")
      ids.push([text, where]);
  });
  return ids;
}

/** The claims of a hub's `apiEndpoint.adopt`, in the hub's account and region. */
function apiEndpointClaims(hub: Loose, path: Path): Claim[] {
  const api = hub.apiEndpoint;
  if (typeof api !== "object" || api === null) return [];
  return adoptClaims({ ...(api as Loose), accountId: hub.accountId, region: hub.region }, path);
}

/** The claims of one `adopt` section of an account or hub (its `owner`). */
function adoptClaims(owner: Loose, path: Path): Claim[] {
  const adopt = owner.adopt;
  if (typeof adopt !== "object" || adopt === null) return [];
  const accountId = valid(RULES.accountId, owner.accountId) ? owner.accountId : "?";
  const region = valid(RULES.region, owner.region) ? owner.region : "?";
  return Object.entries(adopt as Loose).flatMap(([key, value]) => {
    const kind: AdoptedKind | undefined = (ADOPTED_KINDS as Record<string, AdoptedKind>)[key];
    if (!kind) return [];
    const where = { global: "", account: `${accountId}/`, region: `${accountId}/${region}/` }[
      kind.reach
    ];
    return adoptedIds(value, [...path, "adopt", key]).map(([id, at]) => ({
      object: `${kind.type}\n${where}${kind.ignoreCase ? id.toLowerCase() : id}`,
      id,
      path: at,
      type: kind.type,
    }));
  });
}

/** Reports every adopted id another entry already adopts, naming the first. */
function checkAdoptedOnce(ctx: Ctx, claims: Claim[]): void {
  const first = new Map<string, Claim>();
  for (const claim of claims) {
    const owner = first.get(claim.object);
    if (!owner) {
      first.set(claim.object, claim);
      continue;
    }
    issue(
      ctx,
      claim.path,
      `must name an object no other entry adopts; ${show(claim.id)} is already adopted at ${formatPath(owner.path)}, and two Terraform addresses managing one ${claim.type} would undo each other's changes (keep one entry)`,
    );
  }
}

/** A hosted zone id the file uses, and as what. */
interface ZoneUse {
  readonly zoneId: string;
  readonly role: string;
  readonly path: Path;
}

/** The hub's private zone as the adopt ids of hubs and accounts name it. */
function privateZoneUses(owner: Loose, path: Path): ZoneUse[] {
  const adopt = (owner.adopt ?? {}) as Loose;
  const role = "the private email-smtp zone";
  const at = (key: string, ...rest: Path) => [...path, "adopt", key, ...rest];
  const uses: ZoneUse[] = [];
  if (valid(ADOPT_ID_RULES.hostedZone, adopt.privateHostedZone))
    uses.push({ zoneId: adopt.privateHostedZone, role, path: at("privateHostedZone") });
  if (valid(ADOPT_ID_RULES.record, adopt.apexRecord))
    uses.push({ zoneId: parseRecordId(adopt.apexRecord).zoneId, role, path: at("apexRecord") });
  if (valid(ADOPT_ID_RULES.association, adopt.zoneAssociation)) {
    const { zoneId } = parseZoneVpcId(adopt.zoneAssociation);
    uses.push({ zoneId, role, path: at("zoneAssociation") });
  }
  if (Array.isArray(adopt.authorizations))
    adopt.authorizations.forEach((id: unknown, i) => {
      if (valid(ADOPT_ID_RULES.authorization, id))
        uses.push({ zoneId: parseZoneVpcId(id).zoneId, role, path: at("authorizations", i) });
    });
  return uses;
}

/** A zone is an account's public DNS zone or the hub's private one, never both. */
function checkZoneRoles(ctx: Ctx, config: Loose): void {
  const publicZones = new Map<string, Path>();
  for (const [account, a] of objects(config.accounts)) {
    const zoneId = (account.sending as Loose | undefined)?.publicZoneId;
    if (valid(SENDING_RULES.publicZoneId, zoneId) && !publicZones.has(zoneId))
      publicZones.set(zoneId, ["accounts", a, "sending", "publicZoneId"]);
  }
  const uses = [
    ...objects(config.smtpHubs).flatMap(([hub, h]) => privateZoneUses(hub, ["smtpHubs", h])),
    ...objects(config.accounts).flatMap(([account, a]) =>
      privateZoneUses(account, ["accounts", a]),
    ),
  ];
  for (const use of uses) {
    const publicPath = publicZones.get(use.zoneId);
    if (!publicPath) continue;
    issue(
      ctx,
      use.path,
      `must name ${use.role}, but zone ${use.zoneId} is the public DNS zone ${formatPath(publicPath)} gives for the account's domain: one zone cannot be both (the hub's zone is private, for email-smtp.<region>.amazonaws.com)`,
    );
  }
}

/** The claim checks; see the module comment. */
export function checkClaims(ctx: Ctx, config: Loose): void {
  // A repeated account id is its own problem; its adopt entries would only repeat it.
  const seen = new Set<unknown>();
  const accounts = objects(config.accounts).filter(([account]) => {
    const repeated = seen.has(account.accountId);
    seen.add(account.accountId);
    return !repeated;
  });
  checkAdoptedOnce(ctx, [
    ...objects(config.smtpHubs).flatMap(([hub, h]) => [
      ...adoptClaims(hub, ["smtpHubs", h]),
      ...apiEndpointClaims(hub, ["smtpHubs", h, "apiEndpoint"]),
    ]),
    ...accounts.flatMap(([account, a]) => adoptClaims(account, ["accounts", a])),
  ]);
  checkZoneRoles(ctx, config);
}
