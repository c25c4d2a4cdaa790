import { ArnParts, parseArn, partitionOf } from "../private/arn";
import { RULES } from "../private/aws-facts";
import { show } from "../private/show";
import { NON_SES_REGIONS, SES_REGIONS } from "../private/ses-facts";
import { Ctx, Loose, Path, issue, objects, strings, valid, walkStrings } from "./check-helpers";

/**
 * Regions and partitions: an account's or hub's region must be one where SES and the email-smtp
 * endpoint service exist (SES_REGIONS, or `allow.regions` for one AWS added since), the state
 * bucket's an AWS region (with NON_SES_REGIONS), and every ARN
 * under an account, hub or state backend must be in its region's partition. A KMS key must be in
 * the region of the resource that uses it and, unless `allow.crossAccountKmsKeys` lists it, in its
 * account; an SNS destination topic must be in the account's region.
 */

/** Where ARNs are used: the region (and account) of the resources that use them. */
interface Scope {
  readonly path: Path;
  readonly value: Loose;
  readonly region: string;
  /** The account that uses the keys; undefined for the state backend (its account is not configured). */
  readonly accountId?: string;
  readonly what: string;
}

function scopes(config: Loose): Scope[] {
  const inScope = (value: Loose, path: Path, what: string): Scope[] =>
    valid(RULES.region, value.region)
      ? [
          {
            path,
            value,
            region: value.region,
            accountId: valid(RULES.accountId, value.accountId) ? value.accountId : undefined,
            what,
          },
        ]
      : [];
  const s3 = (config.state as Loose | undefined)?.s3;
  return [
    ...objects(config.accounts).flatMap(([account, a]) =>
      inScope(account, ["accounts", a], "account"),
    ),
    ...objects(config.smtpHubs).flatMap(([hub, h]) => inScope(hub, ["smtpHubs", h], "hub")),
    ...(typeof s3 === "object" && s3 !== null
      ? inScope({ ...(s3 as Loose), accountId: undefined }, ["state", "s3"], "state bucket")
      : []),
  ];
}

/** An account's or hub's region must have SES; the state bucket's must only exist. */
function checkRegion(ctx: Ctx, scope: Scope, allowed: string[]): void {
  const isState = scope.what === "state bucket";
  if ([...SES_REGIONS, ...(isState ? NON_SES_REGIONS : []), ...allowed].includes(scope.region))
    return;
  const what = isState
    ? `an AWS region (${[...SES_REGIONS, ...NON_SES_REGIONS].join(", ")})`
    : `a region where SES and its email-smtp endpoint service exist (${SES_REGIONS.join(", ")})`;
  issue(
    ctx,
    [...scope.path, "region"],
    `must be ${what}, or be listed under allow.regions if AWS has added it since; got ${show(scope.region)}`,
  );
}

function arnProblem(
  key: string,
  arn: ArnParts,
  scope: Scope,
  crossAccountKeys: string[],
  text: string,
): string | undefined {
  const partition = partitionOf(scope.region);
  if (arn.partition !== partition) {
    return `must be in partition ${partition}, the partition of ${scope.region} (arn:${partition}:…); it names partition ${arn.partition}`;
  }
  if (/kmsKeyArn$/i.test(key) && arn.service === "kms") {
    if (arn.region !== scope.region)
      return `must be a key in ${scope.region}, the region of the ${scope.what} that uses it; it is in ${show(arn.region)}`;
    if (scope.accountId && arn.accountId !== scope.accountId && !crossAccountKeys.includes(text)) {
      return `must be a key of account ${scope.accountId}, which uses it, or be listed in allow.crossAccountKmsKeys (with a key policy that lets that account use it); it is in account ${show(arn.accountId)}`;
    }
  }
  if (key === "topicArn" && arn.service === "sns" && arn.region !== scope.region)
    return `must be a topic in ${scope.region}, the region of the account's configuration sets; it is in ${show(arn.region)}`;
  return undefined;
}

/** The region and ARN checks; see the module comment. */
export function checkRegions(ctx: Ctx, config: Loose): void {
  const allow = (config.allow ?? {}) as Loose;
  const regions = strings(allow.regions).map(([r]) => r);
  const crossAccountKeys = strings(allow.crossAccountKmsKeys).map(([k]) => k);
  for (const scope of scopes(config)) {
    checkRegion(ctx, scope, regions);
    walkStrings(scope.value, scope.path, (text, path, isKey) => {
      const arn = isKey ? undefined : parseArn(text);
      if (!arn) return;
      const at = path();
      const problem = arnProblem(String(at[at.length - 1]), arn, scope, crossAccountKeys, text);
      if (problem) issue(ctx, at, problem);
    });
  }
}
