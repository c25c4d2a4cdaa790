/**
 * The event table as DuckDB reads it: the Glue table's columns (Hive types, as synthesized) turned
 * into DuckDB types, the GZIP JSON objects found under the S3 layout the partition projection
 * declares, and the partition column taken from each object's key by that same template. The named
 * queries then run unchanged, with two of Athena's functions defined as macros: `sequence(a, b)`,
 * which DuckDB lacks, and `cardinality(array)`, which DuckDB has for maps only.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { SES_EVENT_COLUMNS } from "../src/private/ses-event-schema";

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

/** A DuckDB regular expression matching the template's `${dt}` value (Java date format fields). */
function partitionPattern(keyTemplate: string, format: string): string {
  const escape = (s: string) => s.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&");
  const value = escape(format)
    .replace(/yyyy/g, "\\d{4}")
    .replace(/MM|dd|HH|mm/g, "\\d{2}");
  const [before, after] = keyTemplate.split("${dt}");
  return `${escape(before)}(${value})${escape(after)}[^/]+$`;
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
 * bucket's root, copied under `bucketDir`) with exactly the table's columns.
 */
export class DuckEventLake {
  private constructor(
    private readonly connection: DuckDBConnection,
    private readonly bucketDir: string,
  ) {}

  static async open(
    table: SynthesizedTable,
    objects: Record<string, string>,
  ): Promise<DuckEventLake> {
    const bucketDir = mkdtempSync(join(tmpdir(), "event-lake-"));
    for (const [key, source] of Object.entries(objects)) cpSync(source, join(bucketDir, key));
    const connection = await (await DuckDBInstance.create(":memory:")).connect();
    // Athena's functions as the queries use them, where DuckDB lacks them or has them for maps only.
    await connection.run("CREATE MACRO sequence(a, b) AS range(a, b + 1)");
    await connection.run("CREATE MACRO cardinality(list) AS len(list)");
    const columns = table.columns
      .map((c) => `'${jsonKey(c.name)}': '${duckdbType(c.type)}'`)
      .join(", ");
    const selected = table.columns.map((c) => `"${jsonKey(c.name)}" AS ${c.name}`).join(", ");
    const [partition] = table.partitionKeys;
    const pattern = partitionPattern(table.keyTemplate, table.format);
    await connection.run(
      `CREATE VIEW events AS SELECT ${selected}, regexp_extract(filename, '${pattern}', 1) AS ${partition.name}
       FROM read_json('${bucketDir}/**/*.gz', format = 'newline_delimited', compression = 'gzip',
                      filename = true, columns = {${columns}})`,
    );
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
  async columnTypes(): Promise<Record<string, string>> {
    const rows = await this.query("DESCRIBE events");
    return Object.fromEntries(rows.map((r) => [r.column_name as string, r.column_type as string]));
  }

  close(): void {
    this.connection.closeSync();
    rmSync(this.bucketDir, { recursive: true, force: true });
  }
}

/** Glue's column names are lowercase; the record's keys are SES's (`eventType`, `deliveryDelay`). */
function jsonKey(column: string): string {
  return SES_EVENT_COLUMNS.find((c) => c.jsonKey.toLowerCase() === column)?.jsonKey ?? column;
}
