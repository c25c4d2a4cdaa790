import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { KinesisFirehoseDeliveryStream } from "@cdktf/provider-aws/lib/kinesis-firehose-delivery-stream";
import {
  FirehoseEventStream,
  FirehoseEventStreamProps,
} from "../../src/constructs/firehose-event-stream";
import { KeyGrant } from "../../src/private/kms";
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

function policyDocuments(synthesized: string): any[] {
  return Object.values(parsed(synthesized).data.aws_iam_policy_document);
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
    const trust = policyDocuments(synthesized).find(
      (d) => d.statement[0].actions[0] === "sts:AssumeRole",
    );
    expect(trust.statement[0]).toMatchObject({
      principals: [{ type: "Service", identifiers: ["firehose.amazonaws.com"] }],
      condition: [
        { test: "StringEquals", variable: "aws:SourceAccount", values: ["222222222222"] },
        {
          test: "ArnLike",
          variable: "aws:SourceArn",
          values: ["arn:aws:firehose:us-east-1:222222222222:deliverystream/tf-delivery-stream"],
        },
      ],
    });
  });

  test("the role may write only to the bucket and put only log events", () => {
    const permissions = policyDocuments(synthesized).find(
      (d) => d.statement[0].sid === "WriteEventObjects",
    );
    expect(permissions.statement.map((s: any) => [s.actions, s.resources.length])).toEqual([
      [
        [
          "s3:AbortMultipartUpload",
          "s3:GetBucketLocation",
          "s3:GetObject",
          "s3:ListBucket",
          "s3:ListBucketMultipartUploads",
          "s3:PutObject",
        ],
        2,
      ],
      [["logs:PutLogEvents"], 1],
    ]);
    expect(permissions.statement[0].resources).toEqual([BUCKET_ARN, `${BUCKET_ARN}/*`]);
  });

  test("with a KMS bucket key, the role may use it only through S3", () => {
    const key = "arn:aws:kms:us-east-1:222222222222:key/abcd";
    const permissions = policyDocuments(synth({ bucketKmsKeyArn: key })).find(
      (d) => d.statement[0].sid === "WriteEventObjects",
    );
    expect(permissions.statement[2]).toMatchObject({
      actions: ["kms:Decrypt", "kms:GenerateDataKey"],
      resources: [key],
      condition: expect.arrayContaining([
        {
          test: "StringEquals",
          variable: "kms:ViaService",
          values: ["s3.us-east-1.amazonaws.com"],
        },
        // With an S3 Bucket Key the encryption context is the bucket ARN itself.
        {
          test: "StringLike",
          variable: "kms:EncryptionContext:aws:s3:arn",
          values: [BUCKET_ARN, `${BUCKET_ARN}/*`],
        },
      ]),
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
