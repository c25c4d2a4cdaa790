import { Ctx, Loose, Path, issue, objects, reportDuplicates, valid } from "./check-helpers";
import { RULES } from "../private/aws-facts";
import { parseArn } from "../private/arn";
import { destinationTargetProblem } from "../private/value-problems";
import { checkSending } from "./sending-cross-checks";
import { checkEventLake, checkParquet } from "./event-lake-checks";
import { smtpCrossChecks } from "./smtp-cross-checks";
import { apiEndpointChecks } from "./api-endpoint-checks";
import { checkNamespaces } from "./namespace-checks";
import { checkRegions } from "./region-checks";
import { checkTags } from "./tag-checks";
import { checkAdoption } from "./adopt-checks";
import { checkAddresses } from "./address-checks";
import { checkAdoptTargets } from "./adopt-target-checks";
import { checkClaims } from "./claim-checks";
import { checkReferences } from "./reference-checks";
import { checkSesV2 } from "./sesv2-checks";

/**
 * Checks that span several fields: duplicates, references and exclusive choices (see
 * check-helpers.ts for why they read the input defensively).
 */

function checkDestinationTargets(ctx: Ctx, destination: Loose, path: Path): void {
  const problem = destinationTargetProblem(destination);
  if (problem) issue(ctx, path, problem);
}

function checkEventPublishing(ctx: Ctx, publishing: unknown, path: Path): void {
  if (typeof publishing !== "object" || publishing === null) return;
  const sets = (publishing as Loose).configurationSets;
  reportDuplicates(
    ctx,
    sets,
    "name",
    [...path, "configurationSets"],
    "the account's configuration sets",
  );
  for (const [set, s] of objects(sets)) {
    const setPath = [...path, "configurationSets", s, "eventDestinations"];
    reportDuplicates(
      ctx,
      set.eventDestinations,
      "name",
      setPath,
      "the configuration set's event destinations",
    );
    for (const [destination, d] of objects(set.eventDestinations)) {
      checkDestinationTargets(ctx, destination, [...setPath, d]);
    }
  }
}

/** `roleArn` and `planRoleArn` must be two different roles of the stack's own account. */
function checkRoles(ctx: Ctx, account: Loose, path: Path): void {
  if (valid(RULES.roleArn, account.planRoleArn) && account.planRoleArn === account.roleArn) {
    ctx.addIssue({
      code: "custom",
      path: [...path, "planRoleArn"],
      input: account.planRoleArn,
      message:
        "must be a different role from roleArn (it is the read-only role pull requests assume; roleArn applies), or be left out to plan this stack offline",
    });
  }
  if (!valid(RULES.accountId, account.accountId)) return;
  for (const key of ["roleArn", "planRoleArn"]) {
    const arn: unknown = account[key];
    if (!valid(RULES.roleArn, arn)) continue;
    const roleAccount = parseArn(arn)!.accountId; // the rule admits only known partitions
    if (roleAccount !== account.accountId) {
      ctx.addIssue({
        code: "custom",
        path: [...path, key],
        input: arn,
        message: `must be a role in the account itself (${account.accountId}); it names account ${roleAccount}`,
      });
    }
  }
}

/** The configuration's cross-field checks; see the module comment. */
export function crossChecks(config: unknown, ctx: Ctx): void {
  if (typeof config !== "object" || config === null) return;
  const accounts = (config as Loose).accounts;
  reportDuplicates(ctx, accounts, "name", ["accounts"], "account names");
  reportDuplicates(
    ctx,
    accounts,
    "accountId",
    ["accounts"],
    "account ids (one entry per AWS account)",
  );
  for (const [account, a] of objects(accounts)) {
    checkRoles(ctx, account, ["accounts", a]);
    checkEventPublishing(ctx, account.eventPublishing, ["accounts", a, "eventPublishing"]);
    checkSesV2(ctx, account, ["accounts", a, "eventPublishing"]);
    checkSending(ctx, account, ["accounts", a, "sending"]);
    checkEventLake(ctx, account, ["accounts", a]);
    checkParquet(ctx, account, ["accounts", a]);
  }
  const hubs = (config as Loose).smtpHubs;
  reportDuplicates(ctx, hubs, "region", ["smtpHubs"], "hub regions (one SMTP hub per region)");
  for (const [hub, h] of objects(hubs)) checkRoles(ctx, hub, ["smtpHubs", h]);
  smtpCrossChecks(ctx, hubs, accounts);
  apiEndpointChecks(ctx, config as Loose);
  checkTags(ctx, config as Loose);
  checkNamespaces(ctx, config as Loose);
  checkRegions(ctx, config as Loose);
  checkAdoption(ctx, config as Loose);
  checkAdoptTargets(ctx, config as Loose);
  checkClaims(ctx, config as Loose);
  checkReferences(ctx, config as Loose);
  checkAddresses(ctx, config as Loose);
}
