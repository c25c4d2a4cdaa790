/**
 * A configuration coming from the article and the tutorial, with every `adopt` id filled in (the
 * shapes `npm run adopt` writes), for the unit and terraform tests of adoption.
 */

export const ZONE = "Z0123456789ABCDEFGHIJ";
export const HUB_VPC = "vpc-0a1b2c3d4e5f60718";
export const TUTORIAL_VPC = "vpc-0111111111111111a";

export function adoptedInput(): Record<string, any> {
  return {
    smtpHubs: [
      {
        region: "us-east-1",
        accountId: "999999999999",
        roleArn: "arn:aws:iam::999999999999:role/terraform",
        vpcId: HUB_VPC,
        subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
        securityGroups: [{ name: "ses-smtp-vpce-sg", description: "SMTP from resource accounts" }],
        adopt: {
          vpcEndpoint: "vpce-0123456789abcdef0",
          securityGroups: ["sg-0123456789abcdef0"],
          ingressRules: [
            { id: "sgr-0123456789abcdef0", account: "tutorial", cidr: "10.1.0.0/16", port: 587 },
          ],
          privateHostedZone: ZONE,
          apexRecord: `${ZONE}_email-smtp.us-east-1.amazonaws.com_A`,
          authorizations: [`${ZONE}:${TUTORIAL_VPC}`],
        },
      },
    ],
    accounts: [
      {
        name: "tutorial",
        accountId: "111111111111",
        region: "us-east-1",
        roleArn: "arn:aws:iam::111111111111:role/terraform",
        smtp: { vpcId: TUTORIAL_VPC, cidrs: ["10.1.0.0/16"] },
        eventPublishing: {
          bucket: { name: "tf-ses-tutorial-events" },
          configurationSets: [
            {
              name: "tf-configuration-set",
              eventDestinations: [
                { name: "tf-firehose-destination", matchingTypes: ["send"], firehose: {} },
              ],
            },
          ],
        },
        sending: { domain: "tutorial.example.com" },
        adopt: {
          zoneAssociation: `${ZONE}:${TUTORIAL_VPC}`,
          configurationSets: ["tf-configuration-set"],
          eventDestinations: ["tf-configuration-set/tf-firehose-destination"],
          deliveryStream:
            "arn:aws:firehose:us-east-1:111111111111:deliverystream/tf-delivery-stream",
          bucket: "tf-ses-tutorial-events",
          sesRole: "tf-ses-role",
          firehoseRole: "tf-firehose-role",
          logGroup: "/aws/kinesisfirehose/tf-firehose-log-group",
          logStream: "/aws/kinesisfirehose/tf-firehose-log-group:tf-firehose-log-stream",
          identity: "tutorial.example.com",
        },
      },
    ],
  };
}
