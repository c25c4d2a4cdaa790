/**
 * Read-only discovery of what already exists, for `npm run adopt`: in the shared account, for the
 * email-smtp endpoint of the hub VPC and (when the hub's `apiEndpoint` is enabled) the email (SES
 * API) one alike, the endpoint, its security groups and rules, the private zone by name, its apex
 * alias and its association authorizations; in each resource account the zone associations of
 * its VPC and the tutorial's resources by their configured names. Only Describe,
 * List and Get calls, with each account's configured role (as the stacks' providers assume it).
 */
import {
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcEndpointsCommand,
  EC2Client,
  SecurityGroupIdentifier,
} from "@aws-sdk/client-ec2";
import {
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeDeliveryStreamCommand, FirehoseClient } from "@aws-sdk/client-firehose";
import { GetRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import {
  GetHostedZoneCommand,
  ListHostedZonesByNameCommand,
  ListHostedZonesByVPCCommand,
  ListResourceRecordSetsCommand,
  ListVPCAssociationAuthorizationsCommand,
  Route53Client,
  VPCRegion,
} from "@aws-sdk/client-route-53";
import { HeadBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { DescribeConfigurationSetCommand, SESClient } from "@aws-sdk/client-ses";
import { GetEmailIdentityCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { AccountAdoptConfig, HubAdoptConfig } from "../config/adopt-schema";
import { usesHubApiEndpoint } from "../config/api-endpoint-checks";
import type { AccountConfig, SmtpHubConfig } from "../config/schema";
import { defaultEventBucketName } from "../constructs/ses-event-publishing";
import { recordId } from "../private/adopt-ids";
import { SES_ENDPOINT_SERVICES, SesEndpointKind, SesEndpointService } from "../private/ses-facts";
import { definedOnly } from "../private/validation";
import {
  AdoptedGroups,
  adoptGroupsAndRules,
  allPages,
  liveEndpoint,
  SoughtEndpoint,
  soughtEndpoint,
  zoneAssociation,
} from "./matching";

/** What discovery found for one hub or account, and what it saw but will not adopt. */
export interface Found<T> {
  readonly adopt: T;
  readonly notes: string[];
  /**
   * Ordinary settings beside `adopt` that keep what cannot change in place (a hub's
   * `securityGroups`: each adopted group's name and description); they stay after the adopt
   * entries are removed.
   */
  readonly settings?: Partial<Pick<SmtpHubConfig, "securityGroups">>;
}

/** SDK client settings for one account: its region and, with a role, that role's credentials. */
interface ClientConfig {
  readonly region: string;
  readonly credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** S3 path-style addressing, for endpoints given by IP (AWS_ENDPOINT_URL of an emulator). */
  readonly forcePathStyle?: boolean;
}

async function clientConfig(region: string, roleArn?: string): Promise<ClientConfig> {
  const forcePathStyle = process.env.AWS_ENDPOINT_URL ? true : undefined;
  if (!roleArn) return { region, forcePathStyle };
  const sts = new STSClient({ region });
  try {
    const { Credentials } = await sts.send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "ses-adopt-discovery" }),
    );
    return {
      region,
      forcePathStyle,
      credentials: {
        accessKeyId: Credentials!.AccessKeyId!,
        secretAccessKey: Credentials!.SecretAccessKey!,
        sessionToken: Credentials!.SessionToken,
      },
    };
  } finally {
    sts.destroy();
  }
}

/** AWS's "no such thing" answers, which discovery reports as not found. */
const NOT_FOUND =
  /NotFound|NoSuch|DoesNotExist|ResourceNotFound|InvalidVpcEndpointId|InvalidGroup|^NotFound$/;

async function orMissing<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (NOT_FOUND.test(e.name ?? "") || e.$metadata?.httpStatusCode === 404) return undefined;
    throw error;
  }
}

/** What discovery found in a hub: its SMTP endpoint and, when the hub offers it, its API endpoint. */
export interface FoundHub {
  /** For `smtpHubs[].adopt` (and the hub's `securityGroups`). */
  readonly smtp: Found<HubAdoptConfig>;
  /** For `smtpHubs[].apiEndpoint.adopt` (and `apiEndpoint.securityGroups`). */
  readonly api?: Found<HubAdoptConfig>;
}

/**
 * The shared account's endpoints: the SMTP one, and the API one when the hub's `apiEndpoint` is
 * enabled; `clients` are the hub region's accounts with `smtp`.
 */
export async function discoverHub(
  hub: SmtpHubConfig,
  clients: readonly AccountConfig[],
): Promise<FoundHub> {
  const config = await clientConfig(hub.region, hub.roleArn);
  const aws = { ec2: new EC2Client(config), route53: new Route53Client(config) };
  try {
    const smtp = await discoverEndpoint(aws, hub, soughtEndpoint(hub, clients, "smtp"));
    if (!hub.apiEndpoint?.enabled) return { smtp };
    return { smtp, api: await discoverEndpoint(aws, hub, soughtEndpoint(hub, clients, "api")) };
  } finally {
    aws.ec2.destroy();
    aws.route53.destroy();
  }
}

interface HubClients {
  readonly ec2: EC2Client;
  readonly route53: Route53Client;
}

/** One endpoint's interface endpoint, groups, rules, zone, apex alias and authorizations. */
async function discoverEndpoint(
  { ec2, route53 }: HubClients,
  hub: SmtpHubConfig,
  sought: SoughtEndpoint,
): Promise<Found<HubAdoptConfig>> {
  const notes: string[] = [];
  const endpoint = await findEndpoint(ec2, hub, sought.service, notes);
  const { securityGroups, ingressRules } = await findGroups(
    ec2,
    sought,
    endpoint?.Groups ?? [],
    notes,
  );
  const host = sought.service.host(hub.region);
  const zone = await findZone(route53, hub, host, notes);
  let apexRecord: string | undefined;
  let authorizations: string[] = [];
  if (zone) {
    const { ResourceRecordSets } = await route53.send(
      new ListResourceRecordSetsCommand({
        HostedZoneId: zone,
        StartRecordName: host,
        StartRecordType: "A",
        MaxItems: 1,
      }),
    );
    const apex = ResourceRecordSets?.[0];
    if (apex?.Type === "A" && apex.Name?.replace(/\.$/, "") === host)
      apexRecord = recordId(zone, host);
    authorizations = await findAuthorizations(route53, zone, sought.clients, notes);
  }
  return {
    settings: definedOnly({
      securityGroups: nonEmpty(await groupIdentities(ec2, securityGroups)),
    }),
    adopt: definedOnly({
      vpcEndpoint: endpoint?.VpcEndpointId,
      securityGroups: nonEmpty(securityGroups),
      ingressRules: nonEmpty(ingressRules),
      privateHostedZone: zone,
      apexRecord,
      authorizations: nonEmpty(authorizations),
    }),
    notes,
  };
}

async function findEndpoint(
  ec2: EC2Client,
  hub: SmtpHubConfig,
  service: SesEndpointService,
  notes: string[],
) {
  const serviceName = `com.amazonaws.${hub.region}.${service.service}`;
  const { VpcEndpoints = [] } = await ec2.send(
    new DescribeVpcEndpointsCommand({
      Filters: [
        { Name: "vpc-id", Values: [hub.vpcId] },
        { Name: "service-name", Values: [serviceName] },
      ],
    }),
  );
  return liveEndpoint(VpcEndpoints, serviceName, hub.vpcId, notes);
}

/** The endpoint's groups and rules to adopt (see adoptGroupsAndRules). */
async function findGroups(
  ec2: EC2Client,
  sought: SoughtEndpoint,
  groups: SecurityGroupIdentifier[],
  notes: string[],
): Promise<AdoptedGroups> {
  if (groups.length === 0) return { securityGroups: [], ingressRules: [] };
  const rules = await allPages(async (token) => {
    const page = await ec2.send(
      new DescribeSecurityGroupRulesCommand({
        Filters: [{ Name: "group-id", Values: groups.map((g) => g.GroupId!) }],
        NextToken: token,
      }),
    );
    return { items: page.SecurityGroupRules, next: page.NextToken };
  });
  return adoptGroupsAndRules(sought, groups, rules, notes);
}

/** The name and description of each adopted group, in shard order (the hub's `securityGroups`). */
async function groupIdentities(ec2: EC2Client, ids: string[]) {
  if (ids.length === 0) return [];
  const { SecurityGroups = [] } = await ec2.send(
    new DescribeSecurityGroupsCommand({ GroupIds: ids }),
  );
  return ids.map((id) => {
    const group = SecurityGroups.find((g) => g.GroupId === id)!;
    return { name: group.GroupName!, description: group.Description ?? "" };
  });
}

/** The private zone of the SES host name that the hub VPC is associated with. */
async function findZone(
  route53: Route53Client,
  hub: SmtpHubConfig,
  host: string,
  notes: string[],
): Promise<string | undefined> {
  const { HostedZones = [] } = await route53.send(
    new ListHostedZonesByNameCommand({ DNSName: host }),
  );
  const named = HostedZones.filter((z) => z.Name?.replace(/\.$/, "") === host);
  for (const zone of named.filter((z) => z.Config?.PrivateZone)) {
    const id = zone.Id!.replace("/hostedzone/", "");
    const { VPCs = [] } = await route53.send(new GetHostedZoneCommand({ Id: id }));
    if (VPCs.some((v) => v.VPCId === hub.vpcId)) return id;
    notes.push(`private zone ${id} (${host}) is not associated with ${hub.vpcId}: not adopted`);
  }
  notes.push(`no private ${host} zone associated with ${hub.vpcId}: one will be created`);
  return undefined;
}

async function findAuthorizations(
  route53: Route53Client,
  zone: string,
  clients: readonly AccountConfig[],
  notes: string[],
): Promise<string[]> {
  const VPCs = await allPages(async (token) => {
    const page = await route53.send(
      new ListVPCAssociationAuthorizationsCommand({ HostedZoneId: zone, NextToken: token }),
    );
    return { items: page.VPCs, next: page.NextToken };
  });
  const found: string[] = [];
  for (const vpc of VPCs) {
    if (clients.some((a) => a.smtp?.vpcId === vpc.VPCId)) found.push(`${zone}:${vpc.VPCId}`);
    else
      notes.push(
        `authorization of ${vpc.VPCId} in ${zone}: no configured account has that VPC; it stays, unmanaged`,
      );
  }
  return found;
}

/**
 * An account's zone associations (with the API zone too when `hub`, its region's hub, offers one
 * that the account uses) and its tutorial-era resources, found by configured names.
 */
export async function discoverAccount(
  account: AccountConfig,
  hub?: SmtpHubConfig,
): Promise<Found<AccountAdoptConfig>> {
  const config = await clientConfig(account.region, account.roleArn);
  const notes: string[] = [];
  const adopt: Record<string, unknown> = {};
  if (account.smtp) Object.assign(adopt, await findAssociations(config, account, hub));
  const publishing = account.eventPublishing;
  if (publishing)
    Object.assign(
      adopt,
      await findEventPublishing(config, { ...account, eventPublishing: publishing }),
    );
  if (account.sending) {
    const sesv2 = new SESv2Client(config);
    const identity = await orMissing(
      sesv2.send(new GetEmailIdentityCommand({ EmailIdentity: account.sending.domain })),
    );
    sesv2.destroy();
    if (identity) adopt.identity = account.sending.domain;
  }
  return { adopt: definedOnly(adopt) as AccountAdoptConfig, notes };
}

/** `zoneAssociation`, and `apiZoneAssociation` when the account uses its hub's API endpoint. */
async function findAssociations(
  config: ClientConfig,
  account: AccountConfig,
  hub: SmtpHubConfig | undefined,
): Promise<Pick<AccountAdoptConfig, "zoneAssociation" | "apiZoneAssociation">> {
  const vpcId = account.smtp!.vpcId;
  const route53 = new Route53Client(config);
  try {
    const { HostedZoneSummaries = [] } = await route53.send(
      new ListHostedZonesByVPCCommand({ VPCId: vpcId, VPCRegion: account.region as VPCRegion }),
    );
    const association = (kind: SesEndpointKind) =>
      zoneAssociation(HostedZoneSummaries, SES_ENDPOINT_SERVICES[kind].host(account.region), vpcId);
    const usesApi = usesHubApiEndpoint(account, hub);
    return {
      zoneAssociation: association("smtp"),
      apiZoneAssociation: usesApi ? association("api") : undefined,
    };
  } finally {
    route53.destroy();
  }
}

type Publishing = NonNullable<AccountConfig["eventPublishing"]>;

/** The configured sets and destinations that exist, and the Firehose pipeline if one is used. */
async function findEventPublishing(
  config: ClientConfig,
  account: AccountConfig & { eventPublishing: Publishing },
): Promise<Partial<AccountAdoptConfig>> {
  const publishing = account.eventPublishing;
  const ses = new SESClient(config);
  const configurationSets: string[] = [];
  const eventDestinations: string[] = [];
  for (const set of publishing.configurationSets) {
    const found = await orMissing(
      ses.send(
        new DescribeConfigurationSetCommand({
          ConfigurationSetName: set.name,
          ConfigurationSetAttributeNames: ["eventDestinations"],
        }),
      ),
    );
    if (!found) continue;
    configurationSets.push(set.name);
    const existing = new Set(found.EventDestinations?.map((d) => d.Name));
    for (const d of set.eventDestinations)
      if (existing.has(d.name)) eventDestinations.push(`${set.name}/${d.name}`);
  }
  ses.destroy();
  const usesFirehose = publishing.configurationSets.some((s) =>
    s.eventDestinations.some((d) => d.firehose),
  );
  return {
    configurationSets: nonEmpty(configurationSets),
    eventDestinations: nonEmpty(eventDestinations),
    ...(usesFirehose
      ? await findFirehosePipeline(
          config,
          publishing,
          publishing.bucket.name ?? defaultEventBucketName(account.accountId, account.region),
        )
      : {}),
  };
}

/** The stream, bucket, roles and logs of the Firehose pipeline, by their configured names. */
async function findFirehosePipeline(
  config: ClientConfig,
  publishing: Publishing,
  bucket: string,
): Promise<Partial<AccountAdoptConfig>> {
  const firehose = new FirehoseClient(config);
  const iam = new IAMClient(config);
  const s3 = new S3Client(config);
  const logs = new CloudWatchLogsClient(config);
  try {
    const { deliveryStream: stream, logs: logConfig } = publishing;
    const described = await orMissing(
      firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: stream.name })),
    );
    const role = async (name: string) =>
      (await orMissing(iam.send(new GetRoleCommand({ RoleName: name })))) ? name : undefined;
    const group = logConfig.groupName;
    const { logGroups = [] } = await logs.send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: group }),
    );
    const hasGroup = logGroups.some((g) => g.logGroupName === group);
    const streams = hasGroup
      ? ((
          await logs.send(
            new DescribeLogStreamsCommand({
              logGroupName: group,
              logStreamNamePrefix: logConfig.streamName,
            }),
          )
        ).logStreams ?? [])
      : [];
    return {
      deliveryStream: described?.DeliveryStreamDescription?.DeliveryStreamARN,
      bucket: (await orMissing(s3.send(new HeadBucketCommand({ Bucket: bucket }))))
        ? bucket
        : undefined,
      sesRole: await role(publishing.sesRoleName),
      firehoseRole: await role(stream.roleName),
      logGroup: hasGroup ? group : undefined,
      logStream: streams.some((s) => s.logStreamName === logConfig.streamName)
        ? `${group}:${logConfig.streamName}`
        : undefined,
    };
  } finally {
    for (const client of [firehose, iam, s3, logs]) client.destroy();
  }
}

function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}
