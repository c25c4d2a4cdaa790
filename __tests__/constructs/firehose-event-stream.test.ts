import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { KinesisFirehoseDeliveryStream } from "@cdktf/provider-aws/lib/kinesis-firehose-delivery-stream";
import {
  FirehoseEventStream,
  FirehoseEventStreamProps,
} from "../../src/constructs/firehose-event-stream";
import { KeyGrant } from "../../src/private/kms";
import { policyAt } from "../../test-support/policies";
import { parsed, synthWithProvider } from "../../test-support/scope";

const BUCKET_ARN = "arn:aws:s3:::acme-ses-events";
const KEY = "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const WEST_KEY = "arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab";

function grantsOf(props: Partial<FirehoseEventStreamProps>): KeyGrant[] {
  let stream: FirehoseEventStream | undefined;
  synthWithProvider((scope, accountProvider) => {
    stream = new FirehoseEventStream(scope, "stream", {
      accountProvider,
      accountId: "222222222222",
      region: "us-east-1",
      bucketArn: BUCKET_ARN,
      ...props,
    });
  });
  return stream!.keyGrants;
}

function synth(props: Partial<FirehoseEventStreamProps> = {}): string {
  return synthWithProvider((scope, accountProvider) => {
    new FirehoseEventStream(scope, "stream", {
      accountProvider,
      accountId: "222222222222",
      region: "us-east-1",
      bucketArn: BUCKET_ARN,
      ...props,
    });
  });
}

describe("FirehoseEventStream", () => {
  let synthesized: string;
  beforeAll(() => {
    synthesized = synth();
  });

  test("delivers to S3 through extended_s3 with folder-style prefixes, 60 s buffering and GZIP", () => {
    expect(synthesized).toHaveResourceWithProperties(KinesisFirehoseDeliveryStream, {
      name: "tf-delivery-stream",
      destination: "extended_s3",
      extended_s3_configuration: expect.objectContaining({
        bucket_arn: BUCKET_ARN,
        prefix: "ses/",
        error_output_prefix: "ses-errors/!{firehose:error-output-type}/",
        buffering_interval: 60,
        buffering_size: 5,
        compression_format: "GZIP",
      }),
    });
  });

  test("turns server-side encryption on", () => {
    expect(synthesized).toHaveResourceWithProperties(KinesisFirehoseDeliveryStream, {
      server_side_encryption: { enabled: true, key_type: "AWS_OWNED_CMK" },
    });
  });

  test("logs delivery errors to its log group and stream", () => {
    expect(synthesized).toHaveResourceWithProperties(KinesisFirehoseDeliveryStream, {
      extended_s3_configuration: expect.objectContaining({
        cloudwatch_logging_options: expect.objectContaining({ enabled: true }),
      }),
    });
    expect(synthesized).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: "/aws/kinesisfirehose/tf-firehose-log-group",
      retention_in_days: 365,
    });
  });

  test("keeps the seed's prefix reachable", () => {
    expect(synth({ prefix: "ses" })).toHaveResourceWithProperties(KinesisFirehoseDeliveryStream, {
      extended_s3_configuration: expect.objectContaining({ prefix: "ses" }),
    });
  });

  test("the role trusts Firehose only for this stream in this account", () => {
    expect(synthesized).toHaveResourceWithProperties(IamRole, { name: "tf-firehose-role" });
    const trust = policyAt(parsed(synthesized), "aws_iam_role.firehose");
    expect(trust.Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: "firehose.amazonaws.com" },
        Action: ["sts:AssumeRole"],
        Condition: {
          StringEquals: { "aws:SourceAccount": ["222222222222"] },
          ArnLike: {
            "aws:SourceArn": [
              "arn:aws:firehose:us-east-1:222222222222:deliverystream/tf-delivery-stream",
            ],
          },
        },
      }),
    ]);
  });

  test("the role may write only to the bucket and put only log events, named by computed ARNs", () => {
    const permissions = policyAt(parsed(synthesized), "aws_iam_role_policy.firehose");
    expect(permissions.Statement.map((s: any) => [s.Action, s.Resource])).toEqual([
      [
        [
          "s3:AbortMultipartUpload",
          "s3:GetBucketLocation",
          "s3:GetObject",
          "s3:ListBucket",
          "s3:ListBucketMultipartUploads",
          "s3:PutObject",
        ],
        [BUCKET_ARN, `${BUCKET_ARN}/*`],
      ],
      [
        ["logs:PutLogEvents"],
        [
          "arn:aws:logs:us-east-1:222222222222:log-group:/aws/kinesisfirehose/tf-firehose-log-group:log-stream:tf-firehose-log-stream",
        ],
      ],
    ]);
  });

  test("with a KMS bucket key, the role may use it only through S3", () => {
    const key = "arn:aws:kms:us-east-1:222222222222:key/abcd";
    const permissions = policyAt(
      parsed(synth({ bucketKmsKeyArn: key })),
      "aws_iam_role_policy.firehose",
    );
    expect(permissions.Statement[2]).toEqual({
      Sid: "EncryptThroughS3Only",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: [key],
      Condition: {
        StringEquals: { "kms:ViaService": ["s3.us-east-1.amazonaws.com"] },
        // With an S3 Bucket Key the encryption context is the bucket ARN itself.
        StringLike: { "kms:EncryptionContext:aws:s3:arn": [BUCKET_ARN, `${BUCKET_ARN}/*`] },
      },
    });
  });

  test("a buffering interval over 900 s is refused in the constructor", () => {
    expect(() => synth({ bufferingIntervalSeconds: 901 })).toThrow(
      "bufferingIntervalSeconds must be a whole number from 0 to 900; got 901.",
    );
  });

  test("a log retention CloudWatch does not accept is refused in the constructor", () => {
    expect(() => synth({ logRetentionDays: 10 })).toThrow(
      /^logRetentionDays must be one of 0, 1, 3, .* 3653; got 10\.$/,
    );
  });

  test("an unknown compression format is refused in the constructor", () => {
    expect(() => synth({ compression: "BZIP2" as never })).toThrow(
      'compression must be one of GZIP, UNCOMPRESSED, ZIP, Snappy, HADOOP_SNAPPY; got "BZIP2".',
    );
  });

  test("with kmsKeyArn, the stream is encrypted with the customer-managed key", () => {
    expect(synth({ kmsKeyArn: KEY })).toHaveResourceWithProperties(KinesisFirehoseDeliveryStream, {
      server_side_encryption: { enabled: true, key_type: "CUSTOMER_MANAGED_CMK", key_arn: KEY },
    });
  });

  test("with logKmsKeyArn, the delivery-error log group is encrypted with the key", () => {
    expect(synth({ logKmsKeyArn: KEY })).toHaveResourceWithProperties(CloudwatchLogGroup, {
      kms_key_id: KEY,
    });
  });

  test("without customer-managed keys there are no key policy statements to add", () => {
    expect(grantsOf({}).length).toBe(0);
  });

  test("keyGrants lists what each key's policy must allow: Firehose's grant, CloudWatch Logs for this group, the role through S3", () => {
    const grants = grantsOf({ kmsKeyArn: KEY, logKmsKeyArn: KEY, bucketKmsKeyArn: KEY });
    expect(grants.map((g) => [g.keyArn, g.statement.Sid])).toEqual([
      [KEY, "FirehoseStreamEncryption"],
      [KEY, "CloudWatchLogsGroupawskinesisfirehosetffirehoseloggroup"],
      [KEY, "S3ObjectsWrittenBytffirehoserole"],
    ]);
    expect(grants[1].statement).toMatchObject({
      Principal: { Service: "logs.us-east-1.amazonaws.com" },
      Condition: {
        ArnEquals: {
          "kms:EncryptionContext:aws:logs:arn":
            "arn:aws:logs:us-east-1:222222222222:log-group:/aws/kinesisfirehose/tf-firehose-log-group",
        },
      },
    });
    expect(grants[2].statement).toMatchObject({
      Principal: { AWS: "arn:aws:iam::222222222222:role/tf-firehose-role" },
      Condition: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } },
    });
  });

  test("a key in another region than the stream is refused in the constructor", () => {
    expect(() => synth({ logKmsKeyArn: WEST_KEY })).toThrow(
      `logKmsKeyArn must be a KMS key in the resource's region us-east-1 (partition aws); the key is in eu-west-1 (partition aws), and KMS keys are regional; got "${WEST_KEY}".`,
    );
  });
});

describe("FirehoseEventStream with parquet (record format conversion)", () => {
  const parquet = { databaseName: "ses_events", tableName: "events_parquet" };
  let json: any;
  beforeAll(() => {
    json = parsed(synth({ parquet, prefix: "ses/parquet/" }));
  });
  const s3 = () =>
    json.resource.aws_kinesis_firehose_delivery_stream.events.extended_s3_configuration;

  test("converts OpenX JSON to SNAPPY Parquet with the table's columns, read with the stream's role", () => {
    expect(s3().data_format_conversion_configuration).toEqual({
      enabled: true,
      input_format_configuration: { deserializer: { open_x_json_ser_de: {} } },
      output_format_configuration: { serializer: { parquet_ser_de: { compression: "SNAPPY" } } },
      schema_configuration: {
        catalog_id: "222222222222",
        region: "us-east-1",
        database_name: "ses_events",
        table_name: "events_parquet",
        role_arn: s3().role_arn,
        version_id: "LATEST",
      },
    });
    expect(s3().role_arn).toBe("${aws_iam_role.firehose.arn}");
  });

  test("S3 compression off and a 64 MiB buffer, as format conversion requires", () => {
    expect(s3()).toMatchObject({
      compression_format: "UNCOMPRESSED",
      buffering_size: 64,
      prefix: "ses/parquet/",
    });
  });

  test("the role may read that table's schema, on exactly its catalog, database and table", () => {
    const permissions = policyAt(json, "aws_iam_role_policy.firehose");
    expect(permissions.Statement.find((s: any) => s.Sid === "ReadParquetSchema")).toEqual({
      Sid: "ReadParquetSchema",
      Effect: "Allow",
      Action: ["glue:GetTable", "glue:GetTableVersion", "glue:GetTableVersions"],
      Resource: [
        "arn:aws:glue:us-east-1:222222222222:catalog",
        "arn:aws:glue:us-east-1:222222222222:database/ses_events",
        "arn:aws:glue:us-east-1:222222222222:table/ses_events/events_parquet",
      ],
    });
  });

  test("without parquet: no conversion block and no Glue permission", () => {
    const plain = parsed(synth());
    const stream = plain.resource.aws_kinesis_firehose_delivery_stream.events;
    expect(stream.extended_s3_configuration).not.toHaveProperty(
      "data_format_conversion_configuration",
    );
    expect(JSON.stringify(policyAt(plain, "aws_iam_role_policy.firehose"))).not.toContain("glue:");
  });

  test("a larger buffer is kept", () => {
    const stream = parsed(synth({ parquet, bufferingSizeMb: 128 })).resource
      .aws_kinesis_firehose_delivery_stream.events;
    expect(stream.extended_s3_configuration.buffering_size).toBe(128);
  });

  test("refuses S3 compression with parquet", () => {
    expect(() => synth({ parquet, compression: "GZIP" })).toThrow(
      'compression must be "UNCOMPRESSED" with parquet (Firehose compresses Parquet inside the file, with SNAPPY, and takes no S3 compression with format conversion); got "GZIP".',
    );
  });

  test("refuses a buffer below 64 MiB with parquet", () => {
    expect(() => synth({ parquet, bufferingSizeMb: 63 })).toThrow(
      "bufferingSizeMb must be at least 64 with parquet (Firehose's smallest buffer with record format conversion); got 63.",
    );
  });
});
