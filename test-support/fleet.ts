import { accountInput } from "./synth";

/**
 * A three-account configuration that exercises every event-publishing option: KMS bucket
 * encryption, SNS and CloudWatch destinations, several configuration sets, an account without
 * Firehose, one without a role. Tests reorder and trim it to check address stability.
 */
export function fleetInput(): {
  tags: Record<string, string>;
  accounts: Record<string, unknown>[];
} {
  return {
    tags: { CostCenter: "email" },
    accounts: [
      accountInput({
        name: "payments",
        accountId: "222222222222",
        roleArn: "arn:aws:iam::222222222222:role/terraform",
        region: "eu-west-1",
        eventPublishing: {
          bucket: {
            name: "payments-ses-events",
            kmsKeyArn:
              "arn:aws:kms:eu-west-1:222222222222:key/0f0e0d0c-0b0a-0908-0706-050403020100",
          },
          deliveryStream: { prefix: "ses", bufferingIntervalSeconds: 300, compression: "Snappy" },
          logs: { retentionDays: 365 },
          configurationSets: [
            {
              name: "receipts",
              tlsPolicy: "Optional",
              eventDestinations: [
                {
                  name: "archive",
                  matchingTypes: ["send", "delivery", "bounce", "complaint"],
                  firehose: {},
                },
                {
                  name: "metrics",
                  matchingTypes: ["send", "open", "click"],
                  cloudwatch: {
                    dimensions: [
                      { name: "campaign", defaultValue: "unknown", valueSource: "messageTag" },
                      { name: "X-Team", defaultValue: "payments", valueSource: "emailHeader" },
                      { name: "link", defaultValue: "none", valueSource: "linkTag" },
                    ],
                  },
                },
                {
                  name: "alerts",
                  matchingTypes: ["reject", "renderingFailure"],
                  sns: { topicArn: "arn:aws:sns:eu-west-1:222222222222:ses-alerts" },
                },
              ],
            },
            {
              name: "statements",
              customRedirectDomain: "click.example.com",
              eventDestinations: [{ name: "archive", matchingTypes: ["send"], firehose: {} }],
            },
          ],
        },
      }),
      accountInput({
        name: "marketing",
        accountId: "333333333333",
        roleArn: undefined,
        eventPublishing: {
          configurationSets: [
            {
              name: "newsletters",
              eventDestinations: [
                {
                  name: "metrics",
                  matchingTypes: ["send", "bounce"],
                  cloudwatch: { dimensions: [{ name: "campaign", defaultValue: "unknown" }] },
                },
              ],
            },
          ],
        },
      }),
      accountInput({
        name: "support",
        accountId: "444444444444",
        roleArn: "arn:aws:iam::444444444444:role/terraform",
      }),
    ],
  };
}
