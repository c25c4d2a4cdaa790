/**
 * What a configuration only references must exist before its stacks apply: the hub VPC and its
 * subnets, each account's VPC, the public zone for DKIM records. `seedWorld` creates them in the
 * emulator with the SDK, in the account that owns each, and returns the configuration input with
 * their real ids in place of the example's.
 */
import {
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeAvailabilityZonesCommand,
  EC2Client,
} from "@aws-sdk/client-ec2";
import { CreateHostedZoneCommand, Route53Client } from "@aws-sdk/client-route-53";
import { accountClientConfig } from "./accounts";

/** A raw configuration input (as read from YAML), loosely typed: only ids are rewritten here. */
export type ConfigInput = Record<string, any>;

async function createVpc(ec2: EC2Client, cidr: string): Promise<string> {
  const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: cidr }));
  return Vpc!.VpcId!;
}

/** A VPC with one /24 subnet per configured subnet, each in its own Availability Zone. */
async function seedHub(endpoint: string, hub: ConfigInput, index: number): Promise<ConfigInput> {
  const ec2 = new EC2Client(await accountClientConfig(endpoint, hub.accountId, hub.region));
  const base = `10.${200 + index}`;
  const vpcId = await createVpc(ec2, `${base}.0.0/16`);
  const { AvailabilityZones } = await ec2.send(new DescribeAvailabilityZonesCommand({}));
  const subnetIds: string[] = [];
  for (const [i] of (hub.subnetIds as string[]).entries()) {
    const { Subnet } = await ec2.send(
      new CreateSubnetCommand({
        VpcId: vpcId,
        CidrBlock: `${base}.${i}.0/24`,
        AvailabilityZone: AvailabilityZones![i % AvailabilityZones!.length].ZoneName,
      }),
    );
    subnetIds.push(Subnet!.SubnetId!);
  }
  ec2.destroy();
  return { ...hub, vpcId, subnetIds };
}

/** The account's VPC (its first client CIDR) and the public zone its DKIM records go to. */
async function seedAccount(endpoint: string, account: ConfigInput): Promise<ConfigInput> {
  const client = await accountClientConfig(endpoint, account.accountId, account.region);
  let seeded = account;
  if (account.smtp) {
    const ec2 = new EC2Client(client);
    const vpcId = await createVpc(ec2, account.smtp.cidrs[0]);
    ec2.destroy();
    seeded = { ...seeded, smtp: { ...account.smtp, vpcId } };
  }
  if (account.sending?.publicZoneId) {
    const route53 = new Route53Client(client);
    const { HostedZone } = await route53.send(
      new CreateHostedZoneCommand({
        Name: account.sending.domain,
        CallerReference: `e2e-${account.name}`,
      }),
    );
    route53.destroy();
    const publicZoneId = HostedZone!.Id!.replace("/hostedzone/", "");
    seeded = { ...seeded, sending: { ...seeded.sending, publicZoneId } };
  }
  return seeded;
}

/** Creates everything `input` references and returns `input` with the emulator's ids. */
export async function seedWorld(endpoint: string, input: ConfigInput): Promise<ConfigInput> {
  const smtpHubs = [];
  for (const [i, hub] of (input.smtpHubs ?? []).entries()) {
    smtpHubs.push(await seedHub(endpoint, hub, i));
  }
  const accounts = [];
  for (const account of input.accounts) accounts.push(await seedAccount(endpoint, account));
  return { ...input, smtpHubs, accounts };
}
