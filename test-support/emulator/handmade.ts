/**
 * What people built before this project: the multi-account article's shared endpoint, made with
 * the SDK calls that match its steps (console: security group with one CIDR on 587 and all egress
 * open, `email-smtp` interface endpoint in one subnet with private DNS off, private zone with an
 * apex alias; CloudShell: `create-vpc-association-authorization` in the shared account and
 * `associate-vpc-with-hosted-zone` in each resource account), with what real accounts keep beside
 * it and no configuration manages (rules for other CIDRs and ports, a second group on the
 * endpoint, another private zone, another endpoint); and the Terraform 0.8 tutorial's event
 * publishing applied by its own Terraform configuration (configuration set, Firehose and
 * CloudWatch destinations, delivery stream, log group and stream, bucket, roles trusted with
 * `sts:ExternalId` and managed policies).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateVpcEndpointCommand,
  EC2Client,
} from "@aws-sdk/client-ec2";
import {
  AssociateVPCWithHostedZoneCommand,
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  CreateVPCAssociationAuthorizationCommand,
  Route53Client,
  VPCRegion,
} from "@aws-sdk/client-route-53";
import type { SynthesizedStack } from "../../src/review/offline-terraform";
import { FIREHOSE_S3_ACTIONS } from "../../src/constructs/firehose-event-stream";
import { accountClientConfig } from "./accounts";
import { apply, initForEmulator } from "./terraform";
import { ConfigInput } from "./world";

/** The ids the article's steps produced, for the test to compare with what adoption finds. */
export interface ArticleIds {
  readonly securityGroupId: string;
  readonly vpcEndpointId: string;
  readonly zoneId: string;
  /** What the configuration does not manage, which every step must leave alone. */
  readonly unmanaged: {
    /** Inbound rules of the article's group for a CIDR or port no account wants. */
    readonly ruleIds: string[];
    /** A second group on the endpoint, holding no wanted rule. */
    readonly securityGroupId: string;
    readonly zoneId: string;
    readonly vpcEndpointId: string;
  };
}

/** One inbound TCP rule; returns its id. */
async function inbound(ec2: EC2Client, groupId: string, cidr: string, port: number) {
  const { SecurityGroupRules } = await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: groupId,
      IpPermissions: [
        { IpProtocol: "tcp", FromPort: port, ToPort: port, IpRanges: [{ CidrIp: cidr }] },
      ],
    }),
  );
  return SecurityGroupRules![0].SecurityGroupRuleId!;
}

/**
 * The article's steps 1-3 in the hub account, with every account of `accounts` (the "multi-account"
 * section: one more inbound rule, authorization and association per account).
 */
export async function buildArticleEndpoint(
  endpoint: string,
  hub: ConfigInput,
  accounts: ConfigInput[],
): Promise<ArticleIds> {
  const client = await accountClientConfig(endpoint, hub.accountId, hub.region);
  const ec2 = new EC2Client(client);
  const route53 = new Route53Client(client);
  // Step 1: the security group (default egress: all traffic) and the endpoint in one subnet.
  const { GroupId } = await ec2.send(
    new CreateSecurityGroupCommand({
      GroupName: "ses-smtp-vpce-sg",
      Description: "SMTP from resource accounts",
      VpcId: hub.vpcId,
    }),
  );
  for (const account of accounts) await inbound(ec2, GroupId!, account.smtp.cidrs[0], 587);
  // Beside it, unmanaged: a partner's CIDR on 587, an account's CIDR on a port the hub does not
  // open, and a second group (a monitoring subnet on 465) attached to the endpoint.
  const ruleIds = [
    await inbound(ec2, GroupId!, "192.168.10.0/24", 587),
    await inbound(ec2, GroupId!, accounts[0].smtp.cidrs[0], 25),
  ];
  const { GroupId: monitoring } = await ec2.send(
    new CreateSecurityGroupCommand({
      GroupName: "smtp-monitoring",
      Description: "SMTP checks from the monitoring subnet",
      VpcId: hub.vpcId,
    }),
  );
  ruleIds.push(await inbound(ec2, monitoring!, "10.99.0.0/24", 465));
  const { VpcEndpoint: other } = await ec2.send(
    new CreateVpcEndpointCommand({
      VpcId: hub.vpcId,
      ServiceName: `com.amazonaws.${hub.region}.logs`,
      VpcEndpointType: "Interface",
      SubnetIds: [hub.subnetIds[0]],
      SecurityGroupIds: [monitoring!],
    }),
  );
  const { VpcEndpoint } = await ec2.send(
    new CreateVpcEndpointCommand({
      VpcId: hub.vpcId,
      ServiceName: `com.amazonaws.${hub.region}.email-smtp`,
      VpcEndpointType: "Interface",
      SubnetIds: [hub.subnetIds[0]],
      SecurityGroupIds: [GroupId!, monitoring!],
      PrivateDnsEnabled: false,
    }),
  );
  // Step 2: the private zone with the hub VPC, and the apex alias to the endpoint's DNS name.
  const host = `email-smtp.${hub.region}.amazonaws.com`;
  const { HostedZone } = await route53.send(
    new CreateHostedZoneCommand({
      Name: host,
      CallerReference: "article-zone",
      VPC: { VPCId: hub.vpcId, VPCRegion: hub.region as VPCRegion },
      HostedZoneConfig: { PrivateZone: true, Comment: "SES SMTP via the shared endpoint" },
    }),
  );
  const zoneId = HostedZone!.Id!.replace("/hostedzone/", "");
  const { HostedZone: internal } = await route53.send(
    new CreateHostedZoneCommand({
      Name: "internal.example.com",
      CallerReference: "internal-zone",
      VPC: { VPCId: hub.vpcId, VPCRegion: hub.region as VPCRegion },
      HostedZoneConfig: { PrivateZone: true },
    }),
  );
  const dns = VpcEndpoint!.DnsEntries![0];
  await route53.send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: zoneId,
      ChangeBatch: {
        Changes: [
          {
            Action: "CREATE",
            ResourceRecordSet: {
              Name: host,
              Type: "A",
              AliasTarget: {
                DNSName: dns.DnsName!,
                HostedZoneId: dns.HostedZoneId!,
                EvaluateTargetHealth: false,
              },
            },
          },
        ],
      },
    }),
  );
  // Step 3 (CloudShell): the zone owner authorizes, then each VPC owner associates.
  for (const account of accounts) {
    const vpc = { VPCId: account.smtp.vpcId, VPCRegion: account.region as VPCRegion };
    await route53.send(
      new CreateVPCAssociationAuthorizationCommand({ HostedZoneId: zoneId, VPC: vpc }),
    );
    const own = new Route53Client(
      await accountClientConfig(endpoint, account.accountId, account.region),
    );
    await own.send(new AssociateVPCWithHostedZoneCommand({ HostedZoneId: zoneId, VPC: vpc }));
    own.destroy();
  }
  ec2.destroy();
  route53.destroy();
  return {
    securityGroupId: GroupId!,
    vpcEndpointId: VpcEndpoint!.VpcEndpointId!,
    zoneId,
    unmanaged: {
      ruleIds,
      securityGroupId: monitoring!,
      zoneId: internal!.Id!.replace("/hostedzone/", ""),
      vpcEndpointId: other!.VpcEndpointId!,
    },
  };
}

/** A role trusted by one service with the tutorial's `sts:ExternalId` condition. */
function trusting(service: string, accountId: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: service },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "sts:ExternalId": accountId } },
      },
    ],
  });
}

const policy = (statement: object) =>
  JSON.stringify({ Version: "2012-10-17", Statement: [statement] });

/**
 * The tutorial's HCL (as JSON, in today's provider syntax) for `account`: managed policies attached
 * with `aws_iam_policy_attachment`, the Firehose destination to the stream, a CloudWatch one.
 */
function tutorialConfiguration(account: ConfigInput): object {
  const { accountId, region } = account;
  const bucket = account.eventPublishing.bucket.name;
  const group = "/aws/kinesisfirehose/tf-firehose-log-group";
  const role = (name: string, service: string) => ({
    name,
    assume_role_policy: trusting(service, accountId),
  });
  const attachment = (name: string) => ({
    name: `${name}-attachment`,
    roles: [`\${aws_iam_role.${name}.name}`],
    policy_arn: `\${aws_iam_policy.${name}.arn}`,
  });
  return {
    provider: {
      aws: [{ region, assume_role: [{ role_arn: `arn:aws:iam::${accountId}:role/terraform` }] }],
    },
    resource: {
      aws_s3_bucket: { s3: { bucket } },
      aws_cloudwatch_log_group: { cloudwatch: { name: group } },
      aws_cloudwatch_log_stream: {
        cloudwatch: {
          name: "tf-firehose-log-stream",
          log_group_name: "${aws_cloudwatch_log_group.cloudwatch.name}",
        },
      },
      aws_iam_role: {
        firehose: role("tf-firehose-role", "firehose.amazonaws.com"),
        ses: role("tf-ses-role", "ses.amazonaws.com"),
      },
      aws_iam_policy: {
        firehose: {
          name: "tf-firehose-policy",
          policy: policy({
            Effect: "Allow",
            Action: FIREHOSE_S3_ACTIONS,
            Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
          }),
        },
        ses: {
          name: "tf-ses-policy",
          policy: policy({
            Effect: "Allow",
            Action: ["firehose:PutRecord", "firehose:PutRecordBatch"],
            Resource: "${aws_kinesis_firehose_delivery_stream.firehose.arn}",
          }),
        },
      },
      aws_iam_policy_attachment: { firehose: attachment("firehose"), ses: attachment("ses") },
      aws_kinesis_firehose_delivery_stream: {
        firehose: {
          name: "tf-delivery-stream",
          destination: "extended_s3",
          extended_s3_configuration: [
            {
              role_arn: "${aws_iam_role.firehose.arn}",
              bucket_arn: "${aws_s3_bucket.s3.arn}",
              prefix: "ses",
              buffering_interval: 60,
              buffering_size: 5,
              compression_format: "UNCOMPRESSED",
              cloudwatch_logging_options: [
                {
                  enabled: true,
                  log_group_name: "${aws_cloudwatch_log_group.cloudwatch.name}",
                  log_stream_name: "${aws_cloudwatch_log_stream.cloudwatch.name}",
                },
              ],
            },
          ],
        },
      },
      aws_ses_configuration_set: { ses: { name: "tf-configuration-set" } },
      aws_ses_event_destination: {
        firehose: {
          name: "tf-firehose-destination",
          configuration_set_name: "${aws_ses_configuration_set.ses.name}",
          enabled: true,
          matching_types: ["send"],
          kinesis_destination: [
            {
              stream_arn: "${aws_kinesis_firehose_delivery_stream.firehose.arn}",
              role_arn: "${aws_iam_role.ses.arn}",
            },
          ],
          depends_on: ["aws_iam_policy_attachment.ses"],
        },
        cloudwatch: {
          name: "tf-cloudwatch-destination",
          configuration_set_name: "${aws_ses_configuration_set.ses.name}",
          enabled: true,
          matching_types: ["send"],
          cloudwatch_destination: [
            { dimension_name: "campaign", default_value: "unknown", value_source: "messageTag" },
          ],
        },
      },
    },
  };
}

/**
 * Applies the tutorial's own Terraform configuration for `account` in `dir` (its local state
 * there) against the deployment's emulator, as its users did; returns the directory as a stack for `terraform show -json` and
 * `terraform state rm`.
 */
export async function applyTutorial(account: ConfigInput, dir: string): Promise<SynthesizedStack> {
  mkdirSync(dir, { recursive: true });
  const json = tutorialConfiguration(account);
  writeFileSync(join(dir, "main.tf.json"), JSON.stringify(json, null, 2));
  const stack = { name: "tutorial-terraform", dir, json };
  initForEmulator(stack);
  await apply(stack);
  return stack;
}
