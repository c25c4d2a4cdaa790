import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchLogStream } from "@cdktf/provider-aws/lib/cloudwatch-log-stream";
import { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KinesisFirehoseDeliveryStream } from "@cdktf/provider-aws/lib/kinesis-firehose-delivery-stream";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { arn } from "../private/arn";
import {
  BUFFERING_INTERVAL_SECONDS,
  BUFFERING_SIZE_MB,
  FIREHOSE_COMPRESSION_FORMATS,
  FirehoseCompressionFormat,
  LOG_RETENTION_DAYS,
  RULES,
  check,
  checkOneOf,
  definedOnly,
  inRange,
} from "../private/rules";
import { ServiceRole } from "../private/service-role";

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
   * @default 90
   */
  readonly logRetentionDays?: number;
}

/**
 * A Kinesis Data Firehose delivery stream that writes SES events to S3 (extended S3 destination,
 * server-side encryption on, compressed), logs delivery errors to CloudWatch Logs, and assumes a
 * least-privilege role trusted only for this stream in this account.
 *
 * Emits `aws_cloudwatch_log_group`, `aws_cloudwatch_log_stream`, `aws_iam_role`,
 * `aws_iam_role_policy`, `aws_kinesis_firehose_delivery_stream` and two `aws_iam_policy_document`
 * data sources.
 */
export class FirehoseEventStream extends Construct {
  public readonly deliveryStream: KinesisFirehoseDeliveryStream;
  public readonly deliveryStreamName: string;
  public readonly deliveryStreamArn: string;
  /** ARN of the role Firehose assumes. */
  public readonly firehoseRoleArn: string;

  constructor(scope: Construct, id: string, props: FirehoseEventStreamProps) {
    super(scope, id);
    const p = withDefaults(props);
    validate(p);
    const provider = p.accountProvider;
    const logGroup = new CloudwatchLogGroup(this, "log-group", {
      provider,
      name: p.logGroupName,
      retentionInDays: p.logRetentionDays,
    });
    const logStream = new CloudwatchLogStream(this, "log-stream", {
      provider,
      name: p.logStreamName,
      logGroupName: logGroup.name,
    });
    const where = { region: p.region, accountId: p.accountId };
    const streamArn = arn({
      ...where,
      service: "firehose",
      resource: `deliverystream/${p.deliveryStreamName}`,
    });
    const role = new ServiceRole(this, "role", {
      provider,
      roleName: p.roleName,
      description: `Lets Kinesis Data Firehose stream ${p.deliveryStreamName} write SES events to S3.`,
      servicePrincipal: "firehose.amazonaws.com",
      sourceAccount: p.accountId,
      sourceArns: [streamArn],
      statements: permissions(p, logStream.arn),
    });
    this.firehoseRoleArn = role.roleArn;
    this.deliveryStream = new KinesisFirehoseDeliveryStream(this, "stream", {
      provider,
      name: p.deliveryStreamName,
      destination: "extended_s3",
      serverSideEncryption: { enabled: true, keyType: "AWS_OWNED_CMK" },
      extendedS3Configuration: {
        bucketArn: p.bucketArn,
        roleArn: role.roleArn,
        prefix: p.prefix,
        errorOutputPrefix: p.errorOutputPrefix,
        bufferingInterval: p.bufferingIntervalSeconds,
        bufferingSize: p.bufferingSizeMb,
        compressionFormat: p.compression,
        cloudwatchLoggingOptions: {
          enabled: true,
          logGroupName: logGroup.name,
          logStreamName: logStream.name,
        },
      },
      dependsOn: [role.policy],
    });
    this.deliveryStreamName = this.deliveryStream.name;
    this.deliveryStreamArn = this.deliveryStream.arn;
  }
}

type ResolvedProps = Required<Omit<FirehoseEventStreamProps, "bucketKmsKeyArn">> &
  Pick<FirehoseEventStreamProps, "bucketKmsKeyArn">;

function withDefaults(props: FirehoseEventStreamProps): ResolvedProps {
  return {
    deliveryStreamName: "tf-delivery-stream",
    roleName: "tf-firehose-role",
    prefix: "ses/",
    errorOutputPrefix: "ses-errors/!{firehose:error-output-type}/",
    bufferingIntervalSeconds: 60,
    bufferingSizeMb: 5,
    compression: "GZIP",
    logGroupName: "/aws/kinesisfirehose/tf-firehose-log-group",
    logStreamName: "tf-firehose-log-stream",
    logRetentionDays: 90,
    ...definedOnly(props),
  };
}

function permissions(p: ResolvedProps, logStreamArn: string): DataAwsIamPolicyDocumentStatement[] {
  const statements: DataAwsIamPolicyDocumentStatement[] = [
    {
      sid: "WriteEventObjects",
      effect: "Allow",
      actions: [
        "s3:AbortMultipartUpload",
        "s3:GetBucketLocation",
        "s3:GetObject",
        "s3:ListBucket",
        "s3:ListBucketMultipartUploads",
        "s3:PutObject",
      ],
      resources: [p.bucketArn, `${p.bucketArn}/*`],
    },
    {
      sid: "LogDeliveryErrors",
      effect: "Allow",
      actions: ["logs:PutLogEvents"],
      resources: [logStreamArn],
    },
  ];
  if (p.bucketKmsKeyArn) {
    statements.push({
      sid: "EncryptThroughS3Only",
      effect: "Allow",
      actions: ["kms:Decrypt", "kms:GenerateDataKey"],
      resources: [p.bucketKmsKeyArn],
      condition: [
        {
          test: "StringEquals",
          variable: "kms:ViaService",
          values: [`s3.${p.region}.amazonaws.com`],
        },
        {
          test: "StringLike",
          variable: "kms:EncryptionContext:aws:s3:arn",
          // With an S3 Bucket Key the context is the bucket's ARN; without, the object's.
          values: [p.bucketArn, `${p.bucketArn}/*`],
        },
      ],
    });
  }
  return statements;
}

function validate(p: ResolvedProps): void {
  check("accountId", p.accountId, RULES.accountId);
  check("deliveryStreamName", p.deliveryStreamName, RULES.deliveryStreamName);
  check("roleName", p.roleName, RULES.iamName);
  check("prefix", p.prefix, RULES.s3Prefix);
  check("errorOutputPrefix", p.errorOutputPrefix, RULES.s3Prefix);
  check("logGroupName", p.logGroupName, RULES.logGroupName);
  check("logStreamName", p.logStreamName, RULES.logStreamName);
  check("bucketKmsKeyArn", p.bucketKmsKeyArn, RULES.kmsKeyArn);
  inRange("bufferingIntervalSeconds", p.bufferingIntervalSeconds, BUFFERING_INTERVAL_SECONDS);
  inRange("bufferingSizeMb", p.bufferingSizeMb, BUFFERING_SIZE_MB);
  checkOneOf("compression", p.compression, FIREHOSE_COMPRESSION_FORMATS);
  checkOneOf("logRetentionDays", p.logRetentionDays, LOG_RETENTION_DAYS as readonly number[]);
}
