/**
 * Parquet across the switch: with `deliveryStream.parquet`, Firehose converts the events to
 * Parquet under `<prefix>parquet/`, the table `events_parquet` reads them, and every named query
 * reads both tables. Here the stored SES events are split at a switch in the middle of an hour:
 * the events before it stay GZIP JSON under `ses/`, those after are converted to Parquet by DuckDB
 * itself with the column types the Parquet table declares (what Firehose's conversion does) and
 * laid out under `ses/parquet/`. Every synthesized named query then returns what the same query
 * returns with Parquet off over all the events as JSON (answers ses-event-queries.test.ts asserts
 * row by row): each event counted once, from whichever side holds it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { SesEventPublishingProps } from "../../src/constructs/ses-event-publishing";
import { eventQueries } from "../../src/private/event-queries";
import {
  DuckEventLake,
  SynthesizedTable,
  convertToParquet,
  duckdbType,
  synthEventLake,
} from "../../test-support/event-lake";
import { parsed } from "../../test-support/scope";

const FIXTURES = join(__dirname, "..", "fixtures", "ses-events");
const SINCE = "2026/12/06/00";
const STREAM_OBJECT =
  "tf-delivery-stream-1-2026-12-07-08-00-00-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
/** The hours of the fixtures, by the object each holds. */
const HOURS = {
  before: "2026/12/05/10",
  switched: "2026/12/07/08",
  after: "2026/12/07/09",
};
/** Of the switched hour's 11 events, the first 6 are written as JSON, the other 5 as Parquet. */
const JSON_LINES_BEFORE_SWITCH = 6;

function synth(props: Partial<SesEventPublishingProps> = {}): string {
  return synthEventLake({ deliveryStream: { parquet: true }, ...props });
}

/** The parts of a synthesized Glue table DuckEventLake rebuilds. */
function tableOf(table: any): SynthesizedTable {
  const template: string = table.parameters["storage.location.template"];
  return {
    columns: table.storage_descriptor.columns,
    partitionKeys: table.partition_keys,
    // Terraform reads `$${` as a literal `${`; the bucket is the stream's.
    keyTemplate: template.replace(/^s3:\/\/[^/]+\//, "").replace("$${", "${"),
    format: table.parameters["projection.dt.format"],
  };
}

const fixture = (hour: string) =>
  join(FIXTURES, hour, `${STREAM_OBJECT.replace("2026-12-07-08", hour.replace(/\//g, "-"))}.gz`);

describe("SesEventPublishing with parquet", () => {
  let json: any;
  beforeAll(() => {
    json = parsed(synth());
  });

  test("the stream writes Parquet under the prefix's parquet/ folder, after its table exists", () => {
    const stream = json.resource.aws_kinesis_firehose_delivery_stream.events;
    expect(stream.extended_s3_configuration).toMatchObject({
      prefix: "ses/parquet/",
      compression_format: "UNCOMPRESSED",
      buffering_size: 64,
      error_output_prefix: "ses-errors/!{firehose:error-output-type}/",
    });
    expect(
      stream.extended_s3_configuration.data_format_conversion_configuration.schema_configuration,
    ).toMatchObject({ database_name: "ses_events", table_name: "events_parquet" });
    expect(stream.depends_on).toContain("aws_glue_catalog_table.events_parquet");
  });

  test("the JSON table is the one synthesized without parquet", () => {
    const plain = parsed(synth({ deliveryStream: {} }));
    expect(json.resource.aws_glue_catalog_table.events).toEqual(
      plain.resource.aws_glue_catalog_table.events,
    );
  });

  test("every named query reads both tables through one UNION ALL", () => {
    const queries = Object.values<any>(json.resource.aws_athena_named_query);
    expect(queries).toHaveLength(5);
    for (const query of queries) {
      expect(query.query).toContain(
        "FROM (SELECT * FROM events UNION ALL SELECT * FROM events_parquet) AS events",
      );
      expect(query.query.match(/\?/g)).toHaveLength(1);
    }
  });

  test("refuses parquet without an event lake", () => {
    expect(() => synth({ eventLake: undefined })).toThrow(
      "deliveryStream.parquet needs eventLake (Firehose converts records with the columns of the event lake's Parquet table); got true without it.",
    );
  });
});

describe("the named queries across the switch to Parquet (DuckDB)", () => {
  let mixed: DuckEventLake;
  let allJson: DuckEventLake;
  let sql: Record<string, string>;
  let tables: Record<string, any>;
  let work: string;

  beforeAll(async () => {
    const synthesized = parsed(synth());
    tables = synthesized.resource.aws_glue_catalog_table;
    sql = Object.fromEntries(
      Object.values<any>(synthesized.resource.aws_athena_named_query).map((q) => [q.name, q.query]),
    );
    const parquetPrefix =
      synthesized.resource.aws_kinesis_firehose_delivery_stream.events.extended_s3_configuration
        .prefix;
    work = mkdtempSync(join(tmpdir(), "parquet-switch-"));
    const lines = gunzipSync(readFileSync(fixture(HOURS.switched)))
      .toString("utf8")
      .split("\n")
      .filter((l) => l !== "");
    const piece = (name: string, part: string[]) => {
      const path = join(work, name);
      writeFileSync(path, gzipSync(`${part.join("\n")}\n`));
      return path;
    };
    const beforeSwitch = piece("before.gz", lines.slice(0, JSON_LINES_BEFORE_SWITCH));
    const afterSwitch = piece("after.gz", lines.slice(JSON_LINES_BEFORE_SWITCH));
    const columns = tables.events_parquet.storage_descriptor.columns;
    const switchedParquet = join(work, "switched.parquet");
    const afterParquet = join(work, "after.parquet");
    await convertToParquet(columns, afterSwitch, switchedParquet);
    await convertToParquet(columns, fixture(HOURS.after), afterParquet);
    const key = (prefix: string, hour: string, minute: string, extension: string) =>
      `${prefix}${hour}/tf-delivery-stream-1-${hour.replace(/\//g, "-")}-${minute}-00-0f1e2d3c.${extension}`;
    mixed = await DuckEventLake.open(
      tableOf(tables.events),
      {
        [key("ses/", HOURS.before, "00", "gz")]: fixture(HOURS.before),
        [key("ses/", HOURS.switched, "00", "gz")]: beforeSwitch,
        [key(parquetPrefix, HOURS.switched, "30", "parquet")]: switchedParquet,
        [key(parquetPrefix, HOURS.after, "00", "parquet")]: afterParquet,
      },
      tableOf(tables.events_parquet),
    );
    allJson = await DuckEventLake.open(
      tableOf(tables.events),
      Object.fromEntries(
        Object.values(HOURS).map((hour) => [key("ses/", hour, "00", "gz"), fixture(hour)]),
      ),
    );
  }, 60_000);

  afterAll(() => {
    mixed?.close();
    allJson?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test("the Parquet written has the Parquet table's columns and types, as the JSON view has", async () => {
    const expected = Object.fromEntries([
      ...tables.events_parquet.storage_descriptor.columns.map((c: any) => [
        c.name,
        duckdbType(c.type),
      ]),
      ["dt", "VARCHAR"],
    ]);
    const unquoted = (types: Record<string, string>) =>
      Object.fromEntries(Object.entries(types).map(([k, v]) => [k, v.replace(/"/g, "")]));
    expect(unquoted(await mixed.columnTypes("events_parquet"))).toEqual(unquoted(expected));
    expect(await mixed.columnTypes("events_parquet")).toEqual(await mixed.columnTypes("events"));
  });

  test("each table finds its side of the switch, the switched hour in both", async () => {
    const byHour = (table: string) =>
      mixed.query(`SELECT dt, count(*) AS events FROM ${table} GROUP BY dt ORDER BY dt`);
    expect(await byHour("events")).toEqual([
      { dt: HOURS.before, events: 2 },
      { dt: HOURS.switched, events: JSON_LINES_BEFORE_SWITCH },
    ]);
    expect(await byHour("events_parquet")).toEqual([
      { dt: HOURS.switched, events: 11 - JSON_LINES_BEFORE_SWITCH },
      { dt: HOURS.after, events: 7 },
    ]);
  });

  test.each(eventQueries("campaign").map((q) => q.name))(
    "%s: the same answer as over all the events as JSON with Parquet off",
    async (name) => {
      const jsonOnly = eventQueries("campaign").find((q) => q.name === name)!.sql;
      const expected = await allJson.query(jsonOnly, SINCE);
      expect(expected.length).toBeGreaterThan(0);
      expect(await mixed.query(sql[name], SINCE)).toEqual(expected);
    },
  );

  test("an answer that needs both sides: a message sent before the switch and bounced after", async () => {
    const rows = await mixed.query(sql["latest-status-by-message"], SINCE);
    expect(rows.find((r) => r.message_id === "0100017a-transient")).toMatchObject({
      latest_event: "Bounce",
    });
    const bounces = await mixed.query(sql["bounces-by-day"], SINCE);
    expect(bounces.map((r) => [r.bounce_type, r.diagnostic_code, r.recipients])).toEqual([
      ["Permanent", "smtp; 550 5.1.1 user unknown", 1],
      ["Transient", "smtp; 552 5.2.2 mailbox full", 1],
      ["Transient", null, 1],
    ]);
  });
});
