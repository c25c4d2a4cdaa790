import { accountInput } from "./fixtures";

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

/** Options of {@link generatedFleet}. */
export interface GeneratedFleetOptions {
  /**
   * Event publishing (a configuration set with Firehose and CloudWatch) in every account.
   * @default true
   */
  readonly eventPublishing?: boolean;
  /**
   * Hub regions; accounts are spread over them in turn.
   * @default ["us-east-1"]
   */
  readonly regions?: readonly string[];
  /**
   * Give every account and hub a `planRoleArn` (role `terraform-plan` of its account).
   * @default false
   */
  readonly planRoles?: boolean;
}

/**
 * A configuration of `n` client accounts with smtp (names `account-001`, …), spread over one hub
 * per region, for scale benchmarks and tests.
 */
export function generatedFleet(
  n: number,
  {
    eventPublishing = true,
    regions = ["us-east-1"],
    planRoles = false,
  }: GeneratedFleetOptions = {},
): { smtpHubs: Record<string, unknown>[]; accounts: Record<string, unknown>[] } {
  const roles = (id: string) => ({
    roleArn: `arn:aws:iam::${id}:role/terraform`,
    ...(planRoles && { planRoleArn: `arn:aws:iam::${id}:role/terraform-plan` }),
  });
  const accounts = Array.from({ length: n }, (_, i) => {
    const id = String(100000000000 + i + 1);
    return {
      name: `account-${String(i + 1).padStart(3, "0")}`,
      accountId: id,
      region: regions[i % regions.length],
      ...roles(id),
      smtp: {
        vpcId: `vpc-${(i + 1).toString(16).padStart(17, "0")}`,
        cidrs: [`10.${Math.floor((i + 1) / 256)}.${(i + 1) % 256}.0/24`],
      },
      ...(eventPublishing && {
        eventPublishing: {
          configurationSets: [
            {
              name: "default",
              eventDestinations: [
                { name: "archive", matchingTypes: ["send", "bounce", "complaint"], firehose: {} },
                {
                  name: "metrics",
                  matchingTypes: ["send"],
                  cloudwatch: { dimensions: [{ name: "campaign", defaultValue: "unknown" }] },
                },
              ],
            },
          ],
        },
      }),
    };
  });
  const smtpHubs = regions.map((region, i) => ({
    region,
    accountId: String(999999999999 - i),
    ...roles(String(999999999999 - i)),
    vpcId: `vpc-0a1b2c3d4e5f6071${i}`,
    subnetIds: [`subnet-0a1b2c3d4e5f6${i}001`, `subnet-0a1b2c3d4e5f6${i}002`],
    quotas: { vpcAssociationsPerHostedZone: 400 },
  }));
  return { smtpHubs, accounts };
}
