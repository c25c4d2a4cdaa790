import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { named } from "../private/addresses";
import { SES_REVIEW_RATES } from "../private/ses-facts";
import { percent } from "../private/value-problems";
import { check } from "../private/validation";
import { EVENT_LAKE_RULES } from "../private/aws-facts";

export interface SesDashboardProps {
  /** The AWS provider of the account. */
  readonly accountProvider: AwsProvider;
  /** The account's SES region (the metrics' region). */
  readonly region: string;
  /** Name of the dashboard. */
  readonly dashboardName: string;
  /**
   * The Firehose stream of the events, for its delivery widget.
   * @default - no Firehose widget
   */
  readonly deliveryStreamName?: string;
  /**
   * The stream's delivery-error log group, for the latest errors.
   * @default - no log widget
   */
  readonly errorLogGroupName?: string;
  /**
   * ARNs of the alarms whose states the dashboard shows.
   * @default - no alarm widget
   */
  readonly alarmArns?: readonly string[];
}

/** The grid is 24 units wide; widgets are 6 high. */
const HALF = { width: 12, height: 6 } as const;
const PERIOD_SECONDS = 300;
const REPUTATION_PERIOD_SECONDS = 3600;

/** Rows of the dashboard, top to bottom, two widgets each (the error log spans the last row). */
export const DASHBOARD_ROWS = [
  ["Sent and delivered", "Bounces, complaints, rejects, delivery delays"],
  ["Bounce rate", "Complaint rate"],
  ["Firehose delivery to S3", "Alarms"],
  ["Firehose delivery errors"],
] as const;

/**
 * A CloudWatch dashboard of one account's sending health: SES's account-level counts (sends,
 * deliveries, bounces, complaints, rejects, delivery delays), its reputation rates with the rates
 * at which AWS reviews an account drawn as horizontal annotations, Firehose's delivery to S3 and
 * its latest delivery errors, and the states of the account's alarms.
 *
 * Emits `aws_cloudwatch_dashboard.ses`.
 */
export class SesDashboard extends Construct {
  public readonly dashboard: CloudwatchDashboard;
  public readonly dashboardName: string;
  /** The console address of the dashboard. */
  public readonly dashboardUrl: string;

  constructor(scope: Construct, id: string, props: SesDashboardProps) {
    super(scope, id);
    check("dashboardName", props.dashboardName, EVENT_LAKE_RULES.dashboardName);
    this.dashboard = named(
      new CloudwatchDashboard(this, "dashboard", {
        provider: props.accountProvider,
        dashboardName: props.dashboardName,
        dashboardBody: JSON.stringify({ widgets: widgets(props) }),
      }),
      "ses",
    );
    this.dashboardName = this.dashboard.dashboardName;
    this.dashboardUrl = dashboardUrl(props.region, props.dashboardName);
  }
}

/** `https://<region>.console.aws.amazon.com/cloudwatch/home?region=<region>#dashboards/dashboard/<name>` */
export function dashboardUrl(region: string, name: string): string {
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards/dashboard/${name}`;
}

type Widget = Record<string, unknown>;

function widgets(props: SesDashboardProps): Widget[] {
  const at = (row: number, column: number, width: number = HALF.width) => ({
    x: column * HALF.width,
    y: row * HALF.height,
    width,
    height: HALF.height,
  });
  const [counts, rates, delivery, errors] = DASHBOARD_ROWS;
  const ses = (metric: string) => ["AWS/SES", metric];
  const list: Widget[] = [
    metricWidget(at(0, 0), props.region, counts[0], [ses("Send"), ses("Delivery")], "Sum"),
    metricWidget(
      at(0, 1),
      props.region,
      counts[1],
      [ses("Bounce"), ses("Complaint"), ses("Reject"), ses("DeliveryDelay")],
      "Sum",
    ),
    rateWidget(at(1, 0), props.region, rates[0], "Reputation.BounceRate", SES_REVIEW_RATES.bounce),
    rateWidget(
      at(1, 1),
      props.region,
      rates[1],
      "Reputation.ComplaintRate",
      SES_REVIEW_RATES.complaint,
    ),
  ];
  if (props.deliveryStreamName) {
    const stream = ["DeliveryStreamName", props.deliveryStreamName];
    list.push(
      metricWidget(
        at(2, 0),
        props.region,
        delivery[0],
        [
          ["AWS/Firehose", "DeliveryToS3.Success", ...stream, { stat: "Average" }],
          [
            "AWS/Firehose",
            "DeliveryToS3.DataFreshness",
            ...stream,
            { stat: "Maximum", yAxis: "right" },
          ],
        ],
        "Average",
      ),
    );
  }
  if (props.alarmArns && props.alarmArns.length > 0) {
    list.push({
      type: "alarm",
      ...at(2, 1),
      properties: { title: delivery[1], alarms: [...props.alarmArns] },
    });
  }
  if (props.errorLogGroupName) {
    list.push({
      type: "log",
      ...at(3, 0, 2 * HALF.width),
      properties: {
        title: errors[0],
        region: props.region,
        view: "table",
        query: `SOURCE '${props.errorLogGroupName}' | fields @timestamp, @message | sort @timestamp desc | limit 50`,
      },
    });
  }
  return list;
}

function metricWidget(
  position: Widget,
  region: string,
  title: string,
  metrics: unknown[][],
  stat: string,
): Widget {
  return {
    type: "metric",
    ...position,
    properties: { title, region, view: "timeSeries", stat, period: PERIOD_SECONDS, metrics },
  };
}

/** A reputation rate, with the rate at which AWS reviews the account as a horizontal line. */
function rateWidget(
  position: Widget,
  region: string,
  title: string,
  metric: string,
  reviewRate: number,
): Widget {
  return {
    type: "metric",
    ...position,
    properties: {
      title,
      region,
      view: "timeSeries",
      stat: "Maximum",
      period: REPUTATION_PERIOD_SECONDS,
      metrics: [["AWS/SES", metric]],
      annotations: {
        horizontal: [
          { label: `AWS review at ${percent(reviewRate)}`, value: reviewRate, color: "#d62728" },
        ],
      },
      yAxis: { left: { min: 0 } },
    },
  };
}
