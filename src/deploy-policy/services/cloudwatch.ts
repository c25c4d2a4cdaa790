/** The permission table of CloudWatch Logs (the delivery stream's log group and stream), CloudWatch alarms and dashboards. */
import { literal, logGroupArn, orAny, regional, Rules, single } from "../grants";

export const cloudwatchResources: Record<string, Rules> = {
  aws_cloudwatch_log_group: {
    idAttribute: "name",
    arn: (config, ctx) => logGroupArn(config.name, ctx),
    grants: (config, ctx) => [
      {
        actions: [
          "logs:CreateLogGroup",
          "logs:DeleteLogGroup",
          "logs:DescribeLogGroups",
          "logs:PutRetentionPolicy",
          "logs:DeleteRetentionPolicy",
          "logs:ListTagsForResource",
          "logs:TagResource",
          "logs:UntagResource",
          ...(config.kms_key_id ? ["logs:AssociateKmsKey", "logs:DisassociateKmsKey"] : []),
        ],
        arns: [logGroupArn(config.name, ctx), `${logGroupArn(config.name, ctx)}:*`],
      },
    ],
  },
  aws_cloudwatch_log_stream: {
    idAttribute: "name",
    grants: single(
      ["logs:CreateLogStream", "logs:DeleteLogStream", "logs:DescribeLogStreams"],
      (config, ctx) => [
        `${logGroupArn(config.log_group_name, ctx)}:log-stream:${orAny(literal(config.name, ctx))}`,
        `${logGroupArn(config.log_group_name, ctx)}:*`,
      ],
    ),
  },
  aws_cloudwatch_metric_alarm: {
    idAttribute: "alarm_name",
    grants: single(
      [
        "cloudwatch:PutMetricAlarm",
        "cloudwatch:DescribeAlarms",
        "cloudwatch:DeleteAlarms",
        "cloudwatch:ListTagsForResource",
        "cloudwatch:TagResource",
        "cloudwatch:UntagResource",
      ],
      (config, ctx) => [
        regional(ctx, "cloudwatch", `alarm:${orAny(literal(config.alarm_name, ctx))}`),
      ],
    ),
  },
  aws_cloudwatch_dashboard: {
    idAttribute: "dashboard_name",
    grants: single(
      ["cloudwatch:PutDashboard", "cloudwatch:GetDashboard", "cloudwatch:DeleteDashboards"],
      (config, ctx) => [
        `arn:${ctx.partition}:cloudwatch::${ctx.accountId}:dashboard/${orAny(literal(config.dashboard_name, ctx))}`,
      ],
    ),
  },
};
