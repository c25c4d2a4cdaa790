/**
 * The Athena named queries of the event table, as the text Athena runs. The tests run the very
 * same text with DuckDB on stored SES event records, so the queries keep to what both engines
 * read the same way:
 * - times are the ISO 8601 strings SES writes; `substr(t, 1, 10)` is the UTC day;
 * - arrays of objects are walked by position: `UNNEST(sequence(1, cardinality(list))) AS t(i)`
 *   and `list[i].field` (Athena's UNNEST of an array of rows returns one column per field, DuckDB's
 *   one column holding the object; DuckDB has no `sequence` and its `cardinality` takes maps only,
 *   so the tests define both as macros: `range(a, b + 1)` and `len(list)`);
 * - a message tag is read behind `contains(map_keys(mail.tags), name)`: Athena's `map[key]` fails
 *   on a missing key (DuckDB returns NULL), and Athena's `element_at` returns what DuckDB's does not;
 * - each query takes one parameter, the first hour to read (`dt >= ?`), as text in the
 *   partition's format, for example '2026/12/01/00' (the Athena console asks for it; quote it).
 *   The partition projection turns it into the S3 prefixes to read, so a query scans only those.
 */

/** One named query: the name Athena lists, what it answers, and its SQL. */
export interface EventQuery {
  readonly name: string;
  readonly description: string;
  readonly sql: string;
}

/** The event table every query reads (in the workgroup's database). */
export const EVENT_TABLE_NAME = "events";

/** The table of the events Firehose writes as Parquet, once the conversion is on. */
export const PARQUET_TABLE_NAME = "events_parquet";

/**
 * What the queries read FROM: the event table, or with Parquet both tables as one (a table has one
 * storage format, so the events written before the switch stay in `events` and those after are in
 * `events_parquet`; each event is in exactly one). Athena pushes the `dt` filter into both sides
 * of the UNION ALL, so the projection still limits what each scans.
 */
function eventSource(parquet: boolean): string {
  if (!parquet) return EVENT_TABLE_NAME;
  const both = [EVENT_TABLE_NAME, PARQUET_TABLE_NAME].map((t) => `SELECT * FROM ${t}`);
  return `(${both.join(" UNION ALL ")}) AS ${EVENT_TABLE_NAME}`;
}

const bouncesByDay = (source: string): EventQuery => ({
  name: "bounces-by-day",
  description: "Bounced recipients by day, bounce type and subtype, with the diagnostic code.",
  sql: `SELECT substr(bounce.timestamp, 1, 10) AS day,
       bounce.bounceType AS bounce_type,
       bounce.bounceSubType AS bounce_subtype,
       bounce.bouncedRecipients[i].diagnosticCode AS diagnostic_code,
       count(*) AS recipients
FROM ${source}
CROSS JOIN UNNEST(sequence(1, cardinality(bounce.bouncedRecipients))) AS t(i)
WHERE eventtype = 'Bounce' AND dt >= ?
GROUP BY 1, 2, 3, 4
ORDER BY 1, 2, 3, 5 DESC, 4`,
});

const complaintsByDomain = (source: string): EventQuery => ({
  name: "complaints-by-feedback-type",
  description: "Complaints by feedback type and sending domain.",
  sql: `SELECT coalesce(complaint.complaintFeedbackType, 'not given') AS feedback_type,
       lower(split_part(mail.source, '@', 2)) AS sending_domain,
       count(*) AS complaints
FROM ${source}
WHERE eventtype = 'Complaint' AND dt >= ?
GROUP BY 1, 2
ORDER BY 3 DESC, 1, 2`,
});

const delaysByDomain = (source: string): EventQuery => ({
  name: "delivery-delays-by-domain",
  description: "Recipients whose delivery is delayed, by recipient domain and delay type.",
  sql: `SELECT lower(split_part(deliveryDelay.delayedRecipients[i].emailAddress, '@', 2)) AS recipient_domain,
       deliveryDelay.delayType AS delay_type,
       count(*) AS delayed_recipients,
       count(DISTINCT mail.messageId) AS messages
FROM ${source}
CROSS JOIN UNNEST(sequence(1, cardinality(deliveryDelay.delayedRecipients))) AS t(i)
WHERE eventtype = 'DeliveryDelay' AND dt >= ?
GROUP BY 1, 2
ORDER BY 3 DESC, 1, 2`,
});

/** When each event happened: the event's own timestamp, or the send time for Send and Reject. */
const EVENT_TIME = `coalesce(bounce.timestamp, complaint.timestamp, delivery.timestamp, "open".timestamp, click.timestamp, deliveryDelay.timestamp, subscription.timestamp, mail.timestamp)`;

const latestStatus = (source: string): EventQuery => ({
  name: "latest-status-by-message",
  description:
    "The latest event of every message (ties on time broken by event type), with its sender and subject.",
  sql: `SELECT message_id, latest_event, event_time, source, subject
FROM (
  SELECT mail.messageId AS message_id,
         eventtype AS latest_event,
         ${EVENT_TIME} AS event_time,
         mail.source AS source,
         mail.commonHeaders.subject AS subject,
         row_number() OVER (
           PARTITION BY mail.messageId
           ORDER BY ${EVENT_TIME} DESC, eventtype
         ) AS position
  FROM ${source}
  WHERE dt >= ?
) AS latest
WHERE position = 1
ORDER BY event_time DESC, message_id`,
});

/** The query counting events by the values of the message tag `tagName` (SES's tag-name rule). */
function byTag(source: string, tagName: string): EventQuery {
  const counted = (type: string) => `sum(CASE WHEN eventtype = '${type}' THEN 1 ELSE 0 END)`;
  return {
    name: `events-by-tag-${tagName}`,
    description: `Sends, deliveries, opens and clicks by the values of message tag ${tagName} (messages without it are left out).`,
    sql: `SELECT tag_value,
       ${counted("Send")} AS sends,
       ${counted("Delivery")} AS deliveries,
       ${counted("Open")} AS opens,
       ${counted("Click")} AS clicks
FROM ${source}
CROSS JOIN UNNEST(CASE WHEN contains(map_keys(mail.tags), '${tagName}') THEN mail.tags['${tagName}'] END) AS t(tag_value)
WHERE eventtype IN ('Send', 'Delivery', 'Open', 'Click') AND dt >= ?
GROUP BY 1
ORDER BY 1`,
  };
}

/**
 * The named queries of an event table: the four fixed ones, and with `tagName` the per-tag one;
 * with `parquet` they read the JSON and the Parquet table together.
 * `tagName` must already match SES's rule for tag names (letters, digits, `_` and `-`), which
 * also keeps it a plain SQL string literal.
 */
export function eventQueries(tagName?: string, parquet = false): EventQuery[] {
  const source = eventSource(parquet);
  const queries = [bouncesByDay, complaintsByDomain, delaysByDomain, latestStatus].map((query) =>
    query(source),
  );
  return tagName === undefined ? queries : [...queries, byTag(source, tagName)];
}
