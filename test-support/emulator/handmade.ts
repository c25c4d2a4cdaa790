/**
 * What people built before this project, made with the SDK calls that match their steps: the
 * multi-account article's shared endpoint (console: security group with one CIDR on 587 and all
 * egress open, `email-smtp` interface endpoint in one subnet with private DNS off, private zone
 * with an apex alias; CloudShell: `create-vpc-association-authorization` in the shared account and
 * `associate-vpc-with-hosted-zone` in each resource account), and the Terraform 0.8 tutorial's
 * event publishing (configuration set, Firehose and CloudWatch destinations, delivery stream, log
 * group and stream, bucket, roles trusted with `sts:ExternalId` and managed policies).
 */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateVpcEndpointCommand,
  EC2Client,
} from "@aws-sdk/client-ec2";
import { CreateDeliveryStreamCommand, FirehoseClient } from "@aws-sdk/client-firehose";
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  IAMClient,
} from "@aws-sdk/client-iam";
import {
  AssociateVPCWithHostedZoneCommand,
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  CreateVPCAssociationAuthorizationCommand,
  Route53Client,
  VPCRegion,
} from "@aws-sdk/client-route-53";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import {
  CreateConfigurationSetCommand,
  CreateConfigurationSetEventDestinationCommand,
  SESClient,
} from "@aws-sdk/client-ses";
import { FIREHOSE_S3_ACTIONS } from "../../src/constructs/firehose-event-stream";
import { accountClientConfig } from "./accounts";
import { ConfigInput } from "./world";

/** The ids the article's steps produced, for the test to compare with what adoption finds. */
export interface ArticleIds {
  readonly securityGroupId: string;
  readonly vpcEndpointId: string;
  readonly zoneId: string;
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
  for (const account of accounts) {
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId,
        IpPermissions: [
          {
            IpProtocol: "tcp",
            FromPort: 587,
            ToPort: 587,
            IpRanges: [{ CidrIp: account.smtp.cidrs[0] }],
          },
        ],
      }),
    );
  }
  const { VpcEndpoint } = await ec2.send(
    new CreateVpcEndpointCommand({
      VpcId: hub.vpcId,
      ServiceName: `com.amazonaws.${hub.region}.email-smtp`,
      VpcEndpointType: "Interface",
      SubnetIds: [hub.subnetIds[0]],
      SecurityGroupIds: [GroupId!],
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
  return { securityGroupId: GroupId!, vpcEndpointId: VpcEndpoint!.VpcEndpointId!, zoneId };
}

/** A role trusted by one service with the tutorial's `sts:ExternalId` condition, and its managed policy. */
async function tutorialRole(
  iam: IAMClient,
  name: string,
  service: string,
  accountId: string,
  policy: object,
): Promise<string> {
  const { Role } = await iam.send(
    new CreateRoleCommand({
      RoleName: name,
      AssumeRolePolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: service },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "sts:ExternalId": accountId } },
          },
        ],
      }),
    }),
  );
  const { Policy } = await iam.send(
    new CreatePolicyCommand({
      PolicyName: name.replace("-role", "-policy"),
      PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [policy] }),
    }),
  );
  await iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: Policy!.Arn }));
  return Role!.Arn!;
}

/** The tutorial's resources (its HCL, as the provider of its day created them) in `account`. */
export async function buildTutorialPipeline(endpoint: string, account: ConfigInput): Promise<void> {
  const client = await accountClientConfig(endpoint, account.accountId, account.region);
  const { accountId, region } = account;
  const publishing = account.eventPublishing;
  const bucket = publishing.bucket.name;
  const s3 = new S3Client(client);
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const logs = new CloudWatchLogsClient(client);
  const group = "/aws/kinesisfirehose/tf-firehose-log-group";
  await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
  await logs.send(
    new CreateLogStreamCommand({ logGroupName: group, logStreamName: "tf-firehose-log-stream" }),
  );
  const iam = new IAMClient(client);
  const streamArn = `arn:aws:firehose:${region}:${accountId}:deliverystream/tf-delivery-stream`;
  const firehoseRole = await tutorialRole(
    iam,
    "tf-firehose-role",
    "firehose.amazonaws.com",
    accountId,
    {
      Effect: "Allow",
      Action: FIREHOSE_S3_ACTIONS,
      Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
    },
  );
  const sesRole = await tutorialRole(iam, "tf-ses-role", "ses.amazonaws.com", accountId, {
    Effect: "Allow",
    Action: ["firehose:PutRecord", "firehose:PutRecordBatch"],
    Resource: [streamArn],
  });
  const firehose = new FirehoseClient(client);
  await firehose.send(
    new CreateDeliveryStreamCommand({
      DeliveryStreamName: "tf-delivery-stream",
      DeliveryStreamType: "DirectPut",
      ExtendedS3DestinationConfiguration: {
        RoleARN: firehoseRole,
        BucketARN: `arn:aws:s3:::${bucket}`,
        Prefix: "ses",
        BufferingHints: { IntervalInSeconds: 60, SizeInMBs: 5 },
        CompressionFormat: "UNCOMPRESSED",
        CloudWatchLoggingOptions: {
          Enabled: true,
          LogGroupName: group,
          LogStreamName: "tf-firehose-log-stream",
        },
      },
    }),
  );
  const ses = new SESClient(client);
  const set = "tf-configuration-set";
  await ses.send(new CreateConfigurationSetCommand({ ConfigurationSet: { Name: set } }));
  await ses.send(
    new CreateConfigurationSetEventDestinationCommand({
      ConfigurationSetName: set,
      EventDestination: {
        Name: "tf-firehose-destination",
        Enabled: true,
        MatchingEventTypes: ["send"],
        KinesisFirehoseDestination: { IAMRoleARN: sesRole, DeliveryStreamARN: streamArn },
      },
    }),
  );
  await ses.send(
    new CreateConfigurationSetEventDestinationCommand({
      ConfigurationSetName: set,
      EventDestination: {
        Name: "tf-cloudwatch-destination",
        Enabled: true,
        MatchingEventTypes: ["send"],
        CloudWatchDestination: {
          DimensionConfigurations: [
            {
              DimensionName: "campaign",
              DefaultDimensionValue: "unknown",
              DimensionValueSource: "messageTag",
            },
          ],
        },
      },
    }),
  );
  for (const c of [s3, logs, iam, firehose, ses]) c.destroy();
}
