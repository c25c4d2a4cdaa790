/**
 * Reads back from the emulator what the stacks created, as each owning account sees it, and
 * lists what is left of ours after a destroy.
 */
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
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
  PutRecordCommand,
} from "@aws-sdk/client-firehose";
import {
  IAMClient,
  ListGroupsCommand,
  ListRolesCommand,
  ListUsersCommand,
} from "@aws-sdk/client-iam";
import {
  AssociateVPCWithHostedZoneCommand,
  GetHostedZoneCommand,
  ListHostedZonesByNameCommand,
  ListHostedZonesCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
  VPCRegion,
} from "@aws-sdk/client-route-53";
import {
  DeleteObjectsCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  ListObjectVersionsCommand,
  ListObjectsV2Command,
  S3Client,
} from "@aws-sdk/client-s3";
import {
  GetSecretValueCommand,
  ListSecretsCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { DescribeConfigurationSetCommand, SESClient } from "@aws-sdk/client-ses";
import { ListTopicsCommand, SNSClient } from "@aws-sdk/client-sns";
import { AccountClientConfig, accountClientConfig } from "./accounts";

/** One account and region of the emulator. */
export class EmulatedAccount {
  private constructor(
    private readonly client: AccountClientConfig,
    private readonly accountId: string,
  ) {}

  static async open(endpoint: string, accountId: string, region: string) {
    return new EmulatedAccount(await accountClientConfig(endpoint, accountId, region), accountId);
  }

  /**
   * A Query-protocol call, for the listings where this SDK speaks a newer JSON protocol that moto's
   * (Debian 12) API models lack (CloudWatch, SES v1 lists). The account is named with moto's
   * documented `x-moto-account-id` header; moto reads service and region from the credential
   * scope. Returns every value of `element` in the XML answer.
   */
  private async queryList(scope: string, action: string, version: string, element: string) {
    const { endpoint, region } = this.client;
    const response = await fetch(endpoint, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-moto-account-id": this.accountId,
        authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/${region}/${scope}/aws4_request, SignedHeaders=host, Signature=0`,
      },
      body: `Action=${action}&Version=${version}`,
    });
    const xml = await response.text();
    if (!response.ok) throw new Error(`${action} failed: ${xml}`);
    return [...xml.matchAll(new RegExp(`<${element}>([^<]+)</${element}>`, "g"))].map((m) => m[1]);
  }

  private async use<C extends { destroy(): void }, R>(
    Client: new (config: AccountClientConfig) => C,
    read: (client: C) => Promise<R>,
  ): Promise<R> {
    const client = new Client(this.client);
    try {
      return await read(client);
    } finally {
      client.destroy();
    }
  }

  /** The private zone by name: whether it is private and the VPCs associated with it. */
  privateZone(name: string) {
    return this.use(Route53Client, async (route53) => {
      const { HostedZones } = await route53.send(
        new ListHostedZonesByNameCommand({ DNSName: name }),
      );
      const zone = HostedZones!.find((z) => z.Name === `${name}.`);
      if (!zone) return undefined;
      const { HostedZone, VPCs } = await route53.send(new GetHostedZoneCommand({ Id: zone.Id }));
      const { ResourceRecordSets } = await route53.send(
        new ListResourceRecordSetsCommand({ HostedZoneId: zone.Id }),
      );
      return {
        id: zone.Id!.replace("/hostedzone/", ""),
        private: HostedZone!.Config!.PrivateZone,
        vpcIds: (VPCs ?? []).map((v) => v.VPCId!).sort(),
        apexAlias: ResourceRecordSets!.find((r) => r.Name === `${name}.` && r.Type === "A")
          ?.AliasTarget?.DNSName,
      };
    });
  }

  /** AssociateVPCWithHostedZone from this account (the VPC's owner), as the account stack does. */
  associateVpc(zoneId: string, vpcId: string) {
    return this.use(Route53Client, (route53) =>
      route53.send(
        new AssociateVPCWithHostedZoneCommand({
          HostedZoneId: zoneId,
          VPC: { VPCId: vpcId, VPCRegion: this.client.region as VPCRegion },
        }),
      ),
    );
  }

  /**
   * The interface endpoint of an SES service (`email-smtp`, or `email` for the API) in a VPC: its
   * service, DNS name, and `cidr:port` of every ingress rule on its security groups.
   */
  smtpEndpoint(vpcId: string, service: "email-smtp" | "email" = "email-smtp") {
    return this.use(EC2Client, async (ec2) => {
      const { VpcEndpoints } = await ec2.send(
        new DescribeVpcEndpointsCommand({ Filters: [{ Name: "vpc-id", Values: [vpcId] }] }),
      );
      const endpoint = VpcEndpoints!.find((e) => e.ServiceName?.endsWith(`.${service}`))!;
      const groupIds = endpoint.Groups!.map((g) => g.GroupId!);
      const { SecurityGroupRules } = await ec2.send(
        new DescribeSecurityGroupRulesCommand({
          Filters: [{ Name: "group-id", Values: groupIds }],
        }),
      );
      return {
        serviceName: endpoint.ServiceName,
        groupIds,
        dnsName: endpoint.DnsEntries![0].DnsName,
        privateDnsEnabled: endpoint.PrivateDnsEnabled,
        rules: SecurityGroupRules!
          .filter((r) => !r.IsEgress)
          .map((r) => `${r.CidrIpv4}:${r.FromPort}-${r.ToPort}`)
          .sort(),
        egress: SecurityGroupRules!.filter((r) => r.IsEgress).length,
      };
    });
  }

  /** Every event destination of a configuration set. */
  eventDestinations(configurationSetName: string) {
    return this.use(SESClient, async (ses) => {
      const { EventDestinations } = await ses.send(
        new DescribeConfigurationSetCommand({
          ConfigurationSetName: configurationSetName,
          ConfigurationSetAttributeNames: ["eventDestinations"],
        }),
      );
      return EventDestinations ?? [];
    });
  }

  deliveryStream(name: string) {
    return this.use(FirehoseClient, async (firehose) => {
      const { DeliveryStreamDescription } = await firehose.send(
        new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }),
      );
      return DeliveryStreamDescription!;
    });
  }

  /** Puts one event record on a delivery stream (moto delivers it to S3 at once). */
  putEvent(streamName: string, event: object) {
    return this.use(FirehoseClient, (firehose) =>
      firehose.send(
        new PutRecordCommand({
          DeliveryStreamName: streamName,
          Record: { Data: Buffer.from(JSON.stringify(event)) },
        }),
      ),
    );
  }

  objectKeys(bucket: string) {
    return this.use(S3Client, async (s3) => {
      const { Contents } = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
      return (Contents ?? []).map((o) => o.Key!);
    });
  }

  /** What protects a bucket: its policy's statement ids, public access block, encryption, versioning, lifecycle rules, ownership. */
  bucketProtections(bucket: string) {
    return this.use(S3Client, async (s3) => {
      const Bucket = bucket;
      const policy = await s3.send(new GetBucketPolicyCommand({ Bucket }));
      const block = await s3.send(new GetPublicAccessBlockCommand({ Bucket }));
      const encryption = await s3.send(new GetBucketEncryptionCommand({ Bucket }));
      const versioning = await s3.send(new GetBucketVersioningCommand({ Bucket }));
      const lifecycle = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket }));
      const ownership = await s3.send(new GetBucketOwnershipControlsCommand({ Bucket }));
      return {
        policy: JSON.parse(policy.Policy!).Statement.map((st: { Sid: string }) => st.Sid),
        publicAccessBlock: block.PublicAccessBlockConfiguration,
        encryption: encryption.ServerSideEncryptionConfiguration?.Rules?.map(
          (r) => r.ApplyServerSideEncryptionByDefault?.SSEAlgorithm,
        ),
        versioning: versioning.Status,
        lifecycle: lifecycle.Rules?.map((r) => r.ID),
        ownership: ownership.OwnershipControls?.Rules?.map((r) => r.ObjectOwnership),
      };
    });
  }

  /** Deletes every object version, as a user empties the bucket before a destroy. */
  emptyBucket(bucket: string) {
    return this.use(S3Client, async (s3) => {
      const { Versions = [], DeleteMarkers = [] } = await s3.send(
        new ListObjectVersionsCommand({ Bucket: bucket }),
      );
      const objects = [...Versions, ...DeleteMarkers].map((v) => ({
        Key: v.Key!,
        VersionId: v.VersionId,
      }));
      if (objects.length > 0) {
        await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects } }));
      }
    });
  }

  secretString(secretId: string) {
    return this.use(SecretsManagerClient, async (sm) => {
      const { SecretString } = await sm.send(new GetSecretValueCommand({ SecretId: secretId }));
      return SecretString!;
    });
  }

  /**
   * What is left in this account and region, per service: everything the stacks can create
   * (public zones the test created itself are left out by name).
   */
  leftovers(keepZones: string[] = []) {
    const lists: Record<string, () => Promise<string[]>> = {
      "iam roles": () =>
        this.use(IAMClient, async (c) =>
          ((await c.send(new ListRolesCommand({}))).Roles ?? []).map((r) => r.RoleName!),
        ),
      "iam users": () =>
        this.use(IAMClient, async (c) =>
          ((await c.send(new ListUsersCommand({}))).Users ?? []).map((u) => u.UserName!),
        ),
      "iam groups": () =>
        this.use(IAMClient, async (c) =>
          ((await c.send(new ListGroupsCommand({}))).Groups ?? []).map((g) => g.GroupName!),
        ),
      "s3 buckets": () =>
        this.use(S3Client, async (c) =>
          ((await c.send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name!),
        ),
      "firehose streams": () =>
        this.use(
          FirehoseClient,
          async (c) => (await c.send(new ListDeliveryStreamsCommand({}))).DeliveryStreamNames ?? [],
        ),
      "ses configuration sets": () =>
        this.queryList("ses", "ListConfigurationSets", "2010-12-01", "Name"),
      // SES v1 and v2 share identities.
      "ses identities": () => this.queryList("ses", "ListIdentities", "2010-12-01", "member"),
      "sns topics": () =>
        this.use(SNSClient, async (c) =>
          ((await c.send(new ListTopicsCommand({}))).Topics ?? []).map((t) => t.TopicArn!),
        ),
      secrets: () =>
        this.use(SecretsManagerClient, async (c) =>
          ((await c.send(new ListSecretsCommand({}))).SecretList ?? []).map((s) => s.Name!),
        ),
      "log groups": () =>
        this.use(CloudWatchLogsClient, async (c) =>
          ((await c.send(new DescribeLogGroupsCommand({}))).logGroups ?? []).map(
            (g) => g.logGroupName!,
          ),
        ),
      alarms: () => this.queryList("monitoring", "DescribeAlarms", "2010-08-01", "AlarmName"),
      "hosted zones": () =>
        this.use(Route53Client, async (c) =>
          ((await c.send(new ListHostedZonesCommand({}))).HostedZones ?? [])
            .map((z) => z.Name!.replace(/\.$/, ""))
            .filter((name) => !keepZones.includes(name)),
        ),
      // A deleted endpoint stays listed for a while, in state "deleted" (as in AWS).
      "vpc endpoints": () =>
        this.use(EC2Client, async (c) =>
          ((await c.send(new DescribeVpcEndpointsCommand({}))).VpcEndpoints ?? [])
            .filter((e) => e.State?.toLowerCase() !== "deleted")
            .map((e) => e.VpcEndpointId!),
        ),
      "security groups": () =>
        this.use(EC2Client, async (c) =>
          ((await c.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups ?? [])
            .filter((g) => g.GroupName !== "default")
            .map((g) => g.GroupName!),
        ),
    };
    return Promise.all(
      Object.entries(lists).map(async ([what, list]) => [what, await list()] as const),
    ).then((entries) => Object.fromEntries(entries.filter(([, names]) => names.length > 0)));
  }
}
