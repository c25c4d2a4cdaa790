/**
 * The shape of the SES event records Kinesis Data Firehose writes to S3, as Glue (Hive) column
 * types, and the partition projection that matches the S3 keys Firehose writes. No cdktf here:
 * the event table construct and the tests that read stored events with DuckDB use the same facts.
 *
 * Field names follow "Contents of event data that Amazon SES publishes to Kinesis Data Firehose"
 * (SES Developer Guide): one JSON object per line, `eventType` plus `mail` and one object named for
 * the type. The rendering-failure object is `failure`; `deliveryDelay` and `subscription` come
 * from SESv2 configuration sets. Timestamps stay strings (ISO 8601, UTC) so one query text works
 * in Athena and DuckDB.
 */

const recipientStatus = "struct<emailAddress:string,status:string,diagnosticCode:string>";
const topicPreferences =
  "struct<unsubscribeAll:boolean,topicSubscriptionStatus:array<struct<topicName:string,subscriptionStatus:string>>>";
/** SES message tags: each name maps to its values (a tag can carry several). */
const tagMap = "map<string,array<string>>";

/** A column of the event table: its name in the JSON record and its Hive type. */
export interface EventColumn {
  /** The JSON key, as SES writes it (Glue stores the column name lowercased). */
  readonly jsonKey: string;
  readonly type: string;
}

/** Every top-level object of an SES event record, v1 and v2 event types. */
export const SES_EVENT_COLUMNS: readonly EventColumn[] = [
  { jsonKey: "eventType", type: "string" },
  {
    jsonKey: "mail",
    type: `struct<timestamp:string,source:string,sourceArn:string,sendingAccountId:string,messageId:string,destination:array<string>,headersTruncated:boolean,headers:array<struct<name:string,value:string>>,commonHeaders:struct<from:array<string>,to:array<string>,messageId:string,subject:string>,tags:${tagMap}>`,
  },
  {
    jsonKey: "bounce",
    type: "struct<bounceType:string,bounceSubType:string,bouncedRecipients:array<struct<emailAddress:string,action:string,status:string,diagnosticCode:string>>,timestamp:string,feedbackId:string,reportingMTA:string>",
  },
  {
    jsonKey: "complaint",
    type: "struct<complainedRecipients:array<struct<emailAddress:string>>,timestamp:string,feedbackId:string,complaintSubType:string,userAgent:string,complaintFeedbackType:string,arrivalDate:string>",
  },
  {
    jsonKey: "delivery",
    type: "struct<timestamp:string,processingTimeMillis:bigint,recipients:array<string>,smtpResponse:string,reportingMTA:string>",
  },
  // `send` is an empty object: a map keeps the column without inventing fields.
  { jsonKey: "send", type: "map<string,string>" },
  { jsonKey: "reject", type: "struct<reason:string>" },
  { jsonKey: "open", type: "struct<ipAddress:string,timestamp:string,userAgent:string>" },
  {
    jsonKey: "click",
    type: `struct<ipAddress:string,timestamp:string,userAgent:string,link:string,linkTags:${tagMap}>`,
  },
  { jsonKey: "failure", type: "struct<errorMessage:string,templateName:string>" },
  {
    jsonKey: "deliveryDelay",
    type: `struct<timestamp:string,delayType:string,expirationTime:string,reportingMTA:string,delayedRecipients:array<${recipientStatus}>>`,
  },
  {
    jsonKey: "subscription",
    type: `struct<contactList:string,timestamp:string,source:string,newTopicPreferences:${topicPreferences},oldTopicPreferences:${topicPreferences}>`,
  },
];

/** The partition column, a string such as `2026/12/07/08` with Firehose's default layout. */
export const PARTITION_COLUMN = "dt";

/** How Firehose lays out object keys under a prefix, as Athena's partition projection says it. */
export interface PartitionLayout {
  /** The key prefix every event object starts with (the table's location). */
  readonly staticPrefix: string;
  /** `storage.location.template` relative to the bucket, with `${dt}` where the time goes. */
  readonly keyTemplate: string;
  /** The `dt` format: Java DateTimeFormatter, which Firehose's `!{timestamp:…}` also uses. */
  readonly format: string;
  /** The projection interval unit: the finest time unit the format writes. */
  readonly intervalUnit: "HOURS" | "DAYS" | "MONTHS" | "YEARS";
}

/** Firehose's layout when the prefix has no expression: `<prefix>YYYY/MM/dd/HH/`, in UTC. */
export const FIREHOSE_DEFAULT_TIME_FORMAT = "yyyy/MM/dd/HH";

const EXPRESSION = /!\{([^{}]*)\}/g;

/**
 * The partition layout of events Firehose writes under `prefix`, or a phrase saying why the prefix
 * cannot be projected (it completes "must …"). A prefix without expressions gets Firehose's
 * default time folders; one with exactly one `!{timestamp:…}` and no other expression is
 * projected on that timestamp.
 */
export function partitionLayout(prefix: string): PartitionLayout | string {
  const expressions = [...prefix.matchAll(EXPRESSION)].map((m) => m[1]);
  if (expressions.length === 0) {
    return {
      staticPrefix: prefix,
      keyTemplate: `${prefix}\${${PARTITION_COLUMN}}/`,
      format: FIREHOSE_DEFAULT_TIME_FORMAT,
      intervalUnit: "HOURS",
    };
  }
  const timestamp = /^timestamp:(.+)$/.exec(expressions[0]);
  if (expressions.length > 1 || !timestamp) {
    return "use no expression or exactly one !{timestamp:…} (the event table projects one time partition; !{firehose:random-string} or several expressions cannot be projected)";
  }
  const format = timestamp[1];
  const unit = intervalUnit(format);
  if (!unit) return `use a !{timestamp:…} format with a year (yyyy); got ${format}`;
  return {
    staticPrefix: prefix.slice(0, prefix.indexOf("!{")),
    keyTemplate: prefix.replace(EXPRESSION, `\${${PARTITION_COLUMN}}`),
    format,
    intervalUnit: unit,
  };
}

/** The folder, right after the static part of the event prefix, that Parquet objects go to. */
export const PARQUET_FOLDER = "parquet/";

/**
 * Where Firehose writes Parquet when the JSON events go under `prefix`: `PARQUET_FOLDER` inserted
 * after the prefix's static part, the time layout kept (`ses/` gives `ses/parquet/`,
 * `events/!{timestamp:yyyy/MM/dd}/` gives `events/parquet/!{timestamp:yyyy/MM/dd}/`). The JSON
 * table's projection never reads there: its `dt` values start with the year.
 */
export function parquetPrefix(prefix: string): string {
  const at = prefix.includes("!{") ? prefix.indexOf("!{") : prefix.length;
  return `${prefix.slice(0, at)}${PARQUET_FOLDER}${prefix.slice(at)}`;
}

function intervalUnit(format: string): PartitionLayout["intervalUnit"] | undefined {
  if (!format.includes("yyyy")) return undefined;
  if (format.includes("HH")) return "HOURS";
  if (format.includes("dd")) return "DAYS";
  if (format.includes("MM")) return "MONTHS";
  return "YEARS";
}

/**
 * Why query results cannot go under `resultPrefix` of the event bucket, or undefined: results
 * under the events' or the delivery errors' prefix (or a prefix above them) would be read back
 * as events. The phrase completes "must …".
 */
export function resultPrefixProblem(
  resultPrefix: string,
  eventPrefixes: readonly string[],
): string | undefined {
  if (!resultPrefix.endsWith("/")) return "end with / (a folder of its own)";
  for (const prefix of eventPrefixes) {
    const fixed = prefix.split("!{")[0];
    if (fixed.startsWith(resultPrefix) || resultPrefix.startsWith(fixed)) {
      return `not overlap the prefix Firehose writes under (${JSON.stringify(prefix)}): queries would read their own results`;
    }
  }
  return undefined;
}
