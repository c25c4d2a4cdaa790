import { Ctx, Loose, Path, issue, objects, strings, valid } from "./check-helpers";
import { firstFew, formatPath } from "./config-error";
import {
  ADOPT_ID_RULES,
  parseRecordId,
  parseStreamArn,
  parseZoneVpcId,
} from "../private/adopt-ids";
import { ID_RULES, RULES, Rule } from "../private/aws-facts";
import { sesSmtpHost } from "../private/ses-facts";
import { show } from "../private/show";
import {
  EVENT_PUBLISHING_DEFAULTS,
  defaultEventBucketName,
  FIREHOSE_EVENT_STREAM_DEFAULTS,
  SMTP_ENDPOINT_DEFAULTS,
} from "../private/construct-defaults";

/** A bucket name's characters and length (its full rules are the schema's). */
const BUCKET_NAME: Rule = { pattern: /^[a-z0-9.-]{3,63}$/, allowed: "a bucket name" };

/** A CIDR's characters and length, for listing configured ones (their rules are the schema's). */
const CIDR: Rule = { pattern: /^[0-9./]{9,18}$/, allowed: "an IPv4 CIDR block" };

/** The values of `key` in `items` that follow `rule`, for a message: the first few, and how many more. */
function listed(items: Loose[], key: string, rule: Rule): string {
  const values = items.map((item) => item[key]).filter((v): v is string => valid(rule, v));
  return firstFew(values, 5) || "none";
}

/**
 * What an adopted id embeds must be what the configuration wants: a different zone, VPC or
 * region of an association would make Terraform replace it (the outage adoption exists to
 * avoid), a different name would replace a named resource, and an id of another account or
 * region can never be imported by that stack's provider. Read defensively, like every cross check.
 */

/** The apex alias record, authorizations and associations live in the hub's adopted zone. */
function checkInHubZone(ctx: Ctx, zoneId: string, hubZone: unknown, path: Path, what: string) {
  if (hubZone === undefined) {
    issue(
      ctx,
      path,
      `names ${what} in zone ${zoneId}, but the hub adopts no privateHostedZone: the hub would create a second email-smtp zone, and a VPC cannot be associated with two private zones of the same name; adopt zone ${zoneId} in the hub's adopt.privateHostedZone`,
    );
  } else if (typeof hubZone === "string" && hubZone !== zoneId) {
    issue(
      ctx,
      path,
      `names zone ${zoneId}, but the hub adopts zone ${hubZone}: importing it would replace it in the hub's zone; both must name the same zone`,
    );
  }
}

/** The API endpoint's adopted groups must be recorded like the SMTP endpoint's. */
function checkApiEndpoint(ctx: Ctx, hub: Loose, h: number): void {
  const api = hub.apiEndpoint as Loose | undefined;
  const adopt = api?.adopt as Loose | undefined;
  if (typeof adopt !== "object" || adopt === null) return;
  checkGroupsRecorded(ctx, api!, adopt, ["smtpHubs", h, "apiEndpoint", "adopt"]);
}

function checkHub(ctx: Ctx, hub: Loose, h: number, accounts: Loose[]): void {
  checkApiEndpoint(ctx, hub, h);
  const adopt = hub.adopt as Loose | undefined;
  if (typeof adopt !== "object" || adopt === null) return;
  const path: Path = ["smtpHubs", h, "adopt"];
  const region = valid(RULES.region, hub.region) ? hub.region : undefined;
  const clients = accounts.filter(
    (a) => a.region === region && typeof a.smtp === "object" && a.smtp !== null,
  );
  const zone = valid(ADOPT_ID_RULES.hostedZone, adopt.privateHostedZone)
    ? adopt.privateHostedZone
    : typeof adopt.privateHostedZone === "string"
      ? null
      : undefined;
  if (valid(ADOPT_ID_RULES.record, adopt.apexRecord)) {
    const record = parseRecordId(adopt.apexRecord);
    checkInHubZone(ctx, record.zoneId, zone, [...path, "apexRecord"], "a record");
    if (region && record.name !== sesSmtpHost(region)) {
      issue(
        ctx,
        [...path, "apexRecord"],
        `names record ${record.name}; the hub's apex alias is ${sesSmtpHost(region)} (type A)`,
      );
    }
  }
  for (const [authorization, i] of strings(adopt.authorizations)) {
    if (!valid(ADOPT_ID_RULES.authorization, authorization)) continue;
    const at = [...path, "authorizations", i];
    const { zoneId, vpcId } = parseZoneVpcId(authorization);
    checkInHubZone(ctx, zoneId, zone, at, "an authorization");
    if (!clients.some((a) => (a.smtp as Loose).vpcId === vpcId)) {
      issue(
        ctx,
        at,
        `authorizes ${vpcId}, which is no smtp.vpcId of an account in ${region ?? "the hub's region"}: only configured accounts' VPCs are authorized`,
      );
    }
  }
  checkIngressRules(ctx, hub, adopt, path, clients);
  checkGroupsRecorded(ctx, hub, adopt, path);
}

/**
 * An adopted group's name and description must be recorded in the hub's `securityGroups`: they
 * cannot change in place, and the adopt entry is removed after the import apply, so without them
 * the next plan would replace the group (and delete every rule in it).
 */
function checkGroupsRecorded(ctx: Ctx, hub: Loose, adopt: Loose, path: Path): void {
  const recorded = Array.isArray(hub.securityGroups) ? hub.securityGroups : [];
  for (const [group, shard] of strings(adopt.securityGroups)) {
    if (!valid(ADOPT_ID_RULES.securityGroup, group) || recorded[shard] !== undefined) continue;
    issue(
      ctx,
      [...path, "securityGroups", shard],
      `adopts ${group}, but ${formatPath([...path.slice(0, -1), "securityGroups", shard])} does not record its name and description: AWS cannot change either in place, so the group would be replaced (with every rule in it) once the adopt entry is removed; set it to the group's own name and description (npm run adopt -- --write records them)`,
    );
  }
}

function checkIngressRules(ctx: Ctx, hub: Loose, adopt: Loose, path: Path, clients: Loose[]): void {
  const seen = new Map<string, number>();
  for (const [rule, i] of objects(adopt.ingressRules)) {
    if (!valid(RULES.accountName, rule.account) || typeof rule.cidr !== "string") continue;
    const at = [...path, "ingressRules", i];
    const client = clients.find((a) => a.name === rule.account);
    if (!client) {
      // The value is not in the message, so rules naming several renamed accounts are one line.
      ctx.addIssue({
        code: "custom",
        path: [...at, "account"],
        input: rule.account,
        message: `must name an account with smtp in the hub's region (${listed(clients, "name", RULES.accountName)})`,
      });
      continue;
    }
    const cidrs = strings((client.smtp as Loose).cidrs).map(([cidr]) => ({ cidr }));
    if (!cidrs.some(({ cidr }) => cidr === rule.cidr)) {
      issue(
        ctx,
        [...at, "cidr"],
        `must be one of account ${rule.account}'s smtp.cidrs (${listed(cidrs, "cidr", CIDR)}); got ${show(rule.cidr)} (a rule the configuration does not want is left alone, never adopted)`,
      );
    }
    const ports: readonly number[] = Array.isArray(hub.ports)
      ? hub.ports
      : SMTP_ENDPOINT_DEFAULTS.ports;
    if (typeof rule.port === "number" && !ports.includes(rule.port)) {
      issue(ctx, [...at, "port"], `must be one of the hub's ports (${ports.join(", ")})`);
    }
    const key = `${rule.account} ${rule.cidr} ${rule.port}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issue(ctx, at, `repeats the rule at ${formatPath([...path, "ingressRules", first])}`);
    } else seen.set(key, i);
  }
}

/** The account's id or region embedded in an ARN must be the stack's own. */
function checkStreamArn(ctx: Ctx, account: Loose, arn: string, path: Path, wanted: string) {
  const stream = parseStreamArn(arn);
  if (valid(RULES.accountId, account.accountId) && stream.accountId !== account.accountId) {
    issue(
      ctx,
      path,
      `names a stream of account ${stream.accountId}, but this account's stack runs as ${account.accountId} (allowed_account_ids): a provider can only import from its own account`,
    );
  }
  if (valid(RULES.region, account.region) && stream.region !== account.region) {
    issue(
      ctx,
      path,
      `names a stream in ${stream.region}, but the account's region is ${account.region}`,
    );
  }
  sameName(ctx, path, stream.name, wanted, "eventPublishing.deliveryStream.name");
}

/** A named resource adopted under another name would be replaced: say which field keeps it. */
function sameName(ctx: Ctx, path: Path, got: string, wanted: string, field: string): void {
  if (got === wanted) return;
  issue(
    ctx,
    path,
    `names ${got}, but ${field} is ${wanted}: importing it would replace it (the name cannot change in place); set ${field}: ${got} to keep it`,
  );
}

function checkEventPublishing(ctx: Ctx, account: Loose, adopt: Loose, path: Path): void {
  const publishing = (account.eventPublishing ?? {}) as Loose;
  const named = (value: unknown, fallback: string) =>
    typeof value === "string" ? value : fallback;
  const stream = (publishing.deliveryStream ?? {}) as Loose;
  const logs = (publishing.logs ?? {}) as Loose;
  const bucket = (publishing.bucket ?? {}) as Loose;
  const d = FIREHOSE_EVENT_STREAM_DEFAULTS;
  const sets = objects(publishing.configurationSets).map(([set]) => set);
  for (const [setName, i] of strings(adopt.configurationSets)) {
    if (!valid(ADOPT_ID_RULES.configurationSet, setName)) continue;
    if (!sets.some((s) => s.name === setName))
      issue(
        ctx,
        [...path, "configurationSets", i],
        `names ${setName}, which is no configured eventPublishing.configurationSets name (${listed(sets, "name", RULES.sesName)})`,
      );
  }
  for (const [destination, i] of strings(adopt.eventDestinations)) {
    if (!valid(ADOPT_ID_RULES.eventDestination, destination)) continue;
    const [setName, name] = destination.split("/");
    const set = sets.find((s) => s.name === setName);
    if (!objects(set?.eventDestinations).some(([dest]) => dest.name === name))
      issue(
        ctx,
        [...path, "eventDestinations", i],
        `names ${destination}, which is no configured destination <set>/<destination> of eventPublishing`,
      );
  }
  const logGroup = named(logs.groupName, d.logGroupName);
  const bucketName = named(
    bucket.name,
    defaultEventBucketName(String(account.accountId), String(account.region)),
  );
  // [adopt key, the id's rule, the configured name, the field that sets it]
  const checks: [string, Rule, string, string][] = [
    [
      "sesRole",
      ADOPT_ID_RULES.roleName,
      named(publishing.sesRoleName, EVENT_PUBLISHING_DEFAULTS.sesRoleName),
      "eventPublishing.sesRoleName",
    ],
    [
      "firehoseRole",
      ADOPT_ID_RULES.roleName,
      named(stream.roleName, d.roleName),
      "eventPublishing.deliveryStream.roleName",
    ],
    ["logGroup", ADOPT_ID_RULES.logGroup, logGroup, "eventPublishing.logs.groupName"],
    [
      "logStream",
      ADOPT_ID_RULES.logStream,
      `${logGroup}:${named(logs.streamName, d.logStreamName)}`,
      "eventPublishing.logs.groupName and streamName",
    ],
    ["bucket", BUCKET_NAME, bucketName, "eventPublishing.bucket.name"],
  ];
  for (const [key, rule, wanted, field] of checks) {
    // Values that break their rule are the schema's to report (and may be huge).
    if (valid(rule, adopt[key]) && valid(rule, wanted))
      sameName(ctx, [...path, key], adopt[key], wanted, field);
  }
  if (valid(ADOPT_ID_RULES.deliveryStream, adopt.deliveryStream)) {
    const wanted = named(stream.name, d.deliveryStreamName);
    checkStreamArn(ctx, account, adopt.deliveryStream, [...path, "deliveryStream"], wanted);
  }
}

function checkAssociation(ctx: Ctx, account: Loose, adopt: Loose, path: Path, hubs: Loose[]) {
  if (!valid(ADOPT_ID_RULES.association, adopt.zoneAssociation)) return;
  const at = [...path, "zoneAssociation"];
  const smtp = account.smtp as Loose | undefined;
  if (typeof smtp !== "object" || smtp === null) {
    issue(ctx, at, "needs the account's smtp section (the association is made only for it)");
    return;
  }
  const { zoneId, vpcId, region } = parseZoneVpcId(adopt.zoneAssociation);
  if (valid(ID_RULES.vpcId, smtp.vpcId) && vpcId !== smtp.vpcId) {
    issue(
      ctx,
      at,
      `associates ${vpcId}, but smtp.vpcId is ${smtp.vpcId}: importing it would replace the association (its VPC cannot change in place); set smtp.vpcId: ${vpcId} if that is the account's VPC`,
    );
  }
  if (region && valid(RULES.region, account.region) && region !== account.region) {
    issue(
      ctx,
      at,
      `names region ${region}, but the account's region is ${account.region}: importing it would replace the association`,
    );
  }
  // Only a zone the hub adopts is known here: without one (the hub's entries removed after the
  // import apply, or a hub built by this project with the association made by hand) the zone id
  // is the hub stack's output, read at plan time.
  const hub = hubs.find((x) => x.region === account.region);
  const hubZone = ((hub?.adopt ?? {}) as Loose).privateHostedZone;
  if (hubZone !== undefined) checkInHubZone(ctx, zoneId, hubZone, at, "an association");
}

function checkAccount(ctx: Ctx, account: Loose, a: number, hubs: Loose[]): void {
  const adopt = account.adopt as Loose | undefined;
  if (typeof adopt !== "object" || adopt === null) return;
  const path: Path = ["accounts", a, "adopt"];
  checkAssociation(ctx, account, adopt, path, hubs);
  checkEventPublishing(ctx, account, adopt, path);
  const sending = account.sending as Loose | undefined;
  if (!valid(ADOPT_ID_RULES.identity, adopt.identity)) return;
  if (valid(RULES.domainName, sending?.domain))
    sameName(ctx, [...path, "identity"], adopt.identity, sending.domain, "sending.domain");
  else if (!sending)
    issue(
      ctx,
      [...path, "identity"],
      "needs the account's sending section (the identity is made only for it)",
    );
}

/** The `adopt` sections' cross checks; see the module comment. */
export function checkAdoption(ctx: Ctx, config: Loose): void {
  const accounts = objects(config.accounts);
  const hubs = objects(config.smtpHubs);
  for (const [hub, h] of hubs)
    checkHub(
      ctx,
      hub,
      h,
      accounts.map(([account]) => account),
    );
  for (const [account, a] of accounts)
    checkAccount(
      ctx,
      account,
      a,
      hubs.map(([hub]) => hub),
    );
}
