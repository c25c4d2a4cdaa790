import { Ctx, Loose, Path, issue, objects, reportDuplicates } from "./check-helpers";
import { smtpCrossChecks } from "./smtp-cross-checks";
import { isAlarmPeriod, maxAlarmWindowSeconds } from "../private/rules";

/**
 * Checks that span several fields: duplicates, references and exclusive choices (see
 * check-helpers.ts for why they read the input defensively).
 */

const DESTINATION_TARGETS = ["cloudwatch", "firehose", "sns"] as const;

function checkDestinationTargets(ctx: Ctx, destination: Loose, path: Path): void {
  const present = DESTINATION_TARGETS.filter((target) => destination[target] !== undefined);
  if (present.length === 1) return;
  issue(
    ctx,
    path,
    present.length === 0
      ? `must have exactly one target (one of ${DESTINATION_TARGETS.join(", ")}); it has none`
      : `must have exactly one target (one of ${DESTINATION_TARGETS.join(", ")}); it has ${present.join(" and ")}`,
  );
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

function checkRoleAccount(ctx: Ctx, account: Loose, path: Path): void {
  const { roleArn, accountId } = account;
  if (typeof roleArn !== "string" || typeof accountId !== "string" || !/^\d{12}$/.test(accountId))
    return;
  const roleAccount = roleArn.split(":")[4];
  if (roleAccount && roleAccount !== accountId) {
    ctx.addIssue({
      code: "custom",
      path: [...path, "roleArn"],
      input: roleArn,
      message: `must be a role in the account itself (${accountId}); it names account ${roleAccount}`,
    });
  }
}

/** The configuration set an account's sending uses: the named one, else the account's only one. */
function sendingSetName(account: Loose): { name?: string; problem?: string } {
  const sending = account.sending as Loose;
  const sets = objects((account.eventPublishing as Loose | undefined)?.configurationSets);
  const names = sets.map(([set]) => set.name).filter((n): n is string => typeof n === "string");
  if (typeof sending.configurationSet === "string") {
    return names.includes(sending.configurationSet)
      ? { name: sending.configurationSet }
      : {
          problem: `must name one of the account's configuration sets (${names.join(", ") || "it has none: add eventPublishing"}); got ${JSON.stringify(sending.configurationSet)}`,
        };
  }
  if (names.length > 1) {
    return {
      problem: `is required when the account has several configuration sets (${names.join(", ")})`,
    };
  }
  return { name: names[0] };
}

/** CloudWatch evaluates at most 1 day (7 days from hourly periods) of an alarm's periods. */
function checkAlarmWindow(ctx: Ctx, alarms: unknown, path: Path): void {
  if (typeof alarms !== "object" || alarms === null) return;
  const { periodSeconds = 3600, evaluationPeriods } = alarms as Loose;
  if (
    typeof periodSeconds !== "number" ||
    !isAlarmPeriod(periodSeconds) ||
    typeof evaluationPeriods !== "number"
  )
    return;
  const window = maxAlarmWindowSeconds(periodSeconds);
  const most = Math.floor(window / periodSeconds);
  if (evaluationPeriods > most) {
    issue(
      ctx,
      [...path, "evaluationPeriods"],
      `must be at most ${most} with periodSeconds ${periodSeconds} (CloudWatch evaluates at most ${window} seconds at that period); got ${evaluationPeriods}`,
    );
  }
}

function checkSending(ctx: Ctx, account: Loose, path: Path): void {
  const sending = account.sending;
  if (typeof sending !== "object" || sending === null) return;
  const { domain, mailFromDomain } = sending as Loose;
  if (
    typeof domain === "string" &&
    typeof mailFromDomain === "string" &&
    !mailFromDomain.endsWith(`.${domain}`)
  ) {
    issue(
      ctx,
      [...path, "mailFromDomain"],
      `must be a subdomain of ${domain} such as mail.${domain}; got ${JSON.stringify(mailFromDomain)}`,
    );
  }
  reportDuplicates(
    ctx,
    (sending as Loose).applications,
    "name",
    [...path, "applications"],
    "the account's sending applications",
  );
  checkAlarmWindow(ctx, (sending as Loose).alarms, [...path, "alarms"]);
  const set = sendingSetName(account);
  if (set.problem) issue(ctx, [...path, "configurationSet"], set.problem);
  const chosen = objects((account.eventPublishing as Loose | undefined)?.configurationSets).find(
    ([s]) => s.name === set.name,
  );
  if (chosen && chosen[0].reputationMetricsEnabled === false) {
    issue(
      ctx,
      [
        "accounts",
        path[1],
        "eventPublishing",
        "configurationSets",
        chosen[1],
        "reputationMetricsEnabled",
      ],
      "must be true (or left out) for the configuration set the account sends with: the reputation alarms watch its metrics",
    );
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
    checkRoleAccount(ctx, account, ["accounts", a]);
    checkEventPublishing(ctx, account.eventPublishing, ["accounts", a, "eventPublishing"]);
    checkSending(ctx, account, ["accounts", a, "sending"]);
  }
  const hubs = (config as Loose).smtpHubs;
  reportDuplicates(ctx, hubs, "region", ["smtpHubs"], "hub regions (one SMTP hub per region)");
  for (const [hub, h] of objects(hubs)) checkRoleAccount(ctx, hub, ["smtpHubs", h]);
  smtpCrossChecks(ctx, hubs, accounts);
}
