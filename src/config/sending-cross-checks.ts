import { REPUTATION_ALARMS_DEFAULTS } from "../private/construct-defaults";
import { RULES } from "../private/aws-facts";
import { alarmWindowProblem, isAlarmPeriod, mailFromProblem } from "../private/value-problems";
import { show } from "../private/show";
import { Ctx, Loose, Path, issue, objects, valid } from "./check-helpers";

/**
 * Cross-field checks of an account's `sending`: the MAIL FROM domain, alarm
 * windows, the configuration set it sends with, and the dimension of the send-volume alarm.
 */

function configurationSets(account: Loose): [Loose, number][] {
  return objects((account.eventPublishing as Loose | undefined)?.configurationSets);
}

/** The configuration set an account's sending uses: the named one, else the account's only one. */
function sendingSetName(account: Loose): { name?: string; problem?: string } {
  const sending = account.sending as Loose;
  const names = configurationSets(account)
    .map(([set]) => set.name)
    .filter((n) => valid(RULES.sesName, n));
  if (typeof sending.configurationSet === "string") {
    if (names.includes(sending.configurationSet)) return { name: sending.configurationSet };
    const choice = names.join(", ") || "it has none: add eventPublishing";
    return {
      problem: `must name one of the account's configuration sets (${choice}); got ${show(sending.configurationSet)}`,
    };
  }
  if (names.length > 1) {
    return {
      problem: `is required when the account has several configuration sets (${names.join(", ")})`,
    };
  }
  return { name: names[0] };
}

function checkConfigurationSet(ctx: Ctx, account: Loose, path: Path): void {
  const set = sendingSetName(account);
  if (set.problem) issue(ctx, [...path, "configurationSet"], set.problem);
  const chosen = configurationSets(account).find(([s]) => s.name === set.name);
  if (chosen && chosen[0].reputationMetricsEnabled === false) {
    issue(
      ctx,
      [
        ...path.slice(0, 2),
        "eventPublishing",
        "configurationSets",
        chosen[1],
        "reputationMetricsEnabled",
      ],
      "must be true (or left out) for the configuration set the account sends with, so SES tracks its bounce and complaint rates per configuration set",
    );
  }
}

/** CloudWatch evaluates at most 1 day (7 days from hourly periods) of an alarm's periods. */
function checkAlarmWindows(ctx: Ctx, alarms: Loose, path: Path): void {
  const {
    periodSeconds = REPUTATION_ALARMS_DEFAULTS.periodSeconds,
    evaluationPeriods = REPUTATION_ALARMS_DEFAULTS.evaluationPeriods,
    sendVolume,
  } = alarms;
  if (typeof evaluationPeriods !== "number") return;
  const periods: [unknown, string][] = [[periodSeconds, "periodSeconds"]];
  if (typeof sendVolume === "object" && sendVolume !== null) {
    periods.push([(sendVolume as Loose).periodSeconds, "sendVolume.periodSeconds"]);
  }
  for (const [period, label] of periods) {
    if (typeof period !== "number" || !isAlarmPeriod(period)) continue;
    const problem = alarmWindowProblem(period, evaluationPeriods, label);
    if (problem) issue(ctx, [...path, "evaluationPeriods"], `${problem}; got ${evaluationPeriods}`);
  }
}

/**
 * SES publishes `Send` with a CloudWatch destination's whole dimension set, so the send-volume
 * alarm only sees data when a destination publishing `send` has exactly its one dimension.
 */
function checkSendVolumeDimension(ctx: Ctx, account: Loose, alarms: Loose, path: Path): void {
  const volume = alarms.sendVolume as Loose | undefined;
  if (typeof volume?.dimensionName !== "string") return;
  const matches = configurationSets(account).some(([set]) =>
    objects(set.eventDestinations).some(([d]) => {
      const dimensions = objects((d.cloudwatch as Loose | undefined)?.dimensions).map(
        ([dim]) => dim.name,
      );
      const types = Array.isArray(d.matchingTypes) ? d.matchingTypes : [];
      return (
        types.includes("send") && dimensions.length === 1 && dimensions[0] === volume.dimensionName
      );
    }),
  );
  if (!matches) {
    issue(
      ctx,
      [...path, "sendVolume", "dimensionName"],
      `must be the only dimension of a CloudWatch event destination of this account that publishes send events (SES publishes Send with a destination's whole dimension set, so the alarm would never see data); none has just ${show(volume.dimensionName)}`,
    );
  }
}

/** The sending checks of one account; see the module comment. */
export function checkSending(ctx: Ctx, account: Loose, path: Path): void {
  const sending = account.sending;
  if (typeof sending !== "object" || sending === null) return;
  const { domain, mailFromDomain, alarms } = sending as Loose;
  if (typeof domain === "string" && typeof mailFromDomain === "string") {
    const problem = mailFromProblem(domain, mailFromDomain);
    if (problem) issue(ctx, [...path, "mailFromDomain"], `${problem}; got ${show(mailFromDomain)}`);
  }
  checkConfigurationSet(ctx, account, path);
  if (typeof alarms === "object" && alarms !== null) {
    checkAlarmWindows(ctx, alarms as Loose, [...path, "alarms"]);
    checkSendVolumeDimension(ctx, account, alarms as Loose, [...path, "alarms"]);
  }
}
