import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { adoptConfigFile, parseAdoptArgs } from "../../src/adopt/adopt";
import { adoptFromState } from "../../src/adopt/state";
import { adoptedInput } from "../../test-support/adopt";
import { config } from "../../test-support/fixtures";

/** `terraform show -json` of the tutorial's old state, as the provider of its day left it. */
const tutorialState = {
  format_version: "1.0",
  values: {
    root_module: {
      resources: (
        [
          ["aws_ses_configuration_set", "ses", { name: "tf-configuration-set" }],
          [
            "aws_ses_event_destination",
            "firehose",
            { name: "tf-firehose-destination", configuration_set_name: "tf-configuration-set" },
          ],
          [
            "aws_kinesis_firehose_delivery_stream",
            "firehose",
            { arn: "arn:aws:firehose:us-east-1:111111111111:deliverystream/tf-delivery-stream" },
          ],
          ["aws_s3_bucket", "s3", { bucket: "tf-ses-tutorial-events" }],
          [
            "aws_cloudwatch_log_group",
            "cloudwatch",
            { name: "/aws/kinesisfirehose/tf-firehose-log-group" },
          ],
          [
            "aws_cloudwatch_log_stream",
            "cloudwatch",
            {
              name: "tf-firehose-log-stream",
              log_group_name: "/aws/kinesisfirehose/tf-firehose-log-group",
            },
          ],
          ["aws_iam_role", "ses", { name: "tf-ses-role" }],
          ["aws_iam_role", "firehose", { name: "tf-firehose-role" }],
          ["aws_iam_policy", "ses", { name: "tf-ses-policy" }],
          ["aws_iam_policy_attachment", "ses", { name: "GiveSESPermissionToPutFirehose" }],
        ] as [string, string, Record<string, string>][]
      ).map(([type, name, values]) => ({
        address: `${type}.${name}`,
        mode: "managed",
        type,
        values,
      })),
    },
  },
};

describe("npm run adopt -- --from-state", () => {
  test("maps the tutorial's state to adopt ids; what has no counterpart becomes a note", () => {
    const account = config(adoptedInput()).accounts[0];
    const found = adoptFromState(tutorialState, account);
    expect(found.adopt).toEqual({
      configurationSets: ["tf-configuration-set"],
      eventDestinations: ["tf-configuration-set/tf-firehose-destination"],
      deliveryStream: "arn:aws:firehose:us-east-1:111111111111:deliverystream/tf-delivery-stream",
      bucket: "tf-ses-tutorial-events",
      logGroup: "/aws/kinesisfirehose/tf-firehose-log-group",
      logStream: "/aws/kinesisfirehose/tf-firehose-log-group:tf-firehose-log-stream",
      sesRole: "tf-ses-role",
      firehoseRole: "tf-firehose-role",
    });
    expect(found.notes).toEqual([
      "aws_iam_policy.ses (tf-ses-policy): no counterpart in this project; after the import apply, remove it from the old state (terraform state rm aws_iam_policy.ses) and delete it if nothing else uses it",
      "aws_iam_policy_attachment.ses (GiveSESPermissionToPutFirehose): no counterpart in this project; after the import apply, remove it from the old state (terraform state rm aws_iam_policy_attachment.ses) and delete it if nothing else uses it",
    ]);
  });

  test("--from-state needs --account, and unknown options are refused", () => {
    expect(() => parseAdoptArgs(["--from-state", "old.json"])).toThrow(
      "--from-state needs --account NAME: a state file holds one account's resources.",
    );
    expect(() => parseAdoptArgs(["--dry"])).toThrow("unknown option --dry");
    expect(
      parseAdoptArgs(["--from-state", "old.json", "--account", "tutorial", "--write"]),
    ).toEqual({ write: true, fromState: "old.json", account: "tutorial" });
  });

  test("--write without SES_CONFIG or ses.yaml is refused: it would rewrite the repository's example", () => {
    const write = parseAdoptArgs(["--write"]);
    const root = mkdtempSync(join(tmpdir(), "adopt-config-"));
    expect(() => adoptConfigFile(write, undefined, root)).toThrow(
      "--write needs your configuration file (ses.yaml in the project root, or SES_CONFIG naming it); without one adopt reads the example config/example.yaml, which it does not rewrite.",
    );
    expect(adoptConfigFile(write, "ses.yaml", root)).toBe("ses.yaml");
    expect(adoptConfigFile(parseAdoptArgs([]), undefined, root)).toBe("config/example.yaml");
    writeFileSync(join(root, "ses.yaml"), "");
    expect(adoptConfigFile(write, undefined, root)).toBe("ses.yaml");
  });

  test("a raw state file, or anything else that is not terraform show -json output, is refused", () => {
    const account = config(adoptedInput()).accounts[0];
    const raw = { version: 4, terraform_version: "1.11.4", resources: [] };
    const hint =
      "give the output of `terraform show -json` run in the old configuration's directory (terraform show -json > old-state.json).";
    expect(() => adoptFromState(raw, account, "old.tfstate")).toThrow(
      `old.tfstate is a raw Terraform state (version 4); ${hint}`,
    );
    expect(() => adoptFromState({} as never, account, "old.json")).toThrow(
      `old.json is not terraform show -json output; ${hint}`,
    );
  });

  test("a tutorial role under another name says which field adopts it", () => {
    const account = config(adoptedInput()).accounts[0];
    const trust = (service: string) =>
      JSON.stringify({
        Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
      });
    const role = (name: string, policy: string) => ({
      address: `aws_iam_role.${name}`,
      mode: "managed",
      type: "aws_iam_role",
      values: { name, assume_role_policy: policy },
    });
    const found = adoptFromState(
      {
        format_version: "1.0",
        values: {
          root_module: {
            resources: [
              role("old-firehose", trust("firehose.amazonaws.com")),
              role("old-ses", trust("ses.amazonaws.com")),
              role("other", trust("lambda.amazonaws.com")),
            ],
          },
        },
      },
      account,
    );
    expect(found.adopt).toEqual({});
    expect(found.notes).toEqual([
      "aws_iam_role.old-firehose (old-firehose): to adopt this role set eventPublishing.deliveryStream.roleName: old-firehose (now tf-firehose-role) and run again",
      "aws_iam_role.old-ses (old-ses): to adopt this role set eventPublishing.sesRoleName: old-ses (now tf-ses-role) and run again",
      "aws_iam_role.other (other): a role neither SES nor Firehose assumes; not adopted (if it is one of them, set eventPublishing.sesRoleName or eventPublishing.deliveryStream.roleName: other and run again)",
    ]);
  });
});
