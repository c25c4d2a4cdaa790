import { arn, partitionOf, roleArn } from "./arn";
import { RULES } from "./aws-facts";
import { isToken, show } from "./validation";

/**
 * Customer-managed KMS keys: where a key may be used, and the key policy statements each service
 * needs. The keys belong to the user, so the statements are printed (stack output
 * `kms_key_policy_statements`), never applied.
 */

/** One statement of a KMS key policy, in the key policy's own JSON shape. */
export interface KeyPolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Principal: { readonly Service: string } | { readonly AWS: string };
  readonly Action: readonly string[];
  /** In a key policy, `*` means the key itself. */
  readonly Resource: "*";
  readonly Condition?: Record<string, Record<string, string>>;
}

/** A statement that the policy of the key `keyArn` must contain. */
export interface KeyGrant {
  readonly keyArn: string;
  readonly statement: KeyPolicyStatement;
}

/**
 * Why a KMS key ARN cannot be used by a resource in `region`: KMS keys are regional, and a key
 * of another partition cannot be named at all. Undefined when it can, when either is unknown, or
 * when the value is no key ARN at all (that is the pattern's problem).
 */
export function keyRegionProblem(keyArn: string, region: string): string | undefined {
  if (isToken(keyArn) || isToken(region) || !RULES.kmsKeyArn.pattern.test(keyArn)) return undefined;
  const [, keyPartition, , keyRegion] = keyArn.split(":");
  const partition = partitionOf(region);
  if (keyPartition === partition && keyRegion === region) return undefined;
  return `a KMS key in the resource's region ${region} (partition ${partition}); the key is in ${keyRegion} (partition ${keyPartition}), and KMS keys are regional`;
}

/** Throws when a constructor prop names a key of another region or partition than `region`. */
export function checkKeyRegion(field: string, keyArn: string | undefined, region: string): void {
  const problem = keyArn === undefined ? undefined : keyRegionProblem(keyArn, region);
  if (problem) throw new Error(`${field} must be ${problem}; got ${show(keyArn)}.`);
}

/** Where the statements apply: the account and region of the resources using the key. */
export interface KeyUser {
  readonly accountId: string;
  readonly region: string;
}

/** CloudWatch Logs encrypts one log group with the key (AWS's documented statement). */
export function logGroupKeyStatement(where: KeyUser, logGroupName: string): KeyPolicyStatement {
  return {
    Sid: `CloudWatchLogsGroup${sidSafe(logGroupName)}`,
    Effect: "Allow",
    Principal: { Service: `logs.${where.region}.amazonaws.com` },
    Action: [
      "kms:Encrypt*",
      "kms:Decrypt*",
      "kms:ReEncrypt*",
      "kms:GenerateDataKey*",
      "kms:Describe*",
    ],
    Resource: "*",
    Condition: {
      ArnEquals: {
        "kms:EncryptionContext:aws:logs:arn": arn({
          ...where,
          service: "logs",
          resource: `log-group:${logGroupName}`,
        }),
      },
    },
  };
}

/**
 * CloudWatch alarms publish to an SNS topic encrypted with the key: CloudWatch itself needs
 * `kms:Decrypt` and `kms:GenerateDataKey*` (it cannot use the AWS managed key `aws/sns`).
 */
export function alarmTopicKeyStatement(): KeyPolicyStatement {
  return {
    Sid: "CloudWatchAlarmsPublishToEncryptedTopic",
    Effect: "Allow",
    Principal: { Service: "cloudwatch.amazonaws.com" },
    Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
    Resource: "*",
  };
}

/**
 * Principals of the account use the key through Secrets Manager only (the statement of the AWS
 * managed key `aws/secretsmanager`). Readers of a secret still need `kms:Decrypt` in their own
 * IAM policy.
 */
export function secretsKeyStatement(where: KeyUser): KeyPolicyStatement {
  return viaService(where, "SecretsManagerSecretsOfThisAccount", "secretsmanager", [
    "kms:Encrypt",
    "kms:Decrypt",
    "kms:ReEncrypt*",
    "kms:GenerateDataKey*",
    "kms:CreateGrant",
    "kms:DescribeKey",
  ]);
}

/**
 * Firehose encrypts a Direct PUT stream with the key through a grant it creates with the
 * permissions of whoever creates or updates the stream (the principal running Terraform also
 * needs `kms:CreateGrant` and `kms:DescribeKey` in its IAM policy).
 */
export function firehoseKeyStatement(where: KeyUser): KeyPolicyStatement {
  return viaService(where, "FirehoseStreamEncryption", "firehose", [
    "kms:CreateGrant",
    "kms:DescribeKey",
  ]);
}

/** The Firehose role writes SSE-KMS objects to the bucket through S3 only. */
export function bucketWriterKeyStatement(where: KeyUser, roleName: string): KeyPolicyStatement {
  return {
    Sid: `S3ObjectsWrittenBy${sidSafe(roleName)}`,
    Effect: "Allow",
    Principal: { AWS: roleArn(where, roleName) },
    Action: ["kms:Decrypt", "kms:GenerateDataKey"],
    Resource: "*",
    Condition: { StringEquals: { "kms:ViaService": `s3.${where.region}.amazonaws.com` } },
  };
}

function viaService(
  where: KeyUser,
  sid: string,
  service: string,
  actions: string[],
): KeyPolicyStatement {
  return {
    Sid: sid,
    Effect: "Allow",
    Principal: { AWS: `arn:${partitionOf(where.region)}:iam::${where.accountId}:root` },
    Action: actions,
    Resource: "*",
    Condition: {
      StringEquals: {
        "kms:ViaService": `${service}.${where.region}.amazonaws.com`,
        "kms:CallerAccount": where.accountId,
      },
    },
  };
}

/** Key policy statement ids allow only letters and digits. */
function sidSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, "");
}

/** The statements each key's policy needs, by key ARN (deduplicated by statement id). */
export function statementsByKey(grants: readonly KeyGrant[]): Record<string, KeyPolicyStatement[]> {
  const byKey: Record<string, KeyPolicyStatement[]> = {};
  for (const { keyArn, statement } of grants) {
    const statements = (byKey[keyArn] ??= []);
    if (!statements.some((s) => s.Sid === statement.Sid)) statements.push(statement);
  }
  return byKey;
}
