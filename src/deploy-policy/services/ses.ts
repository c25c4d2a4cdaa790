/** The permission table of SES: configuration sets, event destinations, identities. */
import { passRole, Rules, sesIdentityArn, sesSetArn, single } from "../grants";

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
