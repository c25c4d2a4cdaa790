import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Testing } from "cdktf";
import { buildStacks } from "../../src/app";
import { AccountStack } from "../../src/stacks/account-stack";
import {
  accountInput,
  config,
  exampleConfig,
  frozen,
  snapshotable,
} from "../../test-support/fixtures";

function synthAccount(cfg = exampleConfig()): any {
  return JSON.parse(Testing.synth(buildStacks(Testing.app(), cfg).accountStacks[0]));
}

describe("AccountStack", () => {
  let json: any;
  beforeAll(() => {
    json = frozen(synthAccount());
  });

  test("matches the snapshot of the example configuration", () => {
    expect(snapshotable(json)).toMatchSnapshot();
  });

  test("has exactly one AWS provider, aliased by account, pinned to the account, assuming its role", () => {
    expect(json.provider.aws).toEqual([
      {
        alias: "tutorial",
        region: "us-east-1",
        allowed_account_ids: ["111111111111"],
        assume_role: [
          {
            role_arn: "arn:aws:iam::111111111111:role/terraform",
            session_name: "cdktf-ses-tutorial",
          },
        ],
        default_tags: [{ tags: { ManagedBy: "cdktf", Project: "ses", Stack: "ses-tutorial" } }],
      },
    ]);
  });

  test("every resource uses the account's provider alias", () => {
    expect(Object.keys(json.resource)).toContain("aws_route53_zone_association");
    for (const [type, byName] of Object.entries(json.resource)) {
      if (type === "terraform_data") continue; // Terraform's built-in provider
      for (const resource of Object.values(byName as object))
        expect(resource.provider).toBe("aws.tutorial");
    }
  });

  test("keeps state in terraform-state/<stack>.tfstate beside the output directory by default", () => {
    // Beside cdktf.out/, never inside it: `cdktf synth` deletes stack directories it did not write.
    expect(json.terraform.backend).toEqual({
      local: { path: "../../../terraform-state/ses-tutorial.tfstate" },
    });
  });

  test("keeps state in S3 with a lock file and encryption when configured", () => {
    const cfg = config({
      state: { s3: { bucket: "acme-tf-state", keyPrefix: "ses/", region: "eu-west-1" } },
      accounts: [accountInput()],
    });
    expect(synthAccount(cfg).terraform.backend).toEqual({
      s3: {
        bucket: "acme-tf-state",
        key: "ses/ses-team-a.tfstate",
        region: "eu-west-1",
        encrypt: true,
        use_lockfile: true,
      },
    });
  });

  test("outputs what the verification commands need", () => {
    expect(Object.keys(json.output).sort()).toEqual([
      "alarm_topic_arn",
      "athena_workgroup",
      "configuration_set_names",
      "dashboard_url",
      "delivery_stream_arn",
      "event_bucket_name",
      "firehose_role_arn",
      "identity_arn",
      "identity_dns_records",
      "ses_api_host",
      "ses_role_arn",
      "smtp_host",
      "smtp_ports",
      "smtp_secret_arns",
    ]);
  });

  test("does not look up the account id", () => {
    expect(json.data.aws_caller_identity).toBeUndefined();
  });

  test("never emits the account-wide exclusive policy attachment", () => {
    expect(json.resource.aws_iam_policy_attachment).toBeUndefined();
  });

  test("an account with smtp but no hub stack is refused", () => {
    expect(
      () => new AccountStack(Testing.app(), { account: exampleConfig().accounts[1], state: {} }),
    ).toThrow("smtpHub is required for account grafana, which has smtp; got none.");
  });

  test("an account without eventPublishing gets only its provider", () => {
    const bare = synthAccount(config({ accounts: [accountInput({ eventPublishing: undefined })] }));
    expect(bare.resource).toBeUndefined();
    expect(bare.provider.aws).toHaveLength(1);
  });

  test("the stack's provider is exposed for composition", () => {
    const stack = buildStacks(Testing.app(), exampleConfig()).accountStacks[0];
    expect(stack.accountProvider).toBeInstanceOf(AwsProvider);
  });
});
