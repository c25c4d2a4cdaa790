import { KinesisFirehoseDeliveryStream } from "@cdktf/provider-aws/lib/kinesis-firehose-delivery-stream";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import {
  SesEventPublishing,
  SesEventPublishingProps,
} from "../../src/constructs/ses-event-publishing";
import { policyAt } from "../../test-support/policies";
import { parsed, synthWithProvider } from "../../test-support/scope";
import { frozen } from "../../test-support/fixtures";

function synth(props: Partial<SesEventPublishingProps> = {}): string {
  return synthWithProvider((scope, accountProvider) => {
    new SesEventPublishing(scope, "publishing", {
      accountProvider,
      accountId: "222222222222",
      region: "eu-west-1",
      configurationSets: [
        {
          name: "marketing",
          eventDestinations: [
            { name: "fh", matchingTypes: ["send", "open", "click"], firehose: {} },
          ],
        },
        {
          name: "transactional",
          eventDestinations: [{ name: "fh", matchingTypes: ["bounce"], firehose: {} }],
        },
      ],
      ...props,
    });
  });
}

describe("SesEventPublishing", () => {
  let json: any;
  beforeAll(() => {
    json = frozen(parsed(synth()));
  });

  test("names the bucket after the account and region by default", () => {
    expect(synth()).toHaveResourceWithProperties(S3Bucket, {
      bucket: "ses-events-222222222222-eu-west-1",
    });
  });

  test("the SES role does not trust a configuration set without a Firehose destination", () => {
    const withCloudWatchOnlySet = parsed(
      synth({
        configurationSets: [
          {
            name: "marketing",
            eventDestinations: [{ name: "fh", matchingTypes: ["send"], firehose: {} }],
          },
          { name: "quiet", eventDestinations: [] },
        ],
      }),
    );
    const trust = policyAt(withCloudWatchOnlySet, "aws_iam_role.ses");
    expect(trust.Statement[0].Condition.ArnLike["aws:SourceArn"]).toEqual([
      "arn:aws:ses:eu-west-1:222222222222:configuration-set/marketing",
    ]);
  });

  test("the SES role trusts SES only for this account's configuration sets", () => {
    const trust = policyAt(json, "aws_iam_role.ses");
    expect(trust.Statement[0].Principal).toEqual({ Service: "ses.amazonaws.com" });
    expect(trust.Statement[0].Condition).toEqual({
      StringEquals: { "aws:SourceAccount": ["222222222222"] },
      ArnLike: {
        "aws:SourceArn": [
          "arn:aws:ses:eu-west-1:222222222222:configuration-set/marketing",
          "arn:aws:ses:eu-west-1:222222222222:configuration-set/transactional",
        ],
      },
    });
  });

  test("the SES role may only put records into the delivery stream, named by its computed ARN", () => {
    expect(policyAt(json, "aws_iam_role_policy.ses").Statement).toEqual([
      expect.objectContaining({
        Action: ["firehose:PutRecord", "firehose:PutRecordBatch"],
        Resource: ["arn:aws:firehose:eu-west-1:222222222222:deliverystream/tf-delivery-stream"],
      }),
    ]);
  });

  test("Firehose destinations wait for the role policy and the propagation sleep", () => {
    for (const destination of Object.values(json.resource.aws_ses_event_destination) as any[]) {
      expect(destination.depends_on).toEqual([
        "aws_iam_role_policy.ses",
        "terraform_data.ses-role-propagation",
      ]);
    }
    expect(json.resource.terraform_data["ses-role-propagation"].provisioner).toEqual([
      { "local-exec": { command: "sleep 20" } },
    ]);
  });

  test("the propagation sleep re-runs only when the role or its policies change", () => {
    const wait = Object.values(json.resource.terraform_data)[0] as any;
    expect(Object.keys(wait.triggers_replace).sort()).toEqual(["policy", "role", "trust"]);
  });

  test("the propagation sleep's triggers hold no reference: known at plan time, whatever else changes", () => {
    const wait = json.resource.terraform_data["ses-role-propagation"];
    expect(wait.triggers_replace.role).toBe("arn:aws:iam::222222222222:role/tf-ses-role");
    expect(wait.triggers_replace.trust).toBe(json.resource.aws_iam_role.ses.assume_role_policy);
    expect(wait.triggers_replace.policy).toBe(json.resource.aws_iam_role_policy.ses.policy);
    expect(JSON.stringify(wait.triggers_replace)).not.toContain("${");
  });

  test("the propagation sleep starts only after the role and its policy are applied", () => {
    // Its triggers hold no reference, so only depends_on orders it after them.
    expect(json.resource.terraform_data["ses-role-propagation"].depends_on).toEqual([
      "aws_iam_role.ses",
      "aws_iam_role_policy.ses",
    ]);
  });

  test("a zero propagation wait leaves only the policy dependency", () => {
    const noWait = parsed(synth({ iamPropagationSeconds: 0 }));
    expect(noWait.resource.terraform_data).toBeUndefined();
    const destination = Object.values(noWait.resource.aws_ses_event_destination)[0] as any;
    expect(destination.depends_on).toEqual([expect.stringMatching(/^aws_iam_role_policy\./)]);
  });

  test("without a Firehose destination no pipeline is created", () => {
    const cloudwatchOnly = synth({
      configurationSets: [
        {
          name: "marketing",
          eventDestinations: [
            {
              name: "cw",
              matchingTypes: ["send"],
              cloudwatch: { dimensions: [{ name: "campaign", defaultValue: "none" }] },
            },
          ],
        },
      ],
    });
    expect(cloudwatchOnly).not.toHaveResource(KinesisFirehoseDeliveryStream);
    expect(cloudwatchOnly).not.toHaveResource(S3Bucket);
  });

  test("duplicate configuration set names are refused", () => {
    expect(() => synth({ configurationSets: [{ name: "a" }, { name: "a" }] })).toThrow(
      'configurationSets names must be unique in the account; got "a" twice.',
    );
  });

  test("a propagation wait over 300 s is refused", () => {
    expect(() => synth({ iamPropagationSeconds: 301 })).toThrow(
      "iamPropagationSeconds must be a whole number from 0 to 300; got 301.",
    );
  });
});
