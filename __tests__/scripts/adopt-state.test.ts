import { parseAdoptArgs } from "../../scripts/adopt";
import { adoptFromState } from "../../scripts/adopt-state";
import { adoptedInput } from "../../test-support/adopt";
import { config } from "../../test-support/synth";

/** `terraform show -json` of the tutorial's old state, as the provider of its day left it. */
const tutorialState = {
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
});
