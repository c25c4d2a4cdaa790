import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import {
  SesReputationAlarms,
  SesReputationAlarmsProps,
} from "../../src/constructs/ses-reputation-alarms";
import { policyAt } from "../../test-support/policies";
import { parsed, synthWithProvider } from "../../test-support/scope";

const CAMPAIGN = { dimensionName: "campaign", dimensionValue: "newsletter", threshold: 10000 };

function synth(props: Partial<SesReputationAlarmsProps> = {}): string {
  return synthWithProvider((scope, accountProvider) => {
    new SesReputationAlarms(scope, "alarms", {
      accountProvider,
      accountId: "222222222222",
      region: "us-east-1",
      ...props,
    });
  });
}

const alarms = (synthesized: string): any[] =>
  Object.values(parsed(synthesized).resource.aws_cloudwatch_metric_alarm);
const alarm = (synthesized: string, metric: string): any =>
  alarms(synthesized).find((a) => a.metric_name === metric);

describe("SesReputationAlarms", () => {
  let synthesized: string;
  beforeAll(() => {
    synthesized = synth();
  });

  test("alarms on the account's bounce rate over 4% by default, hourly, on the maximum", () => {
    expect(synthesized).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: "ses-bounce-rate",
      namespace: "AWS/SES",
      metric_name: "Reputation.BounceRate",
      statistic: "Maximum",
      threshold: 0.04,
      comparison_operator: "GreaterThanThreshold",
      period: 3600,
      evaluation_periods: 1,
      treat_missing_data: "notBreaching",
    });
    expect(alarm(synthesized, "Reputation.BounceRate")).not.toHaveProperty("dimensions");
  });

  test("alarms on the account's complaint rate over 0.08% by default", () => {
    expect(synthesized).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: "ses-complaint-rate",
      metric_name: "Reputation.ComplaintRate",
      statistic: "Maximum",
      threshold: 0.0008,
      alarm_description: expect.stringContaining("over 0.08%"),
    });
  });

  test("takes the thresholds, period and evaluation periods it is given", () => {
    const custom = synth({
      bounceRateThreshold: 0.02,
      complaintRateThreshold: 0.0005,
      periodSeconds: 300,
      evaluationPeriods: 3,
    });
    expect(alarm(custom, "Reputation.BounceRate")).toMatchObject({
      threshold: 0.02,
      period: 300,
      evaluation_periods: 3,
    });
    expect(alarm(custom, "Reputation.ComplaintRate")).toMatchObject({ threshold: 0.0005 });
  });

  test("every alarm notifies the topic on alarm and on recovery", () => {
    for (const a of alarms(synth({ sendVolume: CAMPAIGN }))) {
      const topic = expect.stringMatching(/^\$\{aws_sns_topic\..+\.arn\}$/);
      expect(a).toMatchObject({ alarm_actions: [topic], ok_actions: [topic] });
      expect(a.provider).toBe("aws.test");
    }
  });

  test("creates no send-volume alarm unless asked", () => {
    expect(alarms(synthesized)).toHaveLength(2);
  });

  test("alarms when more messages than the threshold are sent for the dimension value", () => {
    expect(synth({ sendVolume: CAMPAIGN })).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: "ses-send-volume",
      namespace: "AWS/SES",
      metric_name: "Send",
      dimensions: { campaign: "newsletter" },
      statistic: "Sum",
      threshold: 10000,
      comparison_operator: "GreaterThanThreshold",
      period: 3600,
      treat_missing_data: "notBreaching",
    });
  });

  test("the send-volume alarm may have its own period", () => {
    const daily = synth({ sendVolume: { ...CAMPAIGN, periodSeconds: 86400 } });
    expect(alarm(daily, "Send").period).toBe(86400);
    expect(alarm(daily, "Reputation.BounceRate").period).toBe(3600);
  });

  test("creates the topic, unencrypted unless a key is given", () => {
    expect(synthesized).toHaveResourceWithProperties(SnsTopic, { name: "ses-reputation-alarms" });
    const [topic] = Object.values(parsed(synthesized).resource.aws_sns_topic);
    expect(topic).not.toHaveProperty("kms_master_key_id");
  });

  test("encrypts the topic with the given customer-managed key", () => {
    const key = "arn:aws:kms:us-east-1:222222222222:key/abcd";
    expect(synth({ topicKmsKeyArn: key })).toHaveResourceWithProperties(SnsTopic, {
      kms_master_key_id: key,
    });
  });

  test("the topic policy lets only CloudWatch alarms of this account and region publish", () => {
    expect(synthesized).toHaveResourceWithProperties(SnsTopicPolicy, {
      arn: expect.stringMatching(/^\$\{aws_sns_topic\..+\.arn\}$/),
    });
    const document = policyAt(parsed(synthesized), "aws_sns_topic_policy.reputation-alarms");
    expect(document.Statement).toEqual([
      {
        Sid: "AllowCloudWatchAlarmsOfThisAccount",
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: ["sns:Publish"],
        Resource: ["arn:aws:sns:us-east-1:222222222222:ses-reputation-alarms"],
        Condition: {
          StringEquals: { "aws:SourceAccount": ["222222222222"] },
          ArnLike: { "aws:SourceArn": ["arn:aws:cloudwatch:us-east-1:222222222222:alarm:*"] },
        },
      },
    ]);
  });

  test("builds the policy's ARNs in the region's partition", () => {
    const china = synthWithProvider((scope, accountProvider) => {
      new SesReputationAlarms(scope, "alarms", {
        accountProvider,
        accountId: "222222222222",
        region: "cn-north-1",
        topicName: "alerts",
      });
    });
    const document = policyAt(parsed(china), "aws_sns_topic_policy.reputation-alarms");
    expect(document.Statement[0].Resource).toEqual([
      "arn:aws-cn:sns:cn-north-1:222222222222:alerts",
    ]);
  });

  test("subscribes each email address to the topic", () => {
    const subscribed = synth({
      emailSubscriptions: ["ops@example.com", "deliverability@example.com"],
    });
    expect(subscribed).toHaveResourceWithProperties(SnsTopicSubscription, {
      protocol: "email",
      endpoint: "deliverability@example.com",
      topic_arn: expect.stringMatching(/^\$\{aws_sns_topic\..+\.arn\}$/),
    });
    expect(Object.keys(parsed(subscribed).resource.aws_sns_topic_subscription)).toHaveLength(2);
  });

  test("a subscription that is not an email address is refused in the constructor", () => {
    expect(() => synth({ emailSubscriptions: ["ops@example.com", "ops"] })).toThrow(
      'emailSubscriptions[1] must be an email address such as ops@example.com; got "ops".',
    );
  });

  test("a repeated subscription is refused in the constructor", () => {
    expect(() => synth({ emailSubscriptions: ["ops@example.com", "ops@example.com"] })).toThrow(
      'emailSubscriptions must be unique among the topic\'s subscriptions; got "ops@example.com" twice.',
    );
  });

  test("a bounce rate given as a percentage is refused in the constructor", () => {
    expect(() => synth({ bounceRateThreshold: 5 })).toThrow(
      "bounceRateThreshold must be a fraction greater than 0 and less than 1 (0.05 is 5%); got 5.",
    );
  });

  test("a complaint rate of 0 is refused in the constructor", () => {
    expect(() => synth({ complaintRateThreshold: 0 })).toThrow(
      "complaintRateThreshold must be a fraction greater than 0 and less than 1 (0.05 is 5%); got 0.",
    );
  });

  test("rates just inside 0 and 1 are allowed", () => {
    const edges = synth({ bounceRateThreshold: 0.999, complaintRateThreshold: 0.0001 });
    expect(alarm(edges, "Reputation.BounceRate").threshold).toBe(0.999);
    expect(alarm(edges, "Reputation.ComplaintRate").threshold).toBe(0.0001);
  });

  test("a period CloudWatch does not accept is refused in the constructor", () => {
    expect(() => synth({ periodSeconds: 45 })).toThrow(
      "periodSeconds must be 10, 20, 30 or a multiple of 60; got 45.",
    );
  });

  test("high-resolution periods and multiples of 60 are allowed", () => {
    for (const periodSeconds of [10, 20, 30, 60, 300, 86400]) {
      expect(alarm(synth({ periodSeconds }), "Reputation.BounceRate").period).toBe(periodSeconds);
    }
  });

  test("a send-volume period CloudWatch does not accept is refused in the constructor", () => {
    expect(() => synth({ sendVolume: { ...CAMPAIGN, periodSeconds: 90 } })).toThrow(
      "sendVolume.periodSeconds must be 10, 20, 30 or a multiple of 60; got 90.",
    );
  });

  test("more than a day of sub-hourly periods is refused in the constructor", () => {
    expect(() => synth({ periodSeconds: 300, evaluationPeriods: 289 })).toThrow(
      "evaluationPeriods must be a whole number from 1 to 288 with periodSeconds 300 (CloudWatch evaluates at most 86400 seconds at that period); got 289.",
    );
  });

  test("up to seven days of hourly periods are allowed", () => {
    const week = synth({ evaluationPeriods: 168 });
    expect(alarm(week, "Reputation.BounceRate").evaluation_periods).toBe(168);
  });

  test("more than seven days of hourly periods are refused in the constructor", () => {
    expect(() => synth({ evaluationPeriods: 169 })).toThrow(
      "evaluationPeriods must be a whole number from 1 to 168 with periodSeconds 3600 (CloudWatch evaluates at most 604800 seconds at that period); got 169.",
    );
  });

  test("a negative send threshold is refused in the constructor", () => {
    expect(() => synth({ sendVolume: { ...CAMPAIGN, threshold: -1 } })).toThrow(
      "sendVolume.threshold must be a number of messages, 0 or more; got -1.",
    );
  });

  test("a send threshold of 0 is allowed", () => {
    expect(alarm(synth({ sendVolume: { ...CAMPAIGN, threshold: 0 } }), "Send").threshold).toBe(0);
  });

  test("an invalid dimension name is refused in the constructor", () => {
    expect(() => synth({ sendVolume: { ...CAMPAIGN, dimensionName: "ses:campaign" } })).toThrow(
      'sendVolume.dimensionName must be 1-256 characters of ASCII letters, digits, underscores and hyphens; got "ses:campaign".',
    );
  });

  test("an invalid dimension value is refused in the constructor", () => {
    expect(() => synth({ sendVolume: { ...CAMPAIGN, dimensionValue: "spring sale" } })).toThrow(
      'sendVolume.dimensionValue must be 1-256 characters of ASCII letters, digits, underscores, hyphens, at signs and periods; got "spring sale".',
    );
  });

  test("an invalid topic name is refused in the constructor", () => {
    expect(() => synth({ topicName: "ses.alarms" })).toThrow(
      'topicName must be 1-256 characters of ASCII letters, digits, underscores and hyphens; got "ses.alarms".',
    );
  });

  test("a topic key that is not a KMS key ARN is refused in the constructor", () => {
    expect(() => synth({ topicKmsKeyArn: "alias/aws/sns" })).toThrow(
      'topicKmsKeyArn must be a KMS key ARN such as arn:aws:kms:us-east-1:123456789012:key/<key id> (not an alias: IAM policies grant keys, not aliases); got "alias/aws/sns".',
    );
  });

  test("an account id that is not 12 digits is refused in the constructor", () => {
    expect(() => synth({ accountId: "12345" })).toThrow(
      'accountId must be exactly 12 digits (quote it in YAML so leading zeros survive); got "12345".',
    );
  });

  test("an invalid region is refused in the constructor", () => {
    expect(() => synth({ region: "US-EAST-1" })).toThrow(
      'region must be an AWS region code such as us-east-1; got "US-EAST-1".',
    );
  });

  test("a topic key in another region is refused in the constructor", () => {
    const key = "arn:aws:kms:us-west-2:222222222222:key/1234abcd";
    expect(() => synth({ topicKmsKeyArn: key })).toThrow(
      `topicKmsKeyArn must be a KMS key in the resource's region us-east-1 (partition aws); the key is in us-west-2 (partition aws), and KMS keys are regional; got "${key}".`,
    );
  });
});
