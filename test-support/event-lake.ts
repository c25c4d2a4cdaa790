/**
 * The event table as DuckDB reads it: the Glue table's columns (Hive types, as synthesized) turned
 * into DuckDB types, the GZIP JSON objects found under the S3 layout the partition projection
 * declares, and the partition column taken from each object's key by that same template. The named
 * queries then run unchanged, with two of Athena's functions defined as macros: `sequence(a, b)`,
 * which DuckDB lacks, and `cardinality(array)`, which DuckDB has for maps only.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { SES_EVENT_COLUMNS } from "../src/private/ses-event-schema";
import {
  SesEventPublishing,
  SesEventPublishingProps,
} from "../src/constructs/ses-event-publishing";
import { synthWithProvider } from "./scope";

/** A Glue column as the synthesized `aws_glue_catalog_table` lists it. */
export interface GlueColumn {
  readonly name: string;
  readonly type: string;
}

/** A Hive type string (`struct<a:string,b:array<bigint>>`) as a DuckDB type. */
export function duckdbType(hive: string): string {
  const [type, rest] = parseType(hive.replace(/\s+/g, ""));
  if (rest !== "") throw new Error(`unexpected ${rest} in ${hive}`);
  return type;
}

const SCALARS: Record<string, string> = {
  string: "VARCHAR",
  bigint: "BIGINT",
  int: "INTEGER",
  boolean: "BOOLEAN",
  double: "DOUBLE",
};

function parseType(text: string): [string, string] {
  const head = /^[a-z]+/.exec(text)?.[0] ?? "";
  let rest = text.slice(head.length);
  if (head in SCALARS) return [SCALARS[head], rest];
  const open = () => {
    if (!rest.startsWith("<")) throw new Error(`expected < at ${rest}`);
    rest = rest.slice(1);
  };
  const close = () => {
    if (!rest.startsWith(">")) throw new Error(`expected > at ${rest}`);
    rest = rest.slice(1);
  };
  const element = () => {
    const [type, after] = parseType(rest);
    rest = after;
    return type;
  };
  if (head === "array") {
    open();
    const item = element();
    close();
    return [`${item}[]`, rest];
  }
  if (head === "map") {
    open();
    const key = element();
    rest = rest.slice(1); // ","
    const value = element();
    close();
    return [`MAP(${key}, ${value})`, rest];
  }
  if (head === "struct") {
    open();
    const fields: string[] = [];
    while (!rest.startsWith(">")) {
      const name = /^[A-Za-z0-9_]+/.exec(rest)![0];
      rest = rest.slice(name.length + 1); // "name:"
      fields.push(`"${name}" ${element()}`);
      if (rest.startsWith(",")) rest = rest.slice(1);
    }
    close();
    return [`STRUCT(${fields.join(", ")})`, rest];
  }
  throw new Error(`unknown Hive type at ${text}`);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&");
}

/** A DuckDB regular expression matching the template's `${dt}` value (Java date format fields). */
function partitionPattern(keyTemplate: string, format: string): string {
  const value = escapeRegex(format)
    .replace(/yyyy/g, "\\d{4}")
    .replace(/MM|dd|HH|mm/g, "\\d{2}");
  const [before, after] = keyTemplate.split("${dt}");
  return `${escapeRegex(before)}(${value})${escapeRegex(after)}[^/]+$`;
}

/** The table's parts the test reads from the synthesized `aws_glue_catalog_table`. */
export interface SynthesizedTable {
  readonly columns: readonly GlueColumn[];
  readonly partitionKeys: readonly GlueColumn[];
  /** `storage.location.template`, whose bucket part the caller removes: `ses/${dt}/`. */
  readonly keyTemplate: string;
  readonly format: string;
}

/**
 * A DuckDB database whose view `events` reads `objectsDir` (the objects Firehose wrote below the
 * bucket's root, copied under `bucketDir`) with exactly the table's columns; with `parquet`, a
 * view `events_parquet` reads the Parquet objects under that table's template the same way.
 * Each view reads only the keys its table's template names (as the projection does).
 */
export class DuckEventLake {
  private constructor(
    private readonly connection: DuckDBConnection,
    private readonly bucketDir: string,
  ) {}

  static async open(
    table: SynthesizedTable,
    objects: Record<string, string>,
    parquet?: SynthesizedTable,
  ): Promise<DuckEventLake> {
    const bucketDir = mkdtempSync(join(tmpdir(), "event-lake-"));
    for (const [key, source] of Object.entries(objects)) {
      mkdirSync(dirname(join(bucketDir, key)), { recursive: true });
      cpSync(source, join(bucketDir, key));
    }
    const connection = await (await DuckDBInstance.create(":memory:")).connect();
    // Athena's functions as the queries use them, where DuckDB lacks them or has them for maps only.
    await connection.run("CREATE MACRO sequence(a, b) AS range(a, b + 1)");
    await connection.run("CREATE MACRO cardinality(list) AS len(list)");
    const columns = table.columns
      .map((c) => `'${jsonKey(c.name)}': '${duckdbType(c.type)}'`)
      .join(", ");
    await connection.run(
      `CREATE VIEW events AS ${projected(
        table,
        bucketDir,
        jsonColumns(table.columns),
        `read_json('${bucketDir}/**/*.gz', format = 'newline_delimited', compression = 'gzip',
                      filename = true, columns = {${columns}})`,
      )}`,
    );
    if (parquet) {
      await connection.run(
        `CREATE VIEW events_parquet AS ${projected(
          parquet,
          bucketDir,
          parquet.columns.map((c) => c.name).join(", "),
          `read_parquet('${bucketDir}/**/*.parquet', filename = true)`,
        )}`,
      );
    }
    return new DuckEventLake(connection, bucketDir);
  }

  /** Rows as plain objects (BIGINT as numbers, text as strings). */
  async query(sql: string, ...parameters: string[]): Promise<Record<string, unknown>[]> {
    const reader = await this.connection.runAndReadAll(sql, parameters);
    return reader
      .getRowObjectsJS()
      .map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v]),
        ),
      );
  }

  /** The view's column names and DuckDB types. */
  async columnTypes(view = "events"): Promise<Record<string, string>> {
    const rows = await this.query(`DESCRIBE ${view}`);
    return Object.fromEntries(rows.map((r) => [r.column_name as string, r.column_type as string]));
  }

  close(): void {
    this.connection.closeSync();
    rmSync(this.bucketDir, { recursive: true, force: true });
  }
}

/** The table's columns from the JSON records' keys (`"eventType" AS eventtype`). */
function jsonColumns(columns: readonly GlueColumn[]): string {
  return columns.map((c) => `"${jsonKey(c.name)}" AS ${c.name}`).join(", ");
}

/** `selected` and the partition column, of the rows of objects whose keys the template names. */
function projected(
  table: SynthesizedTable,
  bucketDir: string,
  selected: string,
  reader: string,
): string {
  const [partition] = table.partitionKeys;
  const pattern = `^${escapeRegex(`${bucketDir}/`)}${partitionPattern(table.keyTemplate, table.format)}`;
  return `SELECT ${selected}, regexp_extract(filename, '${pattern}', 1) AS ${partition.name}
       FROM ${reader} WHERE regexp_matches(filename, '${pattern}')`;
}

/**
 * What Firehose's record format conversion makes of `source` (GZIP JSON lines): a Parquet object
 * (SNAPPY) at `target` with the table's column names and types, which DuckDB itself converts to.
 */
export async function convertToParquet(
  columns: readonly GlueColumn[],
  source: string,
  target: string,
): Promise<void> {
  const connection = await (await DuckDBInstance.create(":memory:")).connect();
  const types = columns.map((c) => `'${jsonKey(c.name)}': '${duckdbType(c.type)}'`).join(", ");
  mkdirSync(dirname(target), { recursive: true });
  await connection.run(
    `COPY (SELECT ${jsonColumns(columns)} FROM read_json('${source}', format = 'newline_delimited',
             compression = 'gzip', columns = {${types}}))
     TO '${target}' (FORMAT parquet, COMPRESSION snappy)`,
  );
  connection.closeSync();
}

/** Glue's column names are lowercase; the record's keys are SES's (`eventType`, `deliveryDelay`). */
function jsonKey(column: string): string {
  return SES_EVENT_COLUMNS.find((c) => c.jsonKey.toLowerCase() === column)?.jsonKey ?? column;
}

/**
 * The tutorial account's event publishing with an event lake (tag `campaign`): one set whose
 * Firehose destination feeds the lake, `props` changed over it; synthesized as a stack's JSON.
 */
export function synthEventLake(props: Partial<SesEventPublishingProps> = {}): string {
  return synthWithProvider((scope, accountProvider) => {
    new SesEventPublishing(scope, "publishing", {
      accountProvider,
      accountId: "111111111111",
      region: "us-east-1",
      configurationSets: [
        {
          name: "tf-configuration-set",
          eventDestinations: [{ name: "fh", matchingTypes: ["send"], firehose: {} }],
        },
      ],
      eventLake: { tagName: "campaign" },
      ...props,
    });
  });
}
