import {
  EVENT_QUERIES_DEFAULTS,
  FIREHOSE_EVENT_STREAM_DEFAULTS,
} from "../private/construct-defaults";
import {
  BUFFERING_SIZE_MB,
  FIREHOSE_COMPRESSION_FORMATS,
  FORMAT_CONVERSION,
  PARQUET_BUFFER_REASON,
  PARQUET_COMPRESSION_REASON,
  RULES,
} from "../private/aws-facts";
import { partitionLayout, resultPrefixProblem } from "../private/ses-event-schema";
import { show } from "../private/show";
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

/**
 * Checks of `eventPublishing.deliveryStream.parquet`: Firehose converts records with the columns
 * of the event lake's Parquet table, so it needs `eventLake`; and format conversion takes only an
 * uncompressed S3 destination and a buffer of at least 64 MiB (the stream's defaults with
 * `parquet`, so only values given otherwise are refused).
 */
export function checkParquet(ctx: Ctx, account: Loose, path: Path): void {
  const publishing = account.eventPublishing as Loose | undefined;
  const stream = publishing?.deliveryStream as Loose | undefined;
  if (typeof stream !== "object" || stream === null || stream.parquet !== true) return;
  const streamPath = [...path, "eventPublishing", "deliveryStream"];
  const lake = publishing?.eventLake;
  if (typeof lake !== "object" || lake === null) {
    issue(
      ctx,
      [...streamPath, "parquet"],
      "can be true only with eventPublishing.eventLake (Firehose converts the events with the columns of the event lake's Parquet table); got true without it",
    );
  }
  // Only values the schema accepts: anything else is already reported there.
  const { compression, bufferingSizeMb } = stream;
  const formats: readonly unknown[] = FIREHOSE_COMPRESSION_FORMATS;
  if (formats.includes(compression) && compression !== FORMAT_CONVERSION.compression) {
    issue(
      ctx,
      [...streamPath, "compression"],
      `must be ${show(FORMAT_CONVERSION.compression)} with parquet (${PARQUET_COMPRESSION_REASON}); got ${show(compression)}`,
    );
  }
  const min = FORMAT_CONVERSION.minBufferingSizeMb;
  const size = typeof bufferingSizeMb === "number" ? bufferingSizeMb : NaN;
  if (Number.isInteger(size) && size >= BUFFERING_SIZE_MB.min && size < min) {
    issue(
      ctx,
      [...streamPath, "bufferingSizeMb"],
      `must be at least ${min} MiB with parquet (${PARQUET_BUFFER_REASON}); got ${show(bufferingSizeMb)}`,
    );
  }
}
