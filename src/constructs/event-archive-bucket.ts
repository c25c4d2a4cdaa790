import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import {
  S3BucketLifecycleConfiguration,
  S3BucketLifecycleConfigurationRule,
} from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { TerraformResource } from "cdktf";
import { Construct } from "constructs";
import { named, resourceAddress } from "../private/addresses";
import { RULES } from "../private/aws-facts";
import { policyDocument } from "../private/iam-policy";
import { bucketNameProblem } from "../private/value-problems";
import { check, isToken, show } from "../private/validation";
import { EVENT_ARCHIVE_BUCKET_DEFAULTS } from "../private/construct-defaults";
export { EVENT_ARCHIVE_BUCKET_DEFAULTS };

/** Where S3 server access logs of the bucket go. */
export interface BucketAccessLogging {
  /**
   * The bucket that receives the logs: in the same account and region, not this bucket, and with
   * a bucket policy that lets `logging.s3.amazonaws.com` put objects under the prefix.
   */
  readonly targetBucket: string;
  /**
   * Key prefix of the log objects.
   * @default "ses-events/"
   */
  readonly targetPrefix?: string;
}

export interface EventArchiveBucketProps {
  /** The AWS provider of the account that owns the bucket. */
  readonly accountProvider: AwsProvider;
  /** Globally unique S3 bucket name. */
  readonly bucketName: string;
  /**
   * KMS key for default encryption (SSE-KMS with an S3 bucket key).
   * @default - SSE-S3 (AES256)
   */
  readonly kmsKeyArn?: string;
  /**
   * Days after which current objects expire.
   * @default 365
   */
  readonly expirationDays?: number;
  /**
   * Days after which noncurrent object versions expire.
   * @default 30
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Let `terraform destroy` delete a bucket that still holds objects.
   * @default false
   */
  readonly forceDestroy?: boolean;
  /**
   * S3 server access logging of the bucket. Off by default: the target bucket is the user's
   * (one per account and region, usually shared by every bucket), and Firehose is the only writer.
   * @default - no server access logging
   */
  readonly accessLogging?: BucketAccessLogging;
  /**
   * A prefix whose objects expire sooner (Athena query results), by its own lifecycle rule
   * `expire-query-results`.
   * @default - every object expires after `expirationDays`
   */
  readonly queryResults?: { readonly prefix: string; readonly expirationDays: number };
}

/** The Terraform name of the bucket and of each of its resources (one per account stack). */
const BUCKET_NAME = "events";

/** The addresses EventArchiveBucket gives its resources (those `adopt` can import into). */
export const EVENT_ARCHIVE_BUCKET_ADDRESSES = {
  bucket: resourceAddress(S3Bucket, BUCKET_NAME),
} as const;

/**
 * An S3 bucket hardened for event archives: all four public access blocks, bucket-owner-enforced
 * ownership (no ACLs), default encryption, versioning, a lifecycle rule, a bucket policy that
 * denies any request not made over TLS, and optionally server access logging.
 *
 * Emits `aws_s3_bucket`, `aws_s3_bucket_public_access_block`, `aws_s3_bucket_ownership_controls`,
 * `aws_s3_bucket_server_side_encryption_configuration`, `aws_s3_bucket_versioning`,
 * `aws_s3_bucket_lifecycle_configuration`, `aws_s3_bucket_policy`, and with access logging
 * `aws_s3_bucket_logging`. Addresses: `<type>.events`.
 *
 * A new `bucketName` for a deployed bucket is refused when Terraform plans, before anything is
 * applied (see {@link renameGuard}): replacing a bucket would first remove the old bucket's
 * policy, public access block, encryption, versioning and lifecycle, then fail on its objects.
 */
export class EventArchiveBucket extends Construct {
  public readonly bucket: S3Bucket;
  public readonly bucketName: string;
  public readonly bucketArn: string;

  constructor(scope: Construct, id: string, props: EventArchiveBucketProps) {
    super(scope, id);
    validate(props);
    const provider = props.accountProvider;
    this.bucket = new S3Bucket(this, "bucket", {
      provider,
      bucket: props.bucketName,
      forceDestroy: props.forceDestroy ?? EVENT_ARCHIVE_BUCKET_DEFAULTS.forceDestroy,
      lifecycle: renameGuard(props.bucketName),
    });
    named(this.bucket, BUCKET_NAME);
    this.bucketName = this.bucket.bucket;
    this.bucketArn = this.bucket.arn;
    const bucket = this.bucket.id;

    new S3BucketPublicAccessBlock(this, "public-access-block", {
      provider,
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "ownership", {
      provider,
      bucket,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      provider,
      bucket,
      rule: [
        {
          applyServerSideEncryptionByDefault: props.kmsKeyArn
            ? { sseAlgorithm: "aws:kms", kmsMasterKeyId: props.kmsKeyArn }
            : { sseAlgorithm: "AES256" },
          bucketKeyEnabled: props.kmsKeyArn ? true : undefined,
        },
      ],
    });
    const versioning = new S3BucketVersioningA(this, "versioning", {
      provider,
      bucket,
      versioningConfiguration: { status: "Enabled" },
    });
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      provider,
      bucket,
      dependsOn: [versioning],
      rule: [
        {
          id: "expire-events",
          status: "Enabled",
          filter: [{ prefix: "" }],
          expiration: [
            { days: props.expirationDays ?? EVENT_ARCHIVE_BUCKET_DEFAULTS.expirationDays },
          ],
          noncurrentVersionExpiration: [
            {
              noncurrentDays:
                props.noncurrentVersionExpirationDays ??
                EVENT_ARCHIVE_BUCKET_DEFAULTS.noncurrentVersionExpirationDays,
            },
          ],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
        ...queryResultsRule(props.queryResults),
      ],
    });
    const tlsOnly = policyDocument([
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: ["s3:*"],
        Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
        Condition: { Bool: { "aws:SecureTransport": ["false"] } },
      },
    ]);
    new S3BucketPolicy(this, "policy", { provider, bucket, policy: tlsOnly });
    if (props.accessLogging) {
      new S3BucketLoggingA(this, "access-logging", {
        provider,
        bucket,
        targetBucket: props.accessLogging.targetBucket,
        targetPrefix:
          props.accessLogging.targetPrefix ?? EVENT_ARCHIVE_BUCKET_DEFAULTS.accessLogTargetPrefix,
      });
    }
    // Every resource of the bucket is `<type>.events`, as one would write it in HCL.
    for (const child of this.node.children) {
      if (TerraformResource.isTerraformResource(child) && child !== this.bucket) {
        named(child, BUCKET_NAME);
      }
    }
  }
}

/** Query results expire sooner than events; noncurrent versions go after one day. */
function queryResultsRule(
  results: EventArchiveBucketProps["queryResults"],
): S3BucketLifecycleConfigurationRule[] {
  if (!results) return [];
  return [
    {
      id: "expire-query-results",
      status: "Enabled",
      filter: [{ prefix: results.prefix }],
      expiration: [{ days: results.expirationDays }],
      noncurrentVersionExpiration: [{ noncurrentDays: 1 }],
    },
  ];
}

/**
 * The bucket's name is kept as deployed (`ignore_changes`), and a postcondition fails the plan
 * when it is not the configured one: a rename is refused with what to do, never half applied.
 * Terraform's own message adds the deployed name (`self.bucket is "..."`).
 */
function renameGuard(bucketName: string): S3Bucket["lifecycle"] {
  if (isToken(bucketName)) return undefined;
  return {
    ignoreChanges: ["bucket"],
    postcondition: [
      {
        condition: `\${self.bucket == "${bucketName}"}`,
        errorMessage: `The event bucket is renamed to ${bucketName} (eventPublishing.bucket.name), but replacing a bucket removes the old bucket's policy, public access block, encryption, versioning and lifecycle first and then fails if it holds objects. Say what happens to the old bucket first: keep it (terraform state rm its resources, then deploy) or delete it with its objects (deploy bucket.forceDestroy: true, then terraform apply -replace=aws_s3_bucket.events); see docs/review.md "Rename or remove the event bucket".`,
      },
    ],
  };
}

function validate(props: EventArchiveBucketProps): void {
  const problem = isToken(props.bucketName) ? undefined : bucketNameProblem(props.bucketName);
  if (problem) throw new Error(`bucketName must be ${problem}; got ${show(props.bucketName)}.`);
  check("kmsKeyArn", props.kmsKeyArn, RULES.kmsKeyArn);
  validateAccessLogging(props);
  const fields = [
    ["expirationDays", props.expirationDays],
    ["noncurrentVersionExpirationDays", props.noncurrentVersionExpirationDays],
    ["queryResults.expirationDays", props.queryResults?.expirationDays],
  ] as const;
  for (const [field, days] of fields) {
    if (days !== undefined && (!Number.isInteger(days) || days < 1)) {
      throw new Error(`${field} must be a whole number of days of at least 1; got ${show(days)}.`);
    }
  }
}

function validateAccessLogging(props: EventArchiveBucketProps): void {
  const logging = props.accessLogging;
  if (!logging) return;
  const target = logging.targetBucket;
  const problem = isToken(target) ? undefined : bucketNameProblem(target);
  if (problem) {
    throw new Error(`accessLogging.targetBucket must be ${problem}; got ${show(target)}.`);
  }
  if (target === props.bucketName) {
    throw new Error(
      `accessLogging.targetBucket must be another bucket than the event bucket (logging a bucket into itself logs its own log writes); got ${show(target)}.`,
    );
  }
  check("accessLogging.targetPrefix", logging.targetPrefix, RULES.s3Prefix);
}
