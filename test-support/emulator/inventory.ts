/**
 * The emulator's own listing of what adoption must leave alone, one line per object with what a
 * replacement would change (a new id, a new creation time): in the hub account every security
 * group and inbound rule of the hub VPC, its endpoints, every hosted zone and the zone's
 * authorizations; in each account its zone associations, and the tutorial's roles, configuration
 * sets and destinations, delivery streams, log groups and streams, and buckets. Two listings are
 * equal when nothing was created, replaced or deleted (egress rules are left out: the first
 * apply removes the article's open egress, as the README says).
 */
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import {
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcEndpointsCommand,
  EC2Client,
} from "@aws-sdk/client-ec2";
import {
  DescribeDeliveryStreamCommand,
  FirehoseClient,
  ListDeliveryStreamsCommand,
} from "@aws-sdk/client-firehose";
import { IAMClient, ListRolesCommand } from "@aws-sdk/client-iam";
import {
  ListHostedZonesByVPCCommand,
  ListHostedZonesCommand,
  ListVPCAssociationAuthorizationsCommand,
  Route53Client,
  VPCRegion,
} from "@aws-sdk/client-route-53";
import { ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import {
  DescribeConfigurationSetCommand,
  ListConfigurationSetsCommand,
  SESClient,
} from "@aws-sdk/client-ses";
import { accountClientConfig } from "./accounts";
import { ConfigInput } from "./world";

/** Sorted lines by account name (`hub` for the shared account). */
export type Inventory = Record<string, string[]>;

async function hubListing(endpoint: string, hub: ConfigInput): Promise<string[]> {
  const client = await accountClientConfig(endpoint, hub.accountId, hub.region);
  const ec2 = new EC2Client(client);
  const route53 = new Route53Client(client);
  const inVpc = [{ Name: "vpc-id", Values: [hub.vpcId] }];
  const lines: string[] = [];
  const { SecurityGroups = [] } = await ec2.send(
    new DescribeSecurityGroupsCommand({ Filters: inVpc }),
  );
  for (const g of SecurityGroups) lines.push(`group ${g.GroupId} ${g.GroupName}: ${g.Description}`);
  const { SecurityGroupRules = [] } = await ec2.send(
    new DescribeSecurityGroupRulesCommand({
      Filters: [{ Name: "group-id", Values: SecurityGroups.map((g) => g.GroupId!) }],
    }),
  );
  for (const r of SecurityGroupRules.filter((rule) => !rule.IsEgress))
    lines.push(`ingress ${r.SecurityGroupRuleId} of ${r.GroupId}: ${r.CidrIpv4} ${r.FromPort}`);
  const { VpcEndpoints = [] } = await ec2.send(new DescribeVpcEndpointsCommand({ Filters: inVpc }));
  for (const e of VpcEndpoints) lines.push(`endpoint ${e.VpcEndpointId} ${e.ServiceName}`);
  const { HostedZones = [] } = await route53.send(new ListHostedZonesCommand({}));
  for (const z of HostedZones) {
    lines.push(`zone ${z.Id} ${z.Name}`);
    const { VPCs = [] } = await route53.send(
      new ListVPCAssociationAuthorizationsCommand({ HostedZoneId: z.Id }),
    );
    for (const v of VPCs) lines.push(`authorization ${z.Id} ${v.VPCId}`);
  }
  ec2.destroy();
  route53.destroy();
  return lines.sort();
}

async function accountListing(endpoint: string, account: ConfigInput): Promise<string[]> {
  const client = await accountClientConfig(endpoint, account.accountId, account.region);
  const lines: string[] = [];
  const route53 = new Route53Client(client);
  const { HostedZoneSummaries = [] } = await route53.send(
    new ListHostedZonesByVPCCommand({
      VPCId: account.smtp.vpcId,
      VPCRegion: account.region as VPCRegion,
    }),
  );
  for (const z of HostedZoneSummaries) lines.push(`association ${z.HostedZoneId} ${z.Name}`);
  const iam = new IAMClient(client);
  const { Roles = [] } = await iam.send(new ListRolesCommand({}));
  for (const r of Roles.filter((role) => role.RoleName!.startsWith("tf-")))
    lines.push(`role ${r.RoleName} ${r.RoleId}`);
  const ses = new SESClient(client);
  const { ConfigurationSets = [] } = await ses.send(new ListConfigurationSetsCommand({}));
  for (const { Name } of ConfigurationSets) {
    const { EventDestinations = [] } = await ses.send(
      new DescribeConfigurationSetCommand({
        ConfigurationSetName: Name,
        ConfigurationSetAttributeNames: ["eventDestinations"],
      }),
    );
    lines.push(`set ${Name}`, ...EventDestinations.map((d) => `destination ${Name}/${d.Name}`));
  }
  const firehose = new FirehoseClient(client);
  const { DeliveryStreamNames = [] } = await firehose.send(new ListDeliveryStreamsCommand({}));
  for (const name of DeliveryStreamNames) {
    const { DeliveryStreamDescription } = await firehose.send(
      new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }),
    );
    lines.push(`stream ${name} ${DeliveryStreamDescription?.CreateTimestamp?.toISOString()}`);
  }
  const logs = new CloudWatchLogsClient(client);
  const { logGroups = [] } = await logs.send(new DescribeLogGroupsCommand({}));
  for (const g of logGroups) {
    lines.push(`log group ${g.logGroupName} ${g.creationTime}`);
    const { logStreams = [] } = await logs.send(
      new DescribeLogStreamsCommand({ logGroupName: g.logGroupName }),
    );
    for (const st of logStreams) lines.push(`log stream ${st.logStreamName} ${st.creationTime}`);
  }
  const s3 = new S3Client(client);
  const { Buckets = [] } = await s3.send(new ListBucketsCommand({}));
  for (const b of Buckets) lines.push(`bucket ${b.Name} ${b.CreationDate?.toISOString()}`);
  for (const c of [route53, iam, ses, firehose, logs, s3]) c.destroy();
  return lines.sort();
}

/** The listing of the hub account and of every account of `input` (ids as seeded). */
export async function listEverything(endpoint: string, input: ConfigInput): Promise<Inventory> {
  const listing: Inventory = { hub: await hubListing(endpoint, input.smtpHubs[0]) };
  for (const account of input.accounts)
    listing[account.name] = await accountListing(endpoint, account);
  return listing;
}
