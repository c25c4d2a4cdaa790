import { defaultEventBucketName, smtpCredentialNames } from "../private/construct-defaults";
import { RULES } from "../private/aws-facts";
import { show } from "../private/show";
import { Ctx, Loose, Path, issue, objects, publishesToFirehose, valid } from "./check-helpers";
import { formatPath } from "./config-error";

/**
 * Names AWS keeps in shared namespaces: S3 bucket names across every account (and the state
 * bucket), IAM role, user and group names per account without case, and Secrets Manager secret,
 * SNS topic, log group and delivery stream names per account and region. Every name the project
 * creates is claimed here with the path that decides it; a field that adds a named resource adds
 * a claim.
 */

interface Claim {
  /** The namespace, such as `IAM role names in account 111111111111`. */
  readonly space: string;
  readonly name: string;
  readonly path: Path;
  readonly ignoreCase?: boolean;
  /** The name is a default the user did not write. */
  readonly isDefault?: boolean;
}

/** A claim read from possibly-invalid input: its name may be missing or not a string. */
type Candidate = Omit<Claim, "name"> & { readonly name: unknown };

const GLOBAL_BUCKETS = "S3 bucket names (global across all AWS accounts)";

/** The names of the event pipeline, which exists when a destination uses Firehose. */
function eventPublishingClaims(account: Loose, path: Path): Claim[] {
  const publishing = account.eventPublishing as Loose | undefined;
  if (!publishing || !publishesToFirehose(account)) return [];
  const { accountId, region } = account as { accountId: string; region: string };
  const bucket = (publishing.bucket ?? {}) as Loose;
  const stream = (publishing.deliveryStream ?? {}) as Loose;
  const logs = (publishing.logs ?? {}) as Loose;
  const here = `in account ${accountId}, ${region}`;
  const candidates: Candidate[] = [
    typeof bucket.name === "string"
      ? { space: GLOBAL_BUCKETS, name: bucket.name, path: [...path, "bucket", "name"] }
      : {
          space: GLOBAL_BUCKETS,
          name: defaultEventBucketName(accountId, region),
          path: [...path, "bucket"],
          isDefault: true,
        },
    {
      space: `IAM role names in account ${accountId}`,
      name: publishing.sesRoleName,
      path: [...path, "sesRoleName"],
      ignoreCase: true,
    },
    {
      space: `IAM role names in account ${accountId}`,
      name: stream.roleName,
      path: [...path, "deliveryStream", "roleName"],
      ignoreCase: true,
    },
    {
      space: `delivery stream names ${here}`,
      name: stream.name,
      path: [...path, "deliveryStream", "name"],
    },
    {
      space: `log group names ${here}`,
      name: logs.groupName,
      path: [...path, "logs", "groupName"],
    },
  ];
  return candidates.filter((claim): claim is Claim => typeof claim.name === "string");
}

/** The names of an account's sending: SMTP users, groups and secrets, and the alarm topic. */
function sendingClaims(account: Loose, path: Path): Claim[] {
  const sending = account.sending as Loose | undefined;
  if (!sending) return [];
  const { accountId, region } = account as { accountId: string; region: string };
  const here = `in account ${accountId}, ${region}`;
  const claims: Claim[] = objects(sending.applications).flatMap(([app, i]) => {
    if (typeof app.name !== "string") return [];
    const appPath = [...path, "applications", i, "name"];
    const names = smtpCredentialNames(app.name);
    return [
      {
        space: `IAM user names in account ${accountId}`,
        name: names.userName,
        path: appPath,
        ignoreCase: true,
      },
      {
        space: `IAM group names in account ${accountId}`,
        name: names.groupName,
        path: appPath,
        ignoreCase: true,
      },
      {
        space: `secret names ${here}`,
        name: names.secretName,
        path: appPath,
      },
    ];
  });
  const topic = (sending.alarms as Loose | undefined)?.topicName;
  if (typeof topic === "string")
    claims.push({
      space: `SNS topic names ${here}`,
      name: topic,
      path: [...path, "alarms", "topicName"],
    });
  return claims;
}

function allClaims(config: Loose): Claim[] {
  const s3 = (config.state as Loose | undefined)?.s3 as Loose | undefined;
  const state: Claim[] =
    typeof s3?.bucket === "string"
      ? [{ space: GLOBAL_BUCKETS, name: s3.bucket, path: ["state", "s3", "bucket"] }]
      : [];
  // A repeated account id is its own problem; its names would only repeat it.
  const seen = new Set<unknown>();
  const accounts = objects(config.accounts).flatMap(([account, a]) => {
    if (seen.has(account.accountId)) return [];
    seen.add(account.accountId);
    if (!valid(RULES.accountId, account.accountId) || !valid(RULES.region, account.region))
      return [];
    return [
      ...eventPublishingClaims(account, ["accounts", a, "eventPublishing"]),
      ...sendingClaims(account, ["accounts", a, "sending"]),
    ];
  });
  return [...state, ...accounts];
}

/** Reports every name already claimed in its namespace, once per path; see the module comment. */
export function checkNamespaces(ctx: Ctx, config: Loose): void {
  const first = new Map<string, Claim>();
  const reported = new Set<string>();
  for (const claim of allClaims(config)) {
    const key = `${claim.space}\n${claim.ignoreCase ? claim.name.toLowerCase() : claim.name}`;
    const owner = first.get(key);
    if (!owner) {
      first.set(key, claim);
      continue;
    }
    const where = formatPath(claim.path);
    if (reported.has(where)) continue;
    reported.add(where);
    issue(
      ctx,
      claim.path,
      `must give a name of its own among ${claim.space}${claim.ignoreCase ? " (compared without case)" : ""}; ${claim.isDefault ? "its default name " : ""}${show(claim.name)} is already the name from ${formatPath(owner.path)}${claim.isDefault ? " (set its name to another)" : ""}`,
    );
  }
}
