import type { z } from "zod";
import { formatPath } from "./config-error";

/**
 * Checks that span several fields: duplicates, references and exclusive choices.
 *
 * They run even when other parts of the input are invalid (so every problem is reported at
 * once), which is why they read the input defensively instead of trusting its types.
 */

type Ctx = z.RefinementCtx;
type Path = (string | number)[];
type Loose = Record<string, unknown>;

const DESTINATION_TARGETS = ["cloudwatch", "firehose", "sns"] as const;

function objects(value: unknown): [Loose, number][] {
  if (!Array.isArray(value)) return [];
  return value
    .map((item, index): [unknown, number] => [item, index])
    .filter((pair): pair is [Loose, number] => typeof pair[0] === "object" && pair[0] !== null);
}

/** Reports every item whose `key` repeats an earlier item's, naming the first one. */
export function reportDuplicates(
  ctx: Ctx,
  items: unknown,
  key: string,
  path: Path,
  what: string,
): void {
  const seen = new Map<unknown, number>();
  for (const [item, index] of objects(items)) {
    const value = item[key];
    if (typeof value !== "string") continue;
    const first = seen.get(value);
    if (first === undefined) {
      seen.set(value, index);
    } else {
      ctx.addIssue({
        code: "custom",
        path: [...path, index, key],
        params: { hideValue: true },
        message: `must be unique among ${what}; ${JSON.stringify(value)} is already used at ${formatPath([...path, first, key])}`,
      });
    }
  }
}

function checkDestinationTargets(ctx: Ctx, destination: Loose, path: Path): void {
  const present = DESTINATION_TARGETS.filter((target) => destination[target] !== undefined);
  if (present.length === 1) return;
  ctx.addIssue({
    code: "custom",
    path,
    params: { hideValue: true },
    message:
      present.length === 0
        ? `must have exactly one target (one of ${DESTINATION_TARGETS.join(", ")}); it has none`
        : `must have exactly one target (one of ${DESTINATION_TARGETS.join(", ")}); it has ${present.join(" and ")}`,
  });
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
  }
}
