/** The permission table of SNS: the reputation alarms' topic. */
import { literal, orAny, regional, Rules, single } from "../grants";

export const snsResources: Record<string, Rules> = {
  aws_sns_topic: {
    arn: (config, ctx) => regional(ctx, "sns", orAny(literal(config.name, ctx))),
    grants: single(
      [
        "sns:CreateTopic",
        "sns:GetTopicAttributes",
        "sns:SetTopicAttributes",
        "sns:DeleteTopic",
        "sns:ListTagsForResource",
        "sns:TagResource",
        "sns:UntagResource",
      ],
      (config, ctx) => [ctx.rules.aws_sns_topic.arn!(config, ctx)],
    ),
  },
  aws_sns_topic_policy: {
    grants: single(["sns:SetTopicAttributes", "sns:GetTopicAttributes"], (config, ctx) => [
      orAny(literal(config.arn, ctx)),
    ]),
  },
  aws_sns_topic_subscription: {
    grants: single(
      [
        "sns:Subscribe",
        "sns:Unsubscribe",
        "sns:GetSubscriptionAttributes",
        "sns:SetSubscriptionAttributes",
      ],
      (config, ctx) => [orAny(literal(config.topic_arn, ctx))],
    ),
  },
};
