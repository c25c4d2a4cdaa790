import { defaultEventBucketName } from "../private/construct-defaults";
import { RULES, SENDING_RULES } from "../private/aws-facts";
import { parseArn } from "../private/arn";
import { show } from "../private/show";
import { Ctx, Loose, Path, issue, objects, publishesToFirehose, valid } from "./check-helpers";
import { formatPath } from "./config-error";

/**
 * References AWS refuses at apply, caught from the file: S3 delivers server access logs only to a
 * bucket of the source bucket's own account and region (and never into the bucket itself), and
 * IAM attaches a permissions boundary only from the user's own account or AWS's managed policies.
 * References AWS accepts with a resource policy (KMS keys of another account) stay behind
 * `allow.*` (region-checks.ts).
 */

interface EventBucket {
  readonly name: string;
  readonly accountId: string;
  readonly path: Path;
}

/** The event bucket of every account that names or defaults one. */
function eventBuckets(config: Loose): EventBucket[] {
  return objects(config.accounts).flatMap(([account, a]) => {
    const publishing = account.eventPublishing as Loose | undefined;
    if (typeof publishing !== "object" || publishing === null || !publishesToFirehose(account))
      return [];
    if (!valid(RULES.accountId, account.accountId) || !valid(RULES.region, account.region))
      return [];
    const bucket = (publishing.bucket ?? {}) as Loose;
    const path: Path = ["accounts", a, "eventPublishing", "bucket"];
    return typeof bucket.name === "string"
      ? [{ name: bucket.name, accountId: account.accountId, path: [...path, "name"] }]
      : [
          {
            name: defaultEventBucketName(account.accountId, account.region),
            accountId: account.accountId,
            path,
          },
        ];
  });
}

function checkAccessLogging(ctx: Ctx, config: Loose): void {
  const buckets = eventBuckets(config);
  for (const [account, a] of objects(config.accounts)) {
    const bucket = ((account.eventPublishing as Loose | undefined)?.bucket ?? {}) as Loose;
    const target = (bucket.accessLogging as Loose | undefined)?.targetBucket;
    if (typeof target !== "string") continue;
    const at = ["accounts", a, "eventPublishing", "bucket", "accessLogging", "targetBucket"];
    const own = buckets.find((b) => b.path[1] === a);
    const other = buckets.find((b) => b.name === target && b.path[1] !== a);
    if (own?.name === target) {
      issue(
        ctx,
        at,
        `must be another bucket than the event bucket (logging a bucket into itself logs its own log writes); got ${show(target)}`,
      );
    } else if (other && other.accountId !== account.accountId) {
      issue(
        ctx,
        at,
        `must be a bucket of account ${String(account.accountId)} in ${String(account.region)} (S3 delivers server access logs only to a bucket of the source bucket's account and region); ${show(target)} is the event bucket of account ${other.accountId} at ${formatPath(other.path)}`,
      );
    }
  }
}

function checkPermissionsBoundary(ctx: Ctx, config: Loose): void {
  for (const [account, a] of objects(config.accounts)) {
    const arn = (account.sending as Loose | undefined)?.permissionsBoundaryArn;
    if (!valid(SENDING_RULES.iamPolicyArn, arn) || !valid(RULES.accountId, account.accountId))
      continue;
    const owner = parseArn(arn)!.accountId; // the rule admits only the partitions parseArn knows
    if (owner === "aws" || owner === account.accountId) continue;
    issue(
      ctx,
      ["accounts", a, "sending", "permissionsBoundaryArn"],
      `must be a policy of account ${account.accountId} or an AWS managed policy (IAM sets a permissions boundary only from the user's own account); it names account ${owner}`,
    );
  }
}

/** The reference checks; see the module comment. */
export function checkReferences(ctx: Ctx, config: Loose): void {
  checkAccessLogging(ctx, config);
  checkPermissionsBoundary(ctx, config);
}
