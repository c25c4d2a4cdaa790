import { EVENT_QUERIES_DEFAULTS } from "../constructs/ses-event-queries";
import { FIREHOSE_EVENT_STREAM_DEFAULTS } from "../constructs/firehose-event-stream";
import { RULES } from "../private/aws-facts";
import { partitionLayout, resultPrefixProblem } from "../private/ses-event-schema";
import { show } from "../private/validation";
import { Ctx, Loose, Path, issue, publishesToFirehose, valid } from "./check-helpers";

/**
 * Cross-field checks of an account's `eventPublishing.eventLake`: the table reads what Firehose
 * writes, so it needs a Firehose destination and a prefix its partition projection can follow;
 * query results stay out of the prefixes Firehose writes under.
 */
export function checkEventLake(ctx: Ctx, account: Loose, path: Path): void {
  const publishing = account.eventPublishing as Loose | undefined;
  const lake = publishing?.eventLake as Loose | undefined;
  if (typeof lake !== "object" || lake === null) return;
  const lakePath = [...path, "eventPublishing", "eventLake"];
  if (!publishesToFirehose(account)) {
    issue(
      ctx,
      lakePath,
      "needs a configuration set with a Firehose event destination (the table reads what Firehose writes); the account has none",
    );
  }
  const stream = (publishing?.deliveryStream ?? {}) as Loose;
  const prefixes = (["prefix", "errorOutputPrefix"] as const).map((field) => {
    const value = stream[field] ?? FIREHOSE_EVENT_STREAM_DEFAULTS[field];
    return valid(RULES.s3Prefix, value) ? value : undefined;
  });
  const [prefix] = prefixes;
  if (prefix !== undefined) {
    const layout = partitionLayout(prefix);
    if (typeof layout === "string") {
      issue(
        ctx,
        [...path, "eventPublishing", "deliveryStream", "prefix"],
        `must ${layout} when eventLake is on; got ${show(prefix)}`,
      );
    }
  }
  const resultPrefix = lake.resultPrefix ?? EVENT_QUERIES_DEFAULTS.resultPrefix;
  if (!valid(RULES.s3Prefix, resultPrefix)) return;
  const problem = resultPrefixProblem(
    resultPrefix,
    prefixes.filter((p): p is string => p !== undefined),
  );
  if (problem)
    issue(ctx, [...lakePath, "resultPrefix"], `must ${problem}; got ${show(resultPrefix)}`);
}
