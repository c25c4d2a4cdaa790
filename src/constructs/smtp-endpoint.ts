import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53VpcAssociationAuthorization } from "@cdktf/provider-aws/lib/route53-vpc-association-authorization";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Annotations } from "cdktf";
import { Construct } from "constructs";
import { named, resourceAddress } from "../private/addresses";
import { DEFAULT_QUOTAS, ID_RULES, RULES, SMTP_PORTS, SmtpPort } from "../private/aws-facts";
import { clientCidrProblem } from "../private/value-problems";
import { check, checkOneOf, checkUnique, show } from "../private/validation";
import { DEFAULT_SMTP_PORT, sesSmtpHost } from "../private/ses-facts";
import { SecurityGroupQuotas, placeRules } from "../private/security-group-shards";

/** The Terraform name of the endpoint, its zone, the zone's apex record and security groups. */
const ENDPOINT_NAME = "email-smtp";

/** The addresses SmtpEndpoint gives its resources (those `adopt` can import into). */
export const SMTP_ENDPOINT_ADDRESSES = {
  vpcEndpoint: resourceAddress(VpcEndpoint, ENDPOINT_NAME),
  privateHostedZone: resourceAddress(Route53Zone, ENDPOINT_NAME),
  apexRecord: resourceAddress(Route53Record, ENDPOINT_NAME),
  /** The security group of a shard (0 is the first). */
  securityGroup: (shard: number) => resourceAddress(SecurityGroup, ENDPOINT_NAME, shard),
  /** An ingress rule, keyed by the client account's name, the CIDR and the port. */
  ingressRule: (rule: { account: string; cidr: string; port: number }) =>
    resourceAddress(VpcSecurityGroupIngressRule, rule.account, rule.cidr, rule.port),
  /** The authorization of a client account's VPC, keyed by the account's name. */
  authorization: (clientName: string) =>
    resourceAddress(Route53VpcAssociationAuthorization, clientName),
} as const;

/** A resource account whose applications use the shared endpoint. */
export interface SmtpClientAccount {
  /** Account name: keys the account's rules and authorization, so list order never matters. */
  readonly name: string;
  /** The account's 12-digit id, named in rule descriptions. */
  readonly accountId: string;
  /** The account's VPC, authorized to associate with the private hosted zone. */
  readonly vpcId: string;
  /** The VPC's CIDR blocks, allowed to reach the SMTP ports. */
  readonly cidrs: readonly string[];
}

/** The name and description a security group already has: AWS cannot change either in place. */
export interface SecurityGroupIdentity {
  /** The group's name (`GroupName`). */
  readonly name: string;
  /** The group's description, exactly as AWS has it. */
  readonly description: string;
}

export interface SmtpEndpointProps {
  /** The AWS provider of the shared (hub) account. */
  readonly hubProvider: AwsProvider;
  /** The region of the endpoint and of SES. */
  readonly region: string;
  /** The shared account's VPC. */
  readonly vpcId: string;
  /** One subnet per Availability Zone; two or more avoid a single point of failure. */
  readonly subnetIds: readonly string[];
  /**
   * SMTP ports the accounts may reach (any of 25, 465, 587, 2465, 2587).
   * @default [587]
   */
  readonly ports?: readonly SmtpPort[];
  /** The resource accounts that use the endpoint. */
  readonly clients: readonly SmtpClientAccount[];
  /**
   * Security group quotas of the shared account.
   * @default - AWS's defaults: 60 inbound rules per group, 5 groups per network interface
   */
  readonly quotas?: SecurityGroupQuotas;
  /**
   * The names and descriptions of existing (adopted) security groups, by shard: the first is
   * shard 0's. A group listed here is named and described exactly so, for good, since a
   * different name or description would replace it.
   * @default - every group gets the name prefix `ses-smtp-endpoint-<region>-<shard>-` and the description `SES SMTP interface endpoint: SMTP from resource accounts`
   */
  readonly existingSecurityGroups?: readonly SecurityGroupIdentity[];
}

export { sesSmtpHost } from "../private/ses-facts";

/**
 * Defaults of the optional props: port 587 and AWS's default quotas; the configuration schema
 * uses them too.
 */
export const SMTP_ENDPOINT_DEFAULTS = {
  ports: [DEFAULT_SMTP_PORT] as readonly SmtpPort[],
  quotas: DEFAULT_QUOTAS,
} as const satisfies Partial<SmtpEndpointProps>;

/**
 * The shared account's side of one SES SMTP endpoint for many accounts: security groups with one
 * ingress rule per client CIDR × port (sharded over as many groups as the quota requires), an
 * `email-smtp` interface endpoint with private DNS off, a private hosted zone named exactly
 * `email-smtp.<region>.amazonaws.com` with an apex alias to the endpoint, and for each client
 * account a VPC association authorization (the zone owner's half of the two-step association).
 *
 * Emits `aws_security_group`, `aws_vpc_security_group_ingress_rule`, `aws_vpc_endpoint`,
 * `aws_route53_zone`, `aws_route53_record` and `aws_route53_vpc_association_authorization`.
 * Addresses: endpoint, zone and apex record `.email-smtp`, groups `.email-smtp_<shard>`, rules
 * `.<account>_<cidr>_<port>` (dots and slash as dashes), authorizations `.<account>`.
 */
export class SmtpEndpoint extends Construct {
  public readonly vpcEndpoint: VpcEndpoint;
  public readonly vpcEndpointId: string;
  public readonly privateHostedZone: Route53Zone;
  public readonly privateHostedZoneId: string;
  public readonly securityGroups: SecurityGroup[];
  public readonly securityGroupIds: string[];
  /** The host name applications connect to. */
  public readonly smtpHost: string;
  /** The authorizations, by client account name. */
  public readonly authorizations: Record<string, Route53VpcAssociationAuthorization> = {};

  constructor(scope: Construct, id: string, props: SmtpEndpointProps) {
    super(scope, id);
    validate(props);
    const provider = props.hubProvider;
    const ports = props.ports ?? SMTP_ENDPOINT_DEFAULTS.ports;
    this.smtpHost = sesSmtpHost(props.region);
    this.securityGroups = this.addSecurityGroups(props, ports);
    this.securityGroupIds = this.securityGroups.map((group) => group.id);
    if (props.subnetIds.length === 1) {
      Annotations.of(this).addWarning(
        `The SMTP endpoint in ${props.region} has one subnet (${props.subnetIds[0]}): one Availability Zone is a single point of failure; list a subnet in a second zone.`,
      );
    }
    this.vpcEndpoint = new VpcEndpoint(this, "endpoint", {
      provider,
      vpcId: props.vpcId,
      serviceName: `com.amazonaws.${props.region}.email-smtp`,
      vpcEndpointType: "Interface",
      privateDnsEnabled: false,
      subnetIds: [...props.subnetIds],
      securityGroupIds: this.securityGroupIds,
      tags: { Name: `ses-smtp-${props.region}` },
    });
    named(this.vpcEndpoint, ENDPOINT_NAME);
    this.vpcEndpointId = this.vpcEndpoint.id;
    this.privateHostedZone = new Route53Zone(this, "zone", {
      provider,
      name: this.smtpHost,
      comment: "Resolves the SES SMTP endpoint to the shared interface endpoint.",
      vpc: [{ vpcId: props.vpcId, vpcRegion: props.region }],
      // Client VPCs are associated by their own accounts; do not fight over them.
      lifecycle: { ignoreChanges: ["vpc"] },
    });
    named(this.privateHostedZone, ENDPOINT_NAME);
    this.privateHostedZoneId = this.privateHostedZone.zoneId;
    const apexAlias = new Route53Record(this, "apex-alias", {
      provider,
      zoneId: this.privateHostedZone.zoneId,
      name: this.smtpHost,
      type: "A",
      alias: {
        name: this.vpcEndpoint.dnsEntry.get(0).dnsName,
        zoneId: this.vpcEndpoint.dnsEntry.get(0).hostedZoneId,
        evaluateTargetHealth: true,
      },
    });
    named(apexAlias, ENDPOINT_NAME);
    for (const client of props.clients) {
      const authorization = new Route53VpcAssociationAuthorization(
        this,
        `authorization-${client.name}`,
        {
          provider,
          zoneId: this.privateHostedZone.zoneId,
          vpcId: client.vpcId,
          vpcRegion: props.region,
        },
      );
      this.authorizations[client.name] = named(authorization, client.name);
    }
  }

  private addSecurityGroups(props: SmtpEndpointProps, ports: readonly number[]): SecurityGroup[] {
    const placement = placeRules(
      props.clients,
      ports,
      props.quotas ?? SMTP_ENDPOINT_DEFAULTS.quotas,
    );
    const groups = Array.from({ length: placement.groups }, (_, shard) =>
      named(
        new SecurityGroup(this, `security-group-${shard}`, {
          provider: props.hubProvider,
          ...groupIdentity(props, shard),
          vpcId: props.vpcId,
          // No egress rules: the endpoint only answers connections, which security groups allow
          // statefully. Managed as an empty list, so egress added by hand (or kept by an adopted
          // group) shows in the plan and is removed.
          egress: [],
          tags: { Name: `ses-smtp-endpoint-${props.region}-${shard}` },
          lifecycle: { createBeforeDestroy: true },
        }),
        ENDPOINT_NAME,
        shard,
      ),
    );
    const accountIds = new Map(props.clients.map((c) => [c.name, c.accountId]));
    for (const rule of placement.rules) {
      const id = `ingress-${rule.account}-${rule.cidr.replace(/[./]/g, "-")}-${rule.port}`;
      const ingress = new VpcSecurityGroupIngressRule(this, id, {
        provider: props.hubProvider,
        securityGroupId: groups[rule.shard].id,
        description: `SMTP ${rule.port} from account ${rule.account} (${accountIds.get(rule.account)})`,
        cidrIpv4: rule.cidr,
        ipProtocol: "tcp",
        fromPort: rule.port,
        toPort: rule.port,
        // A rule that moves to another group is created there before it is removed here.
        lifecycle: { createBeforeDestroy: true },
      });
      named(ingress, rule.account, rule.cidr, rule.port);
    }
    return groups;
  }
}

/**
 * An existing group's own name and description (kept for good: either would replace it), or a
 * prefix and a constant description: adding a group never replaces another, and a replacement
 * (create before destroy) never collides with the old name.
 */
function groupIdentity(
  props: SmtpEndpointProps,
  shard: number,
): { name: string; description: string } | { namePrefix: string; description: string } {
  const existing = props.existingSecurityGroups?.[shard];
  if (existing) return { name: existing.name, description: existing.description };
  return {
    namePrefix: `ses-smtp-endpoint-${props.region}-${shard}-`,
    description: "SES SMTP interface endpoint: SMTP from resource accounts",
  };
}

function validate(props: SmtpEndpointProps): void {
  check("region", props.region, RULES.region);
  check("vpcId", props.vpcId, ID_RULES.vpcId);
  if (props.subnetIds.length === 0) {
    throw new Error(
      "subnetIds must list at least one subnet (one per Availability Zone); got none.",
    );
  }
  props.subnetIds.forEach((subnet, i) => check(`subnetIds[${i}]`, subnet, ID_RULES.subnetId));
  (props.existingSecurityGroups ?? []).forEach((group, i) => {
    check(`existingSecurityGroups[${i}].name`, group.name, ID_RULES.securityGroupName);
    check(
      `existingSecurityGroups[${i}].description`,
      group.description,
      ID_RULES.securityGroupDescription,
    );
  });
  (props.ports ?? []).forEach((port, i) => checkOneOf(`ports[${i}]`, port, SMTP_PORTS));
  props.clients.forEach((client, i) => {
    check(`clients[${i}].name`, client.name, RULES.accountName);
    check(`clients[${i}].vpcId`, client.vpcId, ID_RULES.vpcId);
    client.cidrs.forEach((cidr, j) => {
      const problem = clientCidrProblem(cidr);
      if (problem)
        throw new Error(`clients[${i}].cidrs[${j}] must be ${problem}; got ${show(cidr)}.`);
    });
  });
  checkUnique(
    "clients names",
    props.clients.map((c) => c.name),
    "among the endpoint's clients",
  );
}
