import { GlueCatalogDatabase } from "@cdktf/provider-aws/lib/glue-catalog-database";
import {
  GlueCatalogTable,
  GlueCatalogTableConfig,
} from "@cdktf/provider-aws/lib/glue-catalog-table";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { named } from "../private/addresses";
import { EVENT_LAKE_RULES } from "../private/aws-facts";
import { EVENT_TABLE_NAME, PARQUET_TABLE_NAME } from "../private/event-queries";
import {
  PARTITION_COLUMN,
  PartitionLayout,
  SES_EVENT_COLUMNS,
  partitionLayout,
} from "../private/ses-event-schema";
import { check, show } from "../private/validation";
import * as defaults from "../private/construct-defaults";

export interface SesEventTableProps {
  /** The AWS provider of the account that owns the event bucket. */
  readonly accountProvider: AwsProvider;
  /** Name of the bucket Firehose writes the events to. */
  readonly bucketName: string;
  /**
   * The delivery stream's S3 prefix, exactly as Firehose has it: without expressions Firehose
   * adds `YYYY/MM/dd/HH/` (UTC); with one `!{timestamp:…}` it writes that instead.
   */
  readonly prefix: string;
  /**
   * Name of the Glue database (lowercase letters, digits and underscores).
   * @default "ses_events"
   */
  readonly databaseName?: string;
  /**
   * Days back from now the partition projection lists (match the bucket's expiration).
   * @default 365
   */
  readonly projectionDays?: number;
  /**
   * The prefix Firehose writes Parquet under (`parquetPrefix(prefix)`): adds the table
   * `events_parquet` over it, with the same columns and projection as `events` and the Parquet
   * SerDe (a Glue table has one storage format).
   * @default - no Parquet table
   */
  readonly parquetPrefix?: string;
}

/**
 * A Glue database and an external table `events` over the SES events Firehose writes as GZIP
 * JSON, with partition projection on the key layout Firehose writes (no crawler, no
 * `MSCK REPAIR TABLE`): the partition column `dt` is the time folder, such as `2026/12/07/08`.
 *
 * With `parquetPrefix`, a second table `events_parquet` reads the Parquet objects Firehose writes
 * under that prefix once record format conversion is on.
 *
 * Emits `aws_glue_catalog_database.events`, `aws_glue_catalog_table.events` and, with
 * `parquetPrefix`, `aws_glue_catalog_table.events_parquet`.
 */
export class SesEventTable extends Construct {
  public readonly database: GlueCatalogDatabase;
  public readonly table: GlueCatalogTable;
  /** The table `events_parquet`, with `parquetPrefix`. */
  public readonly parquetTable?: GlueCatalogTable;
  public readonly databaseName: string;
  public readonly tableName: string;
  /** The key layout the projection reads. */
  public readonly layout: PartitionLayout;

  constructor(scope: Construct, id: string, props: SesEventTableProps) {
    super(scope, id);
    const databaseName = props.databaseName ?? EVENT_TABLE_DEFAULTS.databaseName;
    const projectionDays = props.projectionDays ?? EVENT_TABLE_DEFAULTS.projectionDays;
    this.layout = validate(props, databaseName, projectionDays);
    const parquetLayout =
      props.parquetPrefix === undefined
        ? undefined
        : projectedLayout("parquetPrefix", props.parquetPrefix);
    const provider = props.accountProvider;
    this.database = named(
      new GlueCatalogDatabase(this, "database", {
        provider,
        name: databaseName,
        description: "SES events that Kinesis Data Firehose delivers to S3.",
      }),
      "events",
    );
    const bucket = `s3://${props.bucketName}/`;
    this.table = named(
      new GlueCatalogTable(this, "table", {
        provider,
        name: EVENT_TABLE_NAME,
        databaseName: this.database.name,
        ...tableConfig(bucket, this.layout, projectionDays, JSON_LINES),
      }),
      "events",
    );
    if (parquetLayout) {
      this.parquetTable = named(
        new GlueCatalogTable(this, "parquet-table", {
          provider,
          name: PARQUET_TABLE_NAME,
          databaseName: this.database.name,
          ...tableConfig(bucket, parquetLayout, projectionDays, PARQUET),
        }),
        PARQUET_TABLE_NAME,
      );
    }
    this.databaseName = this.database.name;
    this.tableName = this.table.name;
  }
}

/** Defaults of the optional props (kept cdk-free for the configuration checks). */
export const EVENT_TABLE_DEFAULTS =
  defaults.EVENT_TABLE_DEFAULTS satisfies Partial<SesEventTableProps>;

function validate(props: SesEventTableProps, databaseName: string, days: number): PartitionLayout {
  check("databaseName", databaseName, EVENT_LAKE_RULES.databaseName);
  if (!Number.isInteger(days) || days < 1) {
    throw new Error(
      `projectionDays must be a whole number of days of at least 1; got ${show(days)}.`,
    );
  }
  return projectedLayout("prefix", props.prefix);
}

function projectedLayout(field: string, prefix: string): PartitionLayout {
  const layout = partitionLayout(prefix);
  if (typeof layout === "string") throw new Error(`${field} must ${layout}; got ${show(prefix)}.`);
  return layout;
}

/** How a table's objects are stored, as Glue says it. */
interface StorageFormat {
  readonly classification: string;
  readonly description: string;
  readonly inputFormat: string;
  readonly outputFormat: string;
  readonly serializationLibrary: string;
  readonly serdeParameters: Record<string, string>;
}

/** The GZIP JSON lines Firehose writes without conversion. */
const JSON_LINES: StorageFormat = {
  classification: "json",
  description: "One row per SES event (GZIP JSON lines written by Kinesis Data Firehose).",
  inputFormat: "org.apache.hadoop.mapred.TextInputFormat",
  outputFormat: "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
  serializationLibrary: "org.openx.data.jsonserde.JsonSerDe",
  serdeParameters: { "ignore.malformed.json": "true" },
};

/** The Parquet (SNAPPY) objects Firehose writes with record format conversion. */
const PARQUET: StorageFormat = {
  classification: "parquet",
  description:
    "One row per SES event (Parquet that Kinesis Data Firehose converts the events to, with these columns).",
  inputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
  outputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
  serializationLibrary: "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
  serdeParameters: { "serialization.format": "1" },
};

/** A table's description, projection, columns and storage: everything but its names. */
function tableConfig(
  bucket: string,
  layout: PartitionLayout,
  projectionDays: number,
  format: StorageFormat,
): Omit<GlueCatalogTableConfig, "name" | "databaseName"> {
  return {
    tableType: "EXTERNAL_TABLE",
    description: format.description,
    parameters: {
      classification: format.classification,
      "projection.enabled": "true",
      [`projection.${PARTITION_COLUMN}.type`]: "date",
      [`projection.${PARTITION_COLUMN}.format`]: layout.format,
      [`projection.${PARTITION_COLUMN}.range`]: `NOW-${projectionDays}DAYS,NOW`,
      [`projection.${PARTITION_COLUMN}.interval`]: "1",
      [`projection.${PARTITION_COLUMN}.interval.unit`]: layout.intervalUnit,
      // `$${` is Terraform's escape for a literal `${`, which Athena fills in.
      "storage.location.template": `${bucket}${layout.keyTemplate.replace("${", () => "$${")}`,
    },
    partitionKeys: [{ name: PARTITION_COLUMN, type: "string" }],
    storageDescriptor: {
      location: `${bucket}${layout.staticPrefix}`,
      inputFormat: format.inputFormat,
      outputFormat: format.outputFormat,
      serDeInfo: {
        serializationLibrary: format.serializationLibrary,
        parameters: format.serdeParameters,
      },
      columns: SES_EVENT_COLUMNS.map((c) => ({ name: c.jsonKey.toLowerCase(), type: c.type })),
    },
  };
}
