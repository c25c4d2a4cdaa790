/**
 * The named queries answer right: the synthesized Glue table (its columns and the partition
 * projection's template) is rebuilt in DuckDB over stored SES event records, laid out under the
 * keys Firehose writes (`<prefix>YYYY/MM/dd/HH/<stream>-…gz`), and every synthesized named query
 * runs unchanged on it. Fixtures: __tests__/fixtures/ses-events/<hour>/ (GZIP JSON lines shaped
 * as AWS's documented examples: every event type, several recipients, missing optional fields,
 * a tag with several values, a message without tags, and an event before the queried hours).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { SesEventQueries, SesEventQueriesProps } from "../../src/constructs/ses-event-queries";
import { SES_EVENT_COLUMNS } from "../../src/private/ses-event-schema";
import { DuckEventLake, duckdbType, synthEventLake } from "../../test-support/event-lake";
import { only, parsed, synthWithProvider } from "../../test-support/scope";

const FIXTURES = join(__dirname, "..", "fixtures", "ses-events");
/** The first hour the queries read: the event of 2026-12-05 is before it. */
const SINCE = "2026/12/06/00";
const KEY = "arn:aws:kms:us-east-1:111111111111:key/0f0e0d0c-0b0a-0908-0706-050403020100";

function synthesized(): any {
  return parsed(synthEventLake());
}

/** The stored objects under the keys Firehose gives them with prefix "ses/" (its default). */
function firehoseObjects(prefix: string): Record<string, string> {
  const objects: Record<string, string> = {};
  const hours = readdirSync(FIXTURES, { recursive: true, encoding: "utf8" }).filter((p) =>
    p.endsWith(".gz"),
  );
  for (const path of hours) objects[`${prefix}${path}`] = join(FIXTURES, path);
  return objects;
}

describe("the event table's named queries on stored SES events (DuckDB)", () => {
  let lake: DuckEventLake;
  let sql: Record<string, string>;
  let table: any;

  beforeAll(async () => {
    const json = synthesized();
    table = json.resource.aws_glue_catalog_table.events;
    sql = Object.fromEntries(
      Object.values<any>(json.resource.aws_athena_named_query).map((q) => [q.name, q.query]),
    );
    const prefix =
      json.resource.aws_kinesis_firehose_delivery_stream.events.extended_s3_configuration.prefix;
    const template: string = table.parameters["storage.location.template"];
    lake = await DuckEventLake.open(
      {
        columns: table.storage_descriptor.columns,
        partitionKeys: table.partition_keys,
        // Terraform reads `$${` as a literal `${`; the bucket is the stream's.
        keyTemplate: template.replace(/^s3:\/\/[^/]+\//, "").replace("$${", "${"),
        format: table.parameters["projection.dt.format"],
      },
      firehoseObjects(prefix),
    );
  }, 60_000);

  afterAll(() => lake?.close());

  test("every named query is tested here", () => {
    expect(Object.keys(sql).sort()).toEqual([
      "bounces-by-day",
      "complaints-by-feedback-type",
      "delivery-delays-by-domain",
      "events-by-tag-campaign",
      "latest-status-by-message",
    ]);
  });

  test("DuckDB reads the table with the Glue table's columns and types, plus the partition", async () => {
    const expected = Object.fromEntries([
      ...table.storage_descriptor.columns.map((c: any) => [c.name, duckdbType(c.type)]),
      ["dt", "VARCHAR"],
    ]);
    // DuckDB quotes field names that are its keywords (timestamp, source); the names are the same.
    const unquoted = (types: Record<string, string>) =>
      Object.fromEntries(Object.entries(types).map(([k, v]) => [k, v.replace(/"/g, "")]));
    expect(unquoted(await lake.columnTypes())).toEqual(unquoted(expected));
    expect(table.storage_descriptor.columns.map((c: any) => c.name)).toEqual(
      SES_EVENT_COLUMNS.map((c) => c.jsonKey.toLowerCase()),
    );
  });

  test("the projection's template finds every object Firehose wrote, with its hour", async () => {
    expect(
      await lake.query("SELECT dt, count(*) AS events FROM events GROUP BY dt ORDER BY dt"),
    ).toEqual([
      { dt: "2026/12/05/10", events: 2 },
      { dt: "2026/12/07/08", events: 11 },
      { dt: "2026/12/07/09", events: 7 },
    ]);
  });

  test("bounces by day and type, one row per diagnostic code, recipients counted", async () => {
    expect(await lake.query(sql["bounces-by-day"], SINCE)).toEqual([
      {
        day: "2026-12-07",
        bounce_type: "Permanent",
        bounce_subtype: "General",
        diagnostic_code: "smtp; 550 5.1.1 user unknown",
        recipients: 1,
      },
      {
        day: "2026-12-07",
        bounce_type: "Transient",
        bounce_subtype: "MailboxFull",
        diagnostic_code: "smtp; 552 5.2.2 mailbox full",
        recipients: 1,
      },
      {
        day: "2026-12-07",
        bounce_type: "Transient",
        bounce_subtype: "MailboxFull",
        diagnostic_code: null,
        recipients: 1,
      },
    ]);
  });

  test("the hour parameter leaves out earlier partitions", async () => {
    const all = await lake.query(sql["bounces-by-day"], "2026/12/05/00");
    expect(all.map((r) => r.day)).toEqual(["2026-12-05", "2026-12-07", "2026-12-07", "2026-12-07"]);
  });

  test("complaints by feedback type and sending domain (lowercased; a missing type is named)", async () => {
    expect(await lake.query(sql["complaints-by-feedback-type"], SINCE)).toEqual([
      { feedback_type: "abuse", sending_domain: "example.com", complaints: 1 },
      { feedback_type: "not given", sending_domain: "mail.example.org", complaints: 1 },
    ]);
  });

  test("delivery delays by recipient domain, recipients and messages counted", async () => {
    expect(await lake.query(sql["delivery-delays-by-domain"], SINCE)).toEqual([
      {
        recipient_domain: "gmail.example",
        delay_type: "TransientCommunicationFailure",
        delayed_recipients: 2,
        messages: 1,
      },
      {
        recipient_domain: "yahoo.example",
        delay_type: "TransientCommunicationFailure",
        delayed_recipients: 1,
        messages: 1,
      },
    ]);
  });

  test("the latest status of every message, newest first", async () => {
    const rows = await lake.query(sql["latest-status-by-message"], SINCE);
    expect(rows.map((r) => [r.message_id, r.latest_event, r.event_time])).toEqual([
      ["0100017a-subscription", "Subscription", "2026-12-07T09:30:00.000Z"],
      ["0100017a-rendering-failure", "Rendering Failure", "2026-12-07T09:02:00.000Z"],
      ["0100017a-rejected", "Reject", "2026-12-07T09:01:00.000Z"],
      ["0100017a-complained-other-domain", "Complaint", "2026-12-07T09:00:09.000Z"],
      ["0100017a-complained", "Complaint", "2026-12-07T09:00:05.000Z"],
      ["0100017a-delayed", "DeliveryDelay", "2026-12-07T08:25:40.641Z"],
      ["0100017a-multi-recipient", "Click", "2026-12-07T08:21:00.000Z"],
      ["0100017a-transient", "Bounce", "2026-12-07T08:05:04.000Z"],
    ]);
    expect(rows[6]).toMatchObject({ source: "sender@example.com", subject: "Spring sale" });
  });

  test("events by the values of the named tag: each value of a several-valued tag counts", async () => {
    expect(await lake.query(sql["events-by-tag-campaign"], SINCE)).toEqual([
      { tag_value: "newsletter", sends: 1, deliveries: 1, opens: 0, clicks: 0 },
      { tag_value: "sale", sends: 1, deliveries: 1, opens: 1, clicks: 1 },
      { tag_value: "spring", sends: 2, deliveries: 1, opens: 1, clicks: 1 },
    ]);
  });
});

describe("SesEventQueries", () => {
  const build = (props: Partial<SesEventQueriesProps>) =>
    synthWithProvider((scope, accountProvider) => {
      new SesEventQueries(scope, "queries", {
        accountProvider,
        bucketName: "ses-events-111111111111-us-east-1",
        eventPrefixes: ["ses/", "ses-errors/!{firehose:error-output-type}/"],
        databaseName: "ses_events",
        ...props,
      });
    });

  test("the workgroup enforces its configuration, encrypts results and limits each query's scan", () => {
    expect(only(build({ kmsKeyArn: KEY }), "aws_athena_workgroup").configuration).toEqual({
      enforce_workgroup_configuration: true,
      publish_cloudwatch_metrics_enabled: true,
      bytes_scanned_cutoff_per_query: 1073741824,
      result_configuration: {
        output_location: "s3://ses-events-111111111111-us-east-1/athena-results/",
        encryption_configuration: { encryption_option: "SSE_KMS", kms_key_arn: KEY },
      },
    });
  });

  test("without tagName there is no per-tag query", () => {
    const queries = parsed(build({})).resource.aws_athena_named_query;
    expect(Object.keys(queries).sort()).toEqual([
      "bounces-by-day",
      "complaints-by-feedback-type",
      "delivery-delays-by-domain",
      "latest-status-by-message",
    ]);
  });

  test("refuses a scan limit below Athena's minimum", () => {
    expect(() => build({ bytesScannedCutoffPerQuery: 10485759 })).toThrow(
      "bytesScannedCutoffPerQuery must be a whole number of bytes of at least 10485760 (Athena's minimum, 10 MB); got 10485759.",
    );
  });

  test("refuses results under the error prefix", () => {
    expect(() => build({ resultPrefix: "ses-errors/athena/" })).toThrow(
      'resultPrefix must not overlap the prefix Firehose writes under ("ses-errors/!{firehose:error-output-type}/"): queries would read their own results; got "ses-errors/athena/".',
    );
  });

  test("refuses a tag name SES cannot carry", () => {
    expect(() => build({ tagName: "o'brien" })).toThrow(
      `tagName must be 1-256 characters of ASCII letters, digits, underscores and hyphens; got "o'brien".`,
    );
  });
});
