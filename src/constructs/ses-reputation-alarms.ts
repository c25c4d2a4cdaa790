import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Construct } from "constructs";
import { named } from "../private/addresses";
import { arn } from "../private/arn";
import { policyDocument } from "../private/iam-policy";
import { KeyGrant, alarmTopicKeyStatement, checkKeyRegion } from "../private/kms";
import { RULES, SENDING_RULES } from "../private/aws-facts";
import { SES_REVIEW_RATES } from "../private/ses-facts";
import { isAlarmPeriod, alarmWindowProblem, percent } from "../private/value-problems";
import { check, checkUnique, definedOnly, isToken, show } from "../private/validation";
import * as defaults from "../private/construct-defaults";

/** An alarm on the number of messages sent for one value of an event-publishing dimension. */
export interface SendVolumeAlarm {
  /** The CloudWatch event destination's dimension, for example `campaign`. */
  readonly dimensionName: string;
  /** The dimension value to watch, for example a campaign's tag value. */
  readonly dimensionValue: string;
  /** Alarm when more messages than this are sent in one period. */
  readonly threshold: number;
  /**
   * Seconds per period of this alarm (10, 20, 30 or a multiple of 60).
   * @default - the `periodSeconds` of the reputation alarms
   */
  readonly periodSeconds?: number;
}

export interface SesReputationAlarmsProps {
  /** The AWS provider of the account that sends. */
  readonly accountProvider: AwsProvider;
  /** The 12-digit id of that account (the only one whose alarms may publish to the topic). */
  readonly accountId: string;
  /** The account's region. */
  readonly region: string;
  /**
   * Name of the SNS topic the alarms notify.
   * @default "ses-reputation-alarms"
   */
  readonly topicName?: string;
  /**
   * Email addresses subscribed to the topic; each must confirm the subscription by email.
   * @default []
   */
  readonly emailSubscriptions?: readonly string[];
  /**
   * Customer-managed KMS key that encrypts the topic. Its key policy must let
   * `cloudwatch.amazonaws.com` use it (`kms:Decrypt`, `kms:GenerateDataKey*`): CloudWatch alarms
   * cannot publish to a topic encrypted with the AWS managed key `aws/sns`.
   * @default - the topic is not encrypted with a KMS key
   */
  readonly topicKmsKeyArn?: string;
  /**
   * Alarm when the account's bounce rate exceeds this fraction (AWS reviews an account at 5%).
   * @default 0.04
   */
  readonly bounceRateThreshold?: number;
  /**
   * Alarm when the account's complaint rate exceeds this fraction (AWS reviews an account at 0.1%).
   * @default 0.0008
   */
  readonly complaintRateThreshold?: number;
  /**
   * Seconds per evaluation period (10, 20, 30 or a multiple of 60; SES publishes at most one
   * datapoint a minute, so sub-minute periods see gaps).
   * @default 3600
   */
  readonly periodSeconds?: number;
  /**
   * Periods evaluated; period × evaluation periods is at most 1 day below hourly periods, else 7.
   * @default 1
   */
  readonly evaluationPeriods?: number;
  /**
   * An alarm on sends per period for one value of an event-publishing CloudWatch dimension.
   * @default - no send-volume alarm
   */
  readonly sendVolume?: SendVolumeAlarm;
}

/**
 * Reputation guardrails of one sending account: CloudWatch alarms on the account's
 * `Reputation.BounceRate` and `Reputation.ComplaintRate` (namespace `AWS/SES`, no dimension: the
 * account-wide rates AWS reviews), set below AWS's review thresholds, and optionally on the `Send`
 * count of one dimension value that a configuration set's CloudWatch event destination publishes.
 * The rate alarms use the `Maximum` statistic: SES publishes a running rate, not a count, so the
 * highest value in a period is the one to compare with the threshold, and an `Average` would let
 * a spike hide between quieter datapoints. Missing data is not breaching (an account that does not
 * send has no rate). All alarms notify an SNS topic, on alarm and on recovery, whose policy lets
 * only CloudWatch alarms of this account and region publish.
 *
 * Reputation metrics per configuration set are switched on by the configuration set itself
 * (`reputationMetricsEnabled`).
 *
 * Emits `aws_sns_topic`, `aws_sns_topic_policy`, one `aws_sns_topic_subscription` per email address,
 * and two or three `aws_cloudwatch_metric_alarm`. Addresses: the topic and its policy
 * `.reputation-alarms`, subscriptions `.<email>`
 * (`@` and dots as dashes), alarms `.bounce-rate`, `.complaint-rate`, `.send-volume`.
 */
export class SesReputationAlarms extends Construct {
  public readonly topic: SnsTopic;
  public readonly topicArn: string;
  /** The alarms, by id: `bounce-rate`, `complaint-rate` and `send-volume` when configured. */
  public readonly alarms: Record<string, CloudwatchMetricAlarm> = {};
  /** The alarms' ARNs, computed from their names (known at plan time). */
  public readonly alarmArns: string[] = [];
  /** The statement the topic key's policy must contain, when the topic has one. */
  public readonly keyGrants: KeyGrant[];

  constructor(scope: Construct, id: string, props: SesReputationAlarmsProps) {
    super(scope, id);
    const p = withDefaults(props);
    validate(p);
    const provider = p.accountProvider;
    this.topic = new SnsTopic(this, "topic", {
      provider,
      name: p.topicName,
      kmsMasterKeyId: p.topicKmsKeyArn,
    });
    named(this.topic, "reputation-alarms");
    this.topicArn = this.topic.arn;
    this.keyGrants = p.topicKmsKeyArn
      ? [{ keyArn: p.topicKmsKeyArn, statement: alarmTopicKeyStatement() }]
      : [];
    const where = { region: p.region, accountId: p.accountId };
    const topicPolicy = new SnsTopicPolicy(this, "topic-policy", {
      provider,
      arn: this.topic.arn,
      policy: policyDocument([
        {
          Sid: "AllowCloudWatchAlarmsOfThisAccount",
          Effect: "Allow",
          Principal: { Service: "cloudwatch.amazonaws.com" },
          Action: ["sns:Publish"],
          Resource: [arn({ ...where, service: "sns", resource: p.topicName })],
          Condition: {
            StringEquals: { "aws:SourceAccount": [p.accountId] },
            ArnLike: {
              "aws:SourceArn": [arn({ ...where, service: "cloudwatch", resource: "alarm:*" })],
            },
          },
        },
      ]),
    });
    named(topicPolicy, "reputation-alarms");
    for (const address of p.emailSubscriptions) {
      const subscription = new SnsTopicSubscription(this, `email-${address}`, {
        provider,
        topicArn: this.topic.arn,
        protocol: "email",
        endpoint: address,
      });
      named(subscription, address);
    }
    this.addAlarm(p, "bounce-rate", {
      metricName: "Reputation.BounceRate",
      statistic: "Maximum",
      threshold: p.bounceRateThreshold,
      description: `The account's SES bounce rate is over ${percent(p.bounceRateThreshold)} (AWS reviews the account at ${percent(SES_REVIEW_RATES.bounce)}).`,
    });
    this.addAlarm(p, "complaint-rate", {
      metricName: "Reputation.ComplaintRate",
      statistic: "Maximum",
      threshold: p.complaintRateThreshold,
      description: `The account's SES complaint rate is over ${percent(p.complaintRateThreshold)} (AWS reviews the account at ${percent(SES_REVIEW_RATES.complaint)}).`,
    });
    const volume = p.sendVolume;
    if (volume) {
      this.addAlarm(p, "send-volume", {
        metricName: "Send",
        statistic: "Sum",
        threshold: volume.threshold,
        periodSeconds: volume.periodSeconds,
        dimensions: { [volume.dimensionName]: volume.dimensionValue },
        description: `More than ${volume.threshold} messages with ${volume.dimensionName} ${volume.dimensionValue} were sent in one period.`,
      });
    }
  }

  private addAlarm(p: ResolvedProps, id: string, alarm: AlarmSpec): void {
    const actions = [this.topic.arn];
    const alarmName = `ses-${id}`;
    const metricAlarm = new CloudwatchMetricAlarm(this, id, {
      provider: p.accountProvider,
      alarmName,
      alarmDescription: alarm.description,
      namespace: "AWS/SES",
      metricName: alarm.metricName,
      dimensions: alarm.dimensions,
      statistic: alarm.statistic,
      period: alarm.periodSeconds ?? p.periodSeconds,
      evaluationPeriods: p.evaluationPeriods,
      threshold: alarm.threshold,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
      alarmActions: actions,
      okActions: actions,
    });
    this.alarms[id] = named(metricAlarm, id);
    const where = { region: p.region, accountId: p.accountId };
    this.alarmArns.push(arn({ ...where, service: "cloudwatch", resource: `alarm:${alarmName}` }));
  }
}

interface AlarmSpec {
  readonly metricName: string;
  readonly statistic: "Maximum" | "Sum";
  readonly threshold: number;
  readonly description: string;
  readonly periodSeconds?: number;
  readonly dimensions?: Record<string, string>;
}

type ResolvedProps = Required<Omit<SesReputationAlarmsProps, "topicKmsKeyArn" | "sendVolume">> &
  Pick<SesReputationAlarmsProps, "topicKmsKeyArn" | "sendVolume">;

/** Defaults of the optional props (kept cdk-free for the configuration checks). */
export const REPUTATION_ALARMS_DEFAULTS =
  defaults.REPUTATION_ALARMS_DEFAULTS satisfies Partial<SesReputationAlarmsProps>;

function withDefaults(props: SesReputationAlarmsProps): ResolvedProps {
  return { ...REPUTATION_ALARMS_DEFAULTS, ...definedOnly(props) };
}

function validate(p: ResolvedProps): void {
  check("accountId", p.accountId, RULES.accountId);
  check("region", p.region, RULES.region);
  check("topicName", p.topicName, SENDING_RULES.snsTopicName);
  check("topicKmsKeyArn", p.topicKmsKeyArn, RULES.kmsKeyArn);
  checkKeyRegion("topicKmsKeyArn", p.topicKmsKeyArn, p.region);
  p.emailSubscriptions.forEach((address, i) =>
    check(`emailSubscriptions[${i}]`, address, SENDING_RULES.emailAddress),
  );
  checkUnique("emailSubscriptions", p.emailSubscriptions, "among the topic's subscriptions");
  checkRate("bounceRateThreshold", p.bounceRateThreshold);
  checkRate("complaintRateThreshold", p.complaintRateThreshold);
  checkWindow("periodSeconds", p.periodSeconds, p.evaluationPeriods);
  const volume = p.sendVolume;
  if (volume) {
    check("sendVolume.dimensionName", volume.dimensionName, RULES.dimensionName);
    check("sendVolume.dimensionValue", volume.dimensionValue, RULES.dimensionDefaultValue);
    if (
      !isToken(volume.threshold) &&
      !(volume.threshold >= 0 && Number.isFinite(volume.threshold))
    ) {
      throw new Error(
        `sendVolume.threshold must be a number of messages, 0 or more; got ${show(volume.threshold)}.`,
      );
    }
    if (volume.periodSeconds !== undefined) {
      checkWindow("sendVolume.periodSeconds", volume.periodSeconds, p.evaluationPeriods);
    }
  }
}

/** Throws unless `value` is a rate strictly between 0 and 1. */
function checkRate(field: string, value: number): void {
  if (isToken(value) || (value > 0 && value < 1)) return;
  throw new Error(
    `${field} must be a fraction greater than 0 and less than 1 (0.05 is 5%); got ${show(value)}.`,
  );
}

/** Throws unless CloudWatch accepts the period and the window it makes with the evaluation periods. */
function checkWindow(field: string, periodSeconds: number, evaluationPeriods: number): void {
  if (isToken(periodSeconds) || isToken(evaluationPeriods)) return;
  if (!isAlarmPeriod(periodSeconds)) {
    throw new Error(`${field} must be 10, 20, 30 or a multiple of 60; got ${show(periodSeconds)}.`);
  }
  const problem = alarmWindowProblem(periodSeconds, evaluationPeriods, field);
  if (problem) throw new Error(`evaluationPeriods ${problem}; got ${show(evaluationPeriods)}.`);
}
