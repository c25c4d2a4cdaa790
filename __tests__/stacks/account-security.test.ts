import { Testing } from "cdktf";
import { buildStacks } from "../../src/app";
import { accountInput, config } from "../../test-support/fixtures";

const KEY = "arn:aws:kms:us-east-1:222222222222:key/0f0e0d0c-0b0a-0908-0706-050403020100";
const OTHER = "arn:aws:kms:us-east-1:222222222222:key/ffffffff-0b0a-0908-0706-050403020100";
const SENDING = { domain: "example.com", applications: [{ name: "billing" }] };
const S3_STATE = { s3: { bucket: "acme-tf-state", region: "us-east-1" } };

/** The one account stack of a configuration, synthesized, with its warnings. */
function account(overrides: Record<string, unknown>, state?: unknown) {
  const stacks = buildStacks(Testing.app(), config({ state, accounts: [accountInput(overrides)] }));
  const [stack] = stacks.accountStacks;
  const json = JSON.parse(Testing.synth(stack));
  const warnings = stack.node
    .findAll()
    .flatMap((c) => c.node.metadata)
    .filter((m) => m.type === "@cdktf/warn")
    .map((m) => m.data);
  return { json, warnings };
}

const only = (json: any, type: string): any => {
  const [resource, ...rest] = Object.values(json.resource[type]);
  expect(rest).toEqual([]);
  return resource;
};

/** The keys of the log group, the alarm topic and the secret. */
const keysOf = (json: any) => ({
  logGroup: only(json, "aws_cloudwatch_log_group").kms_key_id,
  topic: only(json, "aws_sns_topic").kms_master_key_id,
  secret: only(json, "aws_secretsmanager_secret").kms_key_id,
});

describe("AccountStack customer-managed keys", () => {
  test("the account's kmsKeyArn encrypts the bucket, stream, log group, alarm topic and secrets", () => {
    const { json } = account({ kmsKeyArn: KEY, sending: SENDING });
    const sse = only(json, "aws_s3_bucket_server_side_encryption_configuration").rule[0];
    expect(sse.apply_server_side_encryption_by_default).toEqual({
      sse_algorithm: "aws:kms",
      kms_master_key_id: KEY,
    });
    expect(only(json, "aws_kinesis_firehose_delivery_stream").server_side_encryption).toEqual({
      enabled: true,
      key_type: "CUSTOMER_MANAGED_CMK",
      key_arn: KEY,
    });
    expect(keysOf(json)).toEqual({ logGroup: KEY, topic: KEY, secret: KEY });
  });

  test("a resource's own key wins over the account's", () => {
    const { json } = account({
      kmsKeyArn: KEY,
      eventPublishing: { ...accountInput().eventPublishing!, logs: { kmsKeyArn: OTHER } },
      sending: { ...SENDING, secretKmsKeyArn: OTHER },
    });
    expect(keysOf(json)).toEqual({ logGroup: OTHER, topic: KEY, secret: OTHER });
  });

  test("the output lists, by key, the statements each key policy needs", () => {
    const { json } = account({
      kmsKeyArn: KEY,
      sending: { ...SENDING, alarms: { topicKmsKeyArn: OTHER } },
    });
    const byKey = JSON.parse(json.output.kms_key_policy_statements.value);
    const sids = (key: string) => byKey[key].map((s: any) => s.Sid);
    expect(Object.keys(byKey).sort()).toEqual([KEY, OTHER].sort());
    expect(sids(KEY)).toEqual([
      "FirehoseStreamEncryption",
      "CloudWatchLogsGroupawskinesisfirehosetffirehoseloggroup",
      "S3ObjectsWrittenBytffirehoserole",
      "SecretsManagerSecretsOfThisAccount",
    ]);
    expect(byKey[OTHER]).toEqual([
      {
        Sid: "CloudWatchAlarmsPublishToEncryptedTopic",
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        Resource: "*",
      },
    ]);
  });

  test("without customer-managed keys there is no key policy output", () => {
    expect(account({ sending: SENDING }).json.output.kms_key_policy_statements).toBeUndefined();
  });
});

describe("AccountStack secrets in local state", () => {
  test("SMTP applications with local state warn, naming the state file and the fix", () => {
    expect(account({ sending: SENDING }).warnings).toEqual([
      `Stack ses-team-a has SMTP applications, so its local state terraform-state/ses-team-a.tfstate will hold their IAM secret access keys and SMTP passwords in plain text. Set state.s3 with a kmsKeyArn (S3 backend encrypted with your KMS key) and limit who can read the state bucket; see docs/security.md "State that holds secrets".`,
    ]);
  });

  test("with state.s3, or without SMTP applications, there is no warning", () => {
    expect(account({ sending: SENDING }, S3_STATE).warnings).toEqual([]);
    expect(account({ sending: { domain: "example.com" } }).warnings).toEqual([]);
  });
});
