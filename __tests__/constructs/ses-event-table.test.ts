import { SesEventTable, SesEventTableProps } from "../../src/constructs/ses-event-table";
import { parquetPrefix, partitionLayout } from "../../src/private/ses-event-schema";
import { only, parsed, synthWithProvider } from "../../test-support/scope";

function synth(props: Partial<SesEventTableProps> = {}): string {
  return synthWithProvider((scope, accountProvider) => {
    new SesEventTable(scope, "table", {
      accountProvider,
      bucketName: "ses-events-111111111111-us-east-1",
      prefix: "ses/",
      ...props,
    });
  });
}

describe("SesEventTable", () => {
  test("Firehose's default layout: hourly folders under the prefix, projected as dt", () => {
    const table = only(synth(), "aws_glue_catalog_table");
    expect(table.parameters).toEqual({
      classification: "json",
      "projection.enabled": "true",
      "projection.dt.type": "date",
      "projection.dt.format": "yyyy/MM/dd/HH",
      "projection.dt.range": "NOW-365DAYS,NOW",
      "projection.dt.interval": "1",
      "projection.dt.interval.unit": "HOURS",
      "storage.location.template": "s3://ses-events-111111111111-us-east-1/ses/$${dt}/",
    });
    expect(table.partition_keys).toEqual([{ name: "dt", type: "string" }]);
    expect(table.storage_descriptor.location).toBe("s3://ses-events-111111111111-us-east-1/ses/");
  });

  test("a prefix with one timestamp expression is projected on that format, daily", () => {
    const table = only(
      synth({ prefix: "events/!{timestamp:yyyy/MM/dd}/", projectionDays: 30 }),
      "aws_glue_catalog_table",
    );
    expect(table.parameters).toMatchObject({
      "projection.dt.format": "yyyy/MM/dd",
      "projection.dt.interval.unit": "DAYS",
      "projection.dt.range": "NOW-30DAYS,NOW",
      "storage.location.template": "s3://ses-events-111111111111-us-east-1/events/$${dt}/",
    });
    expect(table.storage_descriptor.location).toBe(
      "s3://ses-events-111111111111-us-east-1/events/",
    );
  });

  test("reads GZIP JSON lines with the OpenX JSON SerDe", () => {
    expect(only(synth(), "aws_glue_catalog_table").storage_descriptor.ser_de_info).toEqual({
      serialization_library: "org.openx.data.jsonserde.JsonSerDe",
      parameters: { "ignore.malformed.json": "true" },
    });
  });

  test("the layouts the projection cannot follow are named", () => {
    expect(partitionLayout("ses/!{firehose:random-string}/")).toMatch(
      /^use no expression or exactly one/,
    );
    expect(partitionLayout("ses/!{timestamp:MM}/")).toBe(
      "use a !{timestamp:…} format with a year (yyyy); got MM",
    );
  });

  test("refuses a prefix with several expressions, quoting it", () => {
    expect(() => synth({ prefix: "ses/!{timestamp:yyyy}/!{timestamp:MM}/" })).toThrow(
      'prefix must use no expression or exactly one !{timestamp:…} (the event table projects one time partition; !{firehose:random-string} or several expressions cannot be projected); got "ses/!{timestamp:yyyy}/!{timestamp:MM}/".',
    );
  });

  test("refuses a database name Athena cannot query", () => {
    expect(() => synth({ databaseName: "SES-Events" })).toThrow(
      `databaseName must be 1-255 characters of lowercase letters, digits and underscores (Athena's rule for database names); got "SES-Events".`,
    );
  });

  test("refuses a projection of no days", () => {
    expect(() => synth({ projectionDays: 0 })).toThrow(
      "projectionDays must be a whole number of days of at least 1; got 0.",
    );
  });
});

describe("SesEventTable with parquetPrefix", () => {
  let tables: Record<string, any>;
  beforeAll(() => {
    tables = parsed(synth({ parquetPrefix: "ses/parquet/" })).resource.aws_glue_catalog_table;
  });

  test("adds events_parquet beside events, which stays as it was", () => {
    expect(Object.keys(tables).sort()).toEqual(["events", "events_parquet"]);
    expect(tables.events).toEqual(parsed(synth()).resource.aws_glue_catalog_table.events);
    expect(tables.events_parquet.name).toBe("events_parquet");
  });

  test("reads Parquet with Hive's Parquet SerDe", () => {
    expect(tables.events_parquet.parameters.classification).toBe("parquet");
    expect(tables.events_parquet.storage_descriptor).toMatchObject({
      input_format: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
      output_format: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
      ser_de_info: {
        serialization_library: "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
        parameters: { "serialization.format": "1" },
      },
    });
  });

  test("under the Parquet prefix, with the same columns, partition and projection as events", () => {
    const { events, events_parquet: parquet } = tables;
    const bucket = "s3://ses-events-111111111111-us-east-1/";
    expect(parquet.storage_descriptor.location).toBe(`${bucket}ses/parquet/`);
    expect(parquet.parameters["storage.location.template"]).toBe(
      `${bucket}ses/parquet/$$` + "{dt}/",
    );
    const apartFromFormat = (table: any) => ({
      ...table,
      name: undefined,
      description: undefined,
      parameters: {
        ...table.parameters,
        classification: undefined,
        "storage.location.template": undefined,
      },
      storage_descriptor: { columns: table.storage_descriptor.columns },
    });
    expect(apartFromFormat(parquet)).toEqual(apartFromFormat(events));
  });

  test("a timestamp layout keeps its format under the Parquet prefix", () => {
    const daily = parsed(
      synth({
        prefix: "events/!{timestamp:yyyy/MM/dd}/",
        parquetPrefix: parquetPrefix("events/!{timestamp:yyyy/MM/dd}/"),
      }),
    ).resource.aws_glue_catalog_table.events_parquet;
    expect(daily.parameters).toMatchObject({
      "projection.dt.format": "yyyy/MM/dd",
      "projection.dt.interval.unit": "DAYS",
      "storage.location.template": "s3://ses-events-111111111111-us-east-1/events/parquet/$${dt}/",
    });
  });

  test("parquetPrefix puts parquet/ after the prefix's static part", () => {
    expect(parquetPrefix("ses/")).toBe("ses/parquet/");
    expect(parquetPrefix("ses")).toBe("sesparquet/");
    expect(parquetPrefix("events/!{timestamp:yyyy/MM/dd}/")).toBe(
      "events/parquet/!{timestamp:yyyy/MM/dd}/",
    );
  });
});
