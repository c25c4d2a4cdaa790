/** The permission table of Kinesis Data Firehose delivery streams. */
import { kmsKey, literal, orAny, passRole, regional, Rules } from "../grants";

export const firehoseResources: Record<string, Rules> = {
  aws_kinesis_firehose_delivery_stream: {
    arn: (config, ctx) =>
      regional(ctx, "firehose", `deliverystream/${orAny(literal(config.name, ctx))}`),
    grants: (config, ctx) => [
      {
        actions: [
          "firehose:CreateDeliveryStream",
          "firehose:DescribeDeliveryStream",
          "firehose:UpdateDestination",
          "firehose:DeleteDeliveryStream",
          "firehose:ListTagsForDeliveryStream",
          "firehose:TagDeliveryStream",
          "firehose:UntagDeliveryStream",
          "firehose:StartDeliveryStreamEncryption",
          "firehose:StopDeliveryStreamEncryption",
        ],
        arns: [ctx.rules.aws_kinesis_firehose_delivery_stream.arn!(config, ctx)],
      },
      passRole(config.extended_s3_configuration?.role_arn, "firehose", ctx),
      ...kmsKey(
        config.server_side_encryption?.key_arn,
        ["kms:CreateGrant", "kms:DescribeKey"],
        ctx,
      ),
    ],
  },
};
