/** The permission table of SES: configuration sets, event destinations, identities. */
import {
  literal,
  orAny,
  passRole,
  regional,
  Rules,
  sesIdentityArn,
  sesSetArn,
  single,
} from "../grants";

const TAGGING = ["ses:ListTagsForResource", "ses:TagResource", "ses:UntagResource"];

const dedicatedPoolArn: Rules["arn"] = (config, ctx) =>
  regional(ctx, "ses", `dedicated-ip-pool/${orAny(literal(config.pool_name, ctx))}`);

export const sesResources: Record<string, Rules> = {
  aws_ses_configuration_set: {
    idAttribute: "name",
    arn: (config, ctx) => sesSetArn(config.name, ctx),
    grants: (config, ctx) => [
      {
        actions: [
          "ses:CreateConfigurationSet",
          "ses:DescribeConfigurationSet",
          "ses:DeleteConfigurationSet",
          "ses:PutConfigurationSetDeliveryOptions",
          "ses:UpdateConfigurationSetSendingEnabled",
          "ses:UpdateConfigurationSetReputationMetricsEnabled",
          ...(config.tracking_options
            ? [
                "ses:CreateConfigurationSetTrackingOptions",
                "ses:UpdateConfigurationSetTrackingOptions",
                "ses:DeleteConfigurationSetTrackingOptions",
              ]
            : []),
        ],
        arns: [sesSetArn(config.name, ctx)],
      },
    ],
  },
  aws_ses_event_destination: {
    grants: (config, ctx) => [
      {
        actions: [
          "ses:CreateConfigurationSetEventDestination",
          "ses:DeleteConfigurationSetEventDestination",
          "ses:DescribeConfigurationSet",
        ],
        arns: [sesSetArn(config.configuration_set_name, ctx)],
      },
      ...(config.kinesis_destination
        ? [passRole(config.kinesis_destination.role_arn, "ses", ctx)]
        : []),
    ],
  },
  aws_sesv2_configuration_set: {
    idAttribute: "configuration_set_name",
    arn: (config, ctx) => sesSetArn(config.configuration_set_name, ctx),
    grants: (config, ctx) => {
      const pool = config.delivery_options?.sending_pool_name;
      return [
        {
          actions: [
            "ses:CreateConfigurationSet",
            "ses:GetConfigurationSet",
            "ses:DeleteConfigurationSet",
            "ses:PutConfigurationSetDeliveryOptions",
            "ses:PutConfigurationSetReputationOptions",
            "ses:PutConfigurationSetSendingOptions",
            "ses:PutConfigurationSetSuppressionOptions",
            "ses:PutConfigurationSetTrackingOptions",
            "ses:PutConfigurationSetVdmOptions",
            ...TAGGING,
          ],
          arns: [
            sesSetArn(config.configuration_set_name, ctx),
            ...(pool ? [dedicatedPoolArn({ pool_name: pool }, ctx)] : []),
          ],
        },
      ];
    },
  },
  aws_sesv2_configuration_set_event_destination: {
    grants: (config, ctx) => [
      {
        actions: [
          "ses:CreateConfigurationSetEventDestination",
          "ses:GetConfigurationSetEventDestinations",
          "ses:UpdateConfigurationSetEventDestination",
          "ses:DeleteConfigurationSetEventDestination",
        ],
        arns: [sesSetArn(config.configuration_set_name, ctx)],
      },
      ...(config.event_destination?.kinesis_firehose_destination
        ? [passRole(config.event_destination.kinesis_firehose_destination.iam_role_arn, "ses", ctx)]
        : []),
    ],
  },
  aws_sesv2_account_suppression_attributes: {
    grants: single(["ses:PutAccountSuppressionAttributes", "ses:GetAccount"], () => ["*"]),
  },
  aws_sesv2_account_vdm_attributes: {
    grants: single(["ses:PutAccountVdmAttributes", "ses:GetAccount"], () => ["*"]),
  },
  aws_sesv2_dedicated_ip_pool: {
    idAttribute: "pool_name",
    arn: dedicatedPoolArn,
    grants: single(
      [
        "ses:CreateDedicatedIpPool",
        "ses:GetDedicatedIpPool",
        "ses:DeleteDedicatedIpPool",
        ...TAGGING,
      ],
      (config, ctx) => [dedicatedPoolArn(config, ctx)],
    ),
  },
  aws_sesv2_email_identity: {
    idAttribute: "email_identity",
    grants: (config, ctx) => {
      const identity = sesIdentityArn(config.email_identity, ctx);
      return [
        {
          actions: [
            "ses:CreateEmailIdentity",
            "ses:GetEmailIdentity",
            "ses:DeleteEmailIdentity",
            "ses:PutEmailIdentityDkimSigningAttributes",
            "ses:ListTagsForResource",
            "ses:TagResource",
            "ses:UntagResource",
          ],
          arns: [identity],
        },
        ...(config.configuration_set_name
          ? [
              {
                actions: ["ses:PutEmailIdentityConfigurationSetAttributes"],
                arns: [identity, sesSetArn(config.configuration_set_name, ctx)],
              },
            ]
          : []),
      ];
    },
  },
  aws_sesv2_email_identity_mail_from_attributes: {
    grants: single(
      ["ses:PutEmailIdentityMailFromAttributes", "ses:GetEmailIdentity"],
      (config, ctx) => [sesIdentityArn(config.email_identity, ctx)],
    ),
  },
};
