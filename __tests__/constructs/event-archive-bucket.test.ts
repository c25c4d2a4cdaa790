import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import {
  EventArchiveBucket,
  EventArchiveBucketProps,
} from "../../src/constructs/event-archive-bucket";
import { policyAt } from "../../test-support/policies";
import { parsed, synthWithProvider } from "../../test-support/scope";

function synth(props: Partial<EventArchiveBucketProps> = {}): string {
  return synthWithProvider((scope, accountProvider) => {
    new EventArchiveBucket(scope, "bucket", {
      accountProvider,
      bucketName: "acme-ses-events",
      ...props,
    });
  });
}

describe("EventArchiveBucket", () => {
  let synthesized: string;
  beforeAll(() => {
    synthesized = synth();
  });

  test("names the bucket and keeps force_destroy off", () => {
    expect(synthesized).toHaveResourceWithProperties(S3Bucket, {
      bucket: "acme-ses-events",
      force_destroy: false,
    });
  });

  test("blocks all four kinds of public access", () => {
    expect(synthesized).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  test("enforces bucket-owner ownership (ACLs off)", () => {
    expect(synthesized).toHaveResourceWithProperties(S3BucketOwnershipControls, {
      rule: { object_ownership: "BucketOwnerEnforced" },
    });
  });

  test("encrypts with SSE-S3 by default", () => {
    expect(synthesized).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [
        expect.objectContaining({
          apply_server_side_encryption_by_default: { sse_algorithm: "AES256" },
        }),
      ],
    });
  });

  test("encrypts with the given KMS key and a bucket key", () => {
    const key = "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    expect(synth({ kmsKeyArn: key })).toHaveResourceWithProperties(
      S3BucketServerSideEncryptionConfigurationA,
      {
        rule: [
          {
            apply_server_side_encryption_by_default: {
              sse_algorithm: "aws:kms",
              kms_master_key_id: key,
            },
            bucket_key_enabled: true,
          },
        ],
      },
    );
  });

  test("turns versioning on", () => {
    expect(synthesized).toHaveResourceWithProperties(S3BucketVersioningA, {
      versioning_configuration: { status: "Enabled" },
    });
  });

  test("expires events after the configured days", () => {
    expect(
      synth({ expirationDays: 30, noncurrentVersionExpirationDays: 7 }),
    ).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [
        expect.objectContaining({
          status: "Enabled",
          expiration: [{ days: 30 }],
          noncurrent_version_expiration: [{ noncurrent_days: 7 }],
        }),
      ],
    });
  });

  test("a rename of the deployed bucket fails the plan: the name is kept as deployed and checked by a postcondition", () => {
    const bucket = parsed(synthesized).resource.aws_s3_bucket.events;
    expect(bucket.lifecycle).toEqual({
      ignore_changes: ["bucket"],
      postcondition: [
        {
          condition: `\${self.bucket == "${bucket.bucket}"}`,
          error_message: expect.stringMatching(
            /^The event bucket is renamed to \S+ \(eventPublishing\.bucket\.name\), but replacing a bucket removes the old bucket's policy, public access block, encryption, versioning and lifecycle first/,
          ),
        },
      ],
    });
  });

  test("the bucket policy denies every request not made over TLS", () => {
    const tlsOnly = policyAt(parsed(synthesized), "aws_s3_bucket_policy.events");
    expect(tlsOnly.Statement).toEqual([
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: ["s3:*"],
        Resource: ["${aws_s3_bucket.events.arn}", "${aws_s3_bucket.events.arn}/*"],
        Condition: { Bool: { "aws:SecureTransport": ["false"] } },
      },
    ]);
  });

  test("an invalid bucket name is refused in the constructor", () => {
    expect(() => synth({ bucketName: "Acme_Events" })).toThrow(
      'bucketName must be 3-63 characters of lowercase letters, digits, periods and hyphens, starting and ending with a letter or digit; got "Acme_Events".',
    );
  });

  test("a zero-day expiry is refused in the constructor", () => {
    expect(() => synth({ expirationDays: 0 })).toThrow(
      "expirationDays must be a whole number of days of at least 1; got 0.",
    );
  });

  test("has no server access logging unless asked", () => {
    expect(parsed(synthesized).resource.aws_s3_bucket_logging).toBeUndefined();
  });

  test("with accessLogging, logs server access to the target bucket under the prefix", () => {
    expect(
      synth({ accessLogging: { targetBucket: "acme-access-logs" } }),
    ).toHaveResourceWithProperties(S3BucketLoggingA, {
      target_bucket: "acme-access-logs",
      target_prefix: "ses-events/",
    });
  });

  test("logging the bucket into itself is refused in the constructor", () => {
    expect(() => synth({ accessLogging: { targetBucket: "acme-ses-events" } })).toThrow(
      'accessLogging.targetBucket must be another bucket than the event bucket (logging a bucket into itself logs its own log writes); got "acme-ses-events".',
    );
  });
});
