/** The permission table of S3: the event bucket and its settings. */
import { bucketArn, bucketSetting, Rules } from "../grants";

export const s3Resources: Record<string, Rules> = {
  aws_s3_bucket: {
    idAttribute: "bucket",
    arn: (config, ctx) => bucketArn(config.bucket, ctx),
    grants: (config, ctx) => [
      {
        actions: [
          "s3:CreateBucket",
          "s3:DeleteBucket",
          "s3:ListBucket",
          "s3:GetBucketLocation",
          "s3:GetBucketPolicy",
          "s3:GetBucketAcl",
          "s3:GetBucketCORS",
          "s3:GetBucketWebsite",
          "s3:GetBucketVersioning",
          "s3:GetAccelerateConfiguration",
          "s3:GetBucketRequestPayment",
          "s3:GetBucketLogging",
          "s3:GetLifecycleConfiguration",
          "s3:GetReplicationConfiguration",
          "s3:GetEncryptionConfiguration",
          "s3:GetBucketObjectLockConfiguration",
          "s3:GetBucketTagging",
          "s3:PutBucketTagging",
          ...(config.force_destroy === true ? ["s3:ListBucketVersions"] : []),
        ],
        arns: [bucketArn(config.bucket, ctx)],
      },
      ...(config.force_destroy === true
        ? [
            {
              actions: ["s3:DeleteObject", "s3:DeleteObjectVersion"],
              arns: [`${bucketArn(config.bucket, ctx)}/*`],
            },
          ]
        : []),
    ],
  },
  aws_s3_bucket_lifecycle_configuration: bucketSetting([
    "s3:PutLifecycleConfiguration",
    "s3:GetLifecycleConfiguration",
  ]),
  aws_s3_bucket_ownership_controls: bucketSetting([
    "s3:PutBucketOwnershipControls",
    "s3:GetBucketOwnershipControls",
  ]),
  aws_s3_bucket_policy: bucketSetting([
    "s3:PutBucketPolicy",
    "s3:GetBucketPolicy",
    "s3:DeleteBucketPolicy",
  ]),
  aws_s3_bucket_public_access_block: bucketSetting([
    "s3:PutBucketPublicAccessBlock",
    "s3:GetBucketPublicAccessBlock",
  ]),
  aws_s3_bucket_server_side_encryption_configuration: bucketSetting([
    "s3:PutEncryptionConfiguration",
    "s3:GetEncryptionConfiguration",
  ]),
  aws_s3_bucket_versioning: bucketSetting(["s3:PutBucketVersioning", "s3:GetBucketVersioning"]),
  aws_s3_bucket_logging: bucketSetting(["s3:PutBucketLogging", "s3:GetBucketLogging"]),
};
