import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchLogStream } from "@cdktf/provider-aws/lib/cloudwatch-log-stream";
import {
  KinesisFirehoseDeliveryStream,
  KinesisFirehoseDeliveryStreamExtendedS3ConfigurationDataFormatConversionConfiguration,
} from "@cdktf/provider-aws/lib/kinesis-firehose-delivery-stream";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { named, resourceAddress } from "../private/addresses";
import { arn } from "../private/arn";
import { PolicyStatement } from "../private/iam-policy";
import {
  KeyGrant,
  bucketWriterKeyStatement,
  checkKeyRegion,
  firehoseKeyStatement,
  logGroupKeyStatement,
} from "../private/kms";
import {
  BUFFERING_INTERVAL_SECONDS,
  BUFFERING_SIZE_MB,
  EVENT_LAKE_RULES,
  FIREHOSE_COMPRESSION_FORMATS,
  FORMAT_CONVERSION,
  PARQUET_BUFFER_REASON,
  PARQUET_COMPRESSION_REASON,
  FirehoseCompressionFormat,
  LOG_RETENTION_DAYS,
  RULES,
} from "../private/aws-facts";
import { check, checkOneOf, definedOnly, inRange, show } from "../private/validation";
import { ServiceRole, serviceRoleAddress } from "./service-role";
import * as defaults from "../private/construct-defaults";

export interface FirehoseEventStreamProps {
  /** The AWS provider of the account that owns the stream. */
  readonly accountProvider: AwsProvider;
  /** The 12-digit id of that account (for ARNs and the role's trust condition). */
  readonly accountId: string;
  /** The account's region. */
  readonly region: string;
  /** ARN of the destination bucket. */
  readonly bucketArn: string;
  /**
   * KMS key the bucket encrypts with; the Firehose role is allowed to use it through S3 only.
   * @default - the bucket uses SSE-S3 and the role gets no KMS permission
   */
  readonly bucketKmsKeyArn?: string;
  /**
   * Customer-managed KMS key for the stream's server-side encryption (`CUSTOMER_MANAGED_CMK`).
   * Its policy must allow Firehose's grant (see `keyGrants`).
   * @default - encrypted with an AWS owned key (`AWS_OWNED_CMK`)
   */
  readonly kmsKeyArn?: string;
  /**
   * Customer-managed KMS key of the delivery-error log group. Its policy must let CloudWatch Logs
   * of the region use it for this log group (see `keyGrants`).
   * @default - CloudWatch Logs' own encryption
   */
  readonly logKmsKeyArn?: string;
  /**
   * Delivery stream name.
   * @default "tf-delivery-stream"
   */
  readonly deliveryStreamName?: string;
  /**
   * Name of the IAM role Firehose assumes.
   * @default "tf-firehose-role"
   */
  readonly roleName?: string;
  /**
   * S3 key prefix of delivered events; end it with `/` for a folder.
   * @default "ses/"
   */
  readonly prefix?: string;
  /**
   * S3 key prefix of records Firehose failed to deliver.
   * @default "ses-errors/!{firehose:error-output-type}/"
   */
  readonly errorOutputPrefix?: string;
  /**
   * Seconds Firehose buffers before delivering (0-900).
   * @default 60
   */
  readonly bufferingIntervalSeconds?: number;
  /**
   * MiB Firehose buffers before delivering (1-128).
   * @default 5
   */
  readonly bufferingSizeMb?: number;
  /**
   * Compression of delivered objects.
   * @default "GZIP"
   */
  readonly compression?: FirehoseCompressionFormat;
  /**
   * CloudWatch Logs group for delivery errors.
   * @default "/aws/kinesisfirehose/tf-firehose-log-group"
   */
  readonly logGroupName?: string;
  /**
   * CloudWatch Logs stream for delivery errors.
   * @default "tf-firehose-log-stream"
   */
  readonly logStreamName?: string;
  /**
   * Days the error logs are kept (a value CloudWatch Logs accepts; 0 keeps them forever).
   * @default 365
   */
  readonly logRetentionDays?: number;
  /**
   * Converts every record to Apache Parquet (SNAPPY) before writing it, with the columns of this
   * Glue table (record format conversion: OpenX JSON SerDe in, Parquet SerDe out); the role may
   * read that table's schema. Firehose then takes `compression` `UNCOMPRESSED` only and
   * `bufferingSizeMb` of at least 64, which become their defaults.
   * @default - no conversion: JSON lines, compressed as `compression` says
   */
  readonly parquet?: ParquetConversion;
}

/** The Glue table whose columns Firehose converts records to Parquet with (in this account). */
export interface ParquetConversion {
  /** The table's Glue database. */
  readonly databaseName: string;
  /** The table's name. */
  readonly tableName: string;
}

/** The Terraform name of the stream and its log group and stream (one per account stack). */
const STREAM_NAME = "events";
/** The Terraform name of the role Firehose assumes and its policy. */
const ROLE_NAME = "firehose";

/** The addresses FirehoseEventStream gives its resources (those `adopt` can import into). */
export const FIREHOSE_EVENT_STREAM_ADDRESSES = {
  deliveryStream: resourceAddress(KinesisFirehoseDeliveryStream, STREAM_NAME),
  logGroup: resourceAddress(CloudwatchLogGroup, STREAM_NAME),
  logStream: resourceAddress(CloudwatchLogStream, STREAM_NAME),
  role: serviceRoleAddress(ROLE_NAME),
} as const;

/**
 * A Kinesis Data Firehose delivery stream that writes SES events to S3 (extended S3 destination,
 * server-side encryption on, compressed), logs delivery errors to CloudWatch Logs, and assumes a
 * least-privilege role trusted only for this stream in this account. With `parquet`, it converts
 * the records to Parquet with a Glue table's columns (`data_format_conversion_configuration`).
 *
 * Emits `aws_cloudwatch_log_group`, `aws_cloudwatch_log_stream`, `aws_iam_role`,
 * `aws_iam_role_policy` and `aws_kinesis_firehose_delivery_stream`. Addresses:
 * `aws_kinesis_firehose_delivery_stream.events`, the log group and stream `.events`, the role and
 * its policy `.firehose`.
 */
export class FirehoseEventStream extends Construct {
  public readonly deliveryStream: KinesisFirehoseDeliveryStream;
  public readonly deliveryStreamName: string;
  public readonly deliveryStreamArn: string;
  /** ARN of the role Firehose assumes. */
  public readonly firehoseRoleArn: string;
  /** Statements the policies of the customer-managed keys in use must contain. */
  public readonly keyGrants: KeyGrant[];

  constructor(scope: Construct, id: string, props: FirehoseEventStreamProps) {
    super(scope, id);
    const p = withDefaults(props);
    validate(p);
    const provider = p.accountProvider;
    const logGroup = new CloudwatchLogGroup(this, "log-group", {
      provider,
      name: p.logGroupName,
      retentionInDays: p.logRetentionDays,
      kmsKeyId: p.logKmsKeyArn,
    });
    named(logGroup, STREAM_NAME);
    const logStream = new CloudwatchLogStream(this, "log-stream", {
      provider,
      name: p.logStreamName,
      logGroupName: logGroup.name,
    });
    named(logStream, STREAM_NAME);
    const where = { region: p.region, accountId: p.accountId };
    const role = new ServiceRole(this, "role", {
      terraformName: ROLE_NAME,
      provider,
      roleName: p.roleName,
      description: `Lets Kinesis Data Firehose stream ${p.deliveryStreamName} write SES events to S3.`,
      servicePrincipal: "firehose.amazonaws.com",
      sourceAccount: p.accountId,
      sourceArns: [firehoseStreamArn(where, p.deliveryStreamName)],
      statements: permissions(p),
    });
    this.firehoseRoleArn = role.roleArn;
    this.deliveryStream = new KinesisFirehoseDeliveryStream(this, "stream", {
      provider,
      name: p.deliveryStreamName,
      destination: "extended_s3",
      serverSideEncryption: p.kmsKeyArn
        ? { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: p.kmsKeyArn }
        : { enabled: true, keyType: "AWS_OWNED_CMK" },
      extendedS3Configuration: {
        bucketArn: p.bucketArn,
        roleArn: role.roleArn,
        prefix: p.prefix,
        errorOutputPrefix: p.errorOutputPrefix,
        bufferingInterval: p.bufferingIntervalSeconds,
        bufferingSize: p.bufferingSizeMb,
        compressionFormat: p.compression,
        dataFormatConversionConfiguration: p.parquet && parquetConversion(p, p.parquet, role),
        cloudwatchLoggingOptions: {
          enabled: true,
          logGroupName: logGroup.name,
          logStreamName: logStream.name,
        },
      },
      dependsOn: [role.policy],
    });
    named(this.deliveryStream, STREAM_NAME);
    this.deliveryStreamName = this.deliveryStream.name;
    this.deliveryStreamArn = this.deliveryStream.arn;
    this.keyGrants = keyGrants(p);
  }
}

type OptionalKeys = "bucketKmsKeyArn" | "kmsKeyArn" | "logKmsKeyArn" | "parquet";
type ResolvedProps = Required<Omit<FirehoseEventStreamProps, OptionalKeys>> &
  Pick<FirehoseEventStreamProps, OptionalKeys>;

/** Defaults of the optional props (kept cdk-free for the configuration checks). */
export const FIREHOSE_EVENT_STREAM_DEFAULTS =
  defaults.FIREHOSE_EVENT_STREAM_DEFAULTS satisfies Partial<FirehoseEventStreamProps>;

/** What Firehose does on the bucket it delivers to (the list AWS's console and the tutorial grant). */
export const FIREHOSE_S3_ACTIONS = [
  "s3:AbortMultipartUpload",
  "s3:GetBucketLocation",
  "s3:GetObject",
  "s3:ListBucket",
  "s3:ListBucketMultipartUploads",
  "s3:PutObject",
] as const;

/** Defaults that change with `parquet`: what record format conversion needs. */
const PARQUET_DEFAULTS = {
  compression: FORMAT_CONVERSION.compression,
  bufferingSizeMb: FORMAT_CONVERSION.minBufferingSizeMb,
} as const satisfies Partial<FirehoseEventStreamProps>;

function withDefaults(props: FirehoseEventStreamProps): ResolvedProps {
  const parquet = props.parquet ? PARQUET_DEFAULTS : {};
  return { ...FIREHOSE_EVENT_STREAM_DEFAULTS, ...parquet, ...definedOnly(props) };
}

/** Record format conversion to Parquet with the columns of `table`, read with the stream's role. */
function parquetConversion(
  p: ResolvedProps,
  table: ParquetConversion,
  role: ServiceRole,
): KinesisFirehoseDeliveryStreamExtendedS3ConfigurationDataFormatConversionConfiguration {
  return {
    enabled: true,
    inputFormatConfiguration: { deserializer: { openXJsonSerDe: {} } },
    outputFormatConfiguration: { serializer: { parquetSerDe: { compression: "SNAPPY" } } },
    schemaConfiguration: {
      catalogId: p.accountId,
      region: p.region,
      databaseName: table.databaseName,
      tableName: table.tableName,
      roleArn: role.roleArn,
      versionId: "LATEST",
    },
  };
}

/** The Glue catalog, database and table ARNs of `table`: what GetTable checks. */
function glueTableArns(p: ResolvedProps, table: ParquetConversion): string[] {
  const where = { region: p.region, accountId: p.accountId, service: "glue" };
  return [
    arn({ ...where, resource: "catalog" }),
    arn({ ...where, resource: `database/${table.databaseName}` }),
    arn({ ...where, resource: `table/${table.databaseName}/${table.tableName}` }),
  ];
}

/** `arn:<partition>:firehose:<region>:<accountId>:deliverystream/<name>` */
export function firehoseStreamArn(
  where: { readonly region: string; readonly accountId: string },
  name: string,
): string {
  return arn({ ...where, service: "firehose", resource: `deliverystream/${name}` });
}

/**
 * The role's permissions. ARNs are computed from names (the bucket's is given), so the policy is
 * known at plan time even when the log stream or the stream itself changes.
 */
function permissions(p: ResolvedProps): PolicyStatement[] {
  const logStreamArn = arn({
    region: p.region,
    accountId: p.accountId,
    service: "logs",
    resource: `log-group:${p.logGroupName}:log-stream:${p.logStreamName}`,
  });
  const statements: PolicyStatement[] = [
    {
      Sid: "WriteEventObjects",
      Effect: "Allow",
      Action: [...FIREHOSE_S3_ACTIONS],
      Resource: [p.bucketArn, `${p.bucketArn}/*`],
    },
    {
      Sid: "LogDeliveryErrors",
      Effect: "Allow",
      Action: ["logs:PutLogEvents"],
      Resource: [logStreamArn],
    },
  ];
  if (p.parquet) {
    statements.push({
      Sid: "ReadParquetSchema",
      Effect: "Allow",
      Action: ["glue:GetTable", "glue:GetTableVersion", "glue:GetTableVersions"],
      Resource: glueTableArns(p, p.parquet),
    });
  }
  if (p.bucketKmsKeyArn) {
    statements.push({
      Sid: "EncryptThroughS3Only",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: [p.bucketKmsKeyArn],
      Condition: {
        StringEquals: { "kms:ViaService": [`s3.${p.region}.amazonaws.com`] },
        // With an S3 Bucket Key the context is the bucket's ARN; without, the object's.
        StringLike: { "kms:EncryptionContext:aws:s3:arn": [p.bucketArn, `${p.bucketArn}/*`] },
      },
    });
  }
  return statements;
}

/** What each customer-managed key's policy must allow for this stream, its logs and its bucket. */
function keyGrants(p: ResolvedProps): KeyGrant[] {
  const where = { region: p.region, accountId: p.accountId };
  const grants: KeyGrant[] = [];
  if (p.kmsKeyArn) grants.push({ keyArn: p.kmsKeyArn, statement: firehoseKeyStatement(where) });
  if (p.logKmsKeyArn) {
    grants.push({ keyArn: p.logKmsKeyArn, statement: logGroupKeyStatement(where, p.logGroupName) });
  }
  if (p.bucketKmsKeyArn) {
    grants.push({
      keyArn: p.bucketKmsKeyArn,
      statement: bucketWriterKeyStatement(where, p.roleName),
    });
  }
  return grants;
}

function validate(p: ResolvedProps): void {
  check("accountId", p.accountId, RULES.accountId);
  check("deliveryStreamName", p.deliveryStreamName, RULES.deliveryStreamName);
  check("roleName", p.roleName, RULES.iamName);
  check("prefix", p.prefix, RULES.s3Prefix);
  check("errorOutputPrefix", p.errorOutputPrefix, RULES.s3Prefix);
  check("logGroupName", p.logGroupName, RULES.logGroupName);
  check("logStreamName", p.logStreamName, RULES.logStreamName);
  for (const field of ["bucketKmsKeyArn", "kmsKeyArn", "logKmsKeyArn"] as const) {
    check(field, p[field], RULES.kmsKeyArn);
    checkKeyRegion(field, p[field], p.region);
  }
  inRange("bufferingIntervalSeconds", p.bufferingIntervalSeconds, BUFFERING_INTERVAL_SECONDS);
  inRange("bufferingSizeMb", p.bufferingSizeMb, BUFFERING_SIZE_MB);
  checkOneOf("compression", p.compression, FIREHOSE_COMPRESSION_FORMATS);
  if (p.parquet) validateParquet(p, p.parquet);
  checkOneOf("logRetentionDays", p.logRetentionDays, LOG_RETENTION_DAYS as readonly number[]);
}

/** What record format conversion needs of the stream (the config checks say it with paths). */
function validateParquet(p: ResolvedProps, table: ParquetConversion): void {
  check("parquet.databaseName", table.databaseName, EVENT_LAKE_RULES.databaseName);
  if (p.compression !== FORMAT_CONVERSION.compression) {
    throw new Error(
      `compression must be ${show(FORMAT_CONVERSION.compression)} with parquet (${PARQUET_COMPRESSION_REASON}); got ${show(p.compression)}.`,
    );
  }
  if (p.bufferingSizeMb < FORMAT_CONVERSION.minBufferingSizeMb) {
    throw new Error(
      `bufferingSizeMb must be at least ${FORMAT_CONVERSION.minBufferingSizeMb} with parquet (${PARQUET_BUFFER_REASON}); got ${show(p.bufferingSizeMb)}.`,
    );
  }
}
