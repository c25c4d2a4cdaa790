import { keyRegionProblem } from "../private/kms";
import { Ctx, Loose, Path } from "./check-helpers";

/**
 * Customer-managed KMS keys must be in the region (and partition) of the resources they encrypt:
 * KMS keys are regional. Checked before synthesis for the account-wide key, every per-resource
 * key, and the state key.
 */

/** Where an account names a KMS key, relative to the account. */
const ACCOUNT_KEY_PATHS: readonly Path[] = [
  ["kmsKeyArn"],
  ["eventPublishing", "bucket", "kmsKeyArn"],
  ["eventPublishing", "deliveryStream", "kmsKeyArn"],
  ["eventPublishing", "logs", "kmsKeyArn"],
  ["sending", "secretKmsKeyArn"],
  ["sending", "alarms", "topicKmsKeyArn"],
];

function at(value: unknown, path: Path): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Loose)[key];
  }
  return current;
}

function checkKey(ctx: Ctx, keyArn: unknown, region: unknown, path: Path): void {
  if (typeof keyArn !== "string" || typeof region !== "string") return;
  const problem = keyRegionProblem(keyArn, region);
  if (problem) {
    ctx.addIssue({ code: "custom", path, input: keyArn, message: `must be ${problem}` });
  }
}

/** Every KMS key an account names is in the account's region. */
export function checkAccountKeys(ctx: Ctx, account: Loose, path: Path): void {
  for (const keyPath of ACCOUNT_KEY_PATHS) {
    checkKey(ctx, at(account, keyPath), account.region, [...path, ...keyPath]);
  }
}

/** The state key is in the state bucket's region. */
export function checkStateKey(ctx: Ctx, state: unknown): void {
  const s3 = at(state, ["s3"]) as Loose | undefined;
  checkKey(ctx, s3?.kmsKeyArn, s3?.region, ["state", "s3", "kmsKeyArn"]);
}
