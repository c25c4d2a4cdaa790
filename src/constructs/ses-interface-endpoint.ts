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
import { ID_RULES, RULES } from "../private/aws-facts";
import { clientCidrProblem } from "../private/value-problems";
import { check, checkUnique, show } from "../private/validation";
import { SesEndpointService } from "../private/ses-facts";
import { SecurityGroupQuotas, placeRules } from "../private/security-group-shards";

/**
 * The addresses an SES interface endpoint gives its resources (those `adopt` can import into):
 * endpoint, zone and apex record `<service>`, groups `<service>_<shard>`, rules and
 * authorizations keyed by account (after `prefix`, so two endpoints of a hub never share one).
 */
export function interfaceEndpointAddresses(
  service: SesEndpointService,
  prefix: readonly string[] = [],
) {
  const name = service.service;
  return {
    vpcEndpoint: resourceAddress(VpcEndpoint, name),
    privateHostedZone: resourceAddress(Route53Zone, name),
    apexRecord: resourceAddress(Route53Record, name),
    /** The security group of a shard (0 is the first). */
    securityGroup: (shard: number) => resourceAddress(SecurityGroup, name, shard),
    /** An ingress rule, keyed by the client account's name, the CIDR and the port. */
    ingressRule: (rule: { account: string; cidr: string; port: number }) =>
      resourceAddress(VpcSecurityGroupIngressRule, ...prefix, rule.account, rule.cidr, rule.port),
    /** The authorization of a client account's VPC, keyed by the account's name. */
    authorization: (clientName: string) =>
      resourceAddress(Route53VpcAssociationAuthorization, ...prefix, clientName),
  } as const;
}

/** A resource account whose applications use the shared endpoint. */
export interface SmtpClientAccount {
  /** Account name: keys the account's rules and authorization, so list order never matters. */
  readonly name: string;
  /** The account's 12-digit id, named in rule descriptions. */
  readonly accountId: string;
  /** The account's VPC, authorized to associate with the private hosted zone. */
  readonly vpcId: string;
  /** The VPC's CIDR blocks, allowed to reach the endpoint's ports. */
  readonly cidrs: readonly string[];
}

/** The name and description a security group already has: AWS cannot change either in place. */
export interface SecurityGroupIdentity {
  /** The group's name (`GroupName`). */
  readonly name: string;
  /** The group's description, exactly as AWS has it. */
  readonly description: string;
}

/** The props every SES interface endpoint of the hub shares (SMTP or API). */
export interface SesInterfaceEndpointBaseProps {
  /** The AWS provider of the shared (hub) account. */
  readonly hubProvider: AwsProvider;
  /** The region of the endpoint and of SES. */
  readonly region: string;
  /** The shared account's VPC. */
  readonly vpcId: string;
  /** One subnet per Availability Zone; two or more avoid a single point of failure. */
  readonly subnetIds: readonly string[];
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
   * @default - every group gets the name prefix `<ses-smtp|ses-api>-endpoint-<region>-<shard>-` and a constant description
   */
  readonly existingSecurityGroups?: readonly SecurityGroupIdentity[];
}

/** What the SMTP and API endpoints tell the shared implementation. */
export interface SesInterfaceEndpointProps extends SesInterfaceEndpointBaseProps {
  /** Which SES interface: its endpoint service, host name and names. */
  readonly service: SesEndpointService;
  /** The ports the security groups open to every client CIDR. */
  readonly ports: readonly number[];
  /**
   * Leading parts of the rules' and authorizations' addresses, so two endpoints of one hub never
   * share an address.
   * @default [] (the SMTP endpoint's addresses, `<account>_<cidr>_<port>` and `<account>`)
   */
  readonly addressPrefix?: readonly string[];
}

/**
 * The shared account's side of one SES interface (SMTP or API) for many accounts: security groups
 * with one ingress rule per client CIDR × port (sharded over as many groups as the quota
 * requires), an interface endpoint `com.amazonaws.<region>.<service>` with private DNS off, a
 * private hosted zone named exactly as the SES host with an apex alias to the endpoint, and for
 * each client account a VPC association authorization (the zone owner's half of the two-step
 * association).
 *
 * Emits `aws_security_group`, `aws_vpc_security_group_ingress_rule`, `aws_vpc_endpoint`,
 * `aws_route53_zone`, `aws_route53_record` and `aws_route53_vpc_association_authorization`.
 * Addresses: endpoint, zone and apex record `.<service>`, groups `.<service>_<shard>`, rules
 * `.<prefix…>_<account>_<cidr>_<port>` (dots and slash as dashes), authorizations
 * `.<prefix…>_<account>`.
 */
export class SesInterfaceEndpoint extends Construct {
  public readonly vpcEndpoint: VpcEndpoint;
  public readonly vpcEndpointId: string;
  public readonly privateHostedZone: Route53Zone;
  public readonly privateHostedZoneId: string;
  public readonly securityGroups: SecurityGroup[];
  public readonly securityGroupIds: string[];
  /** The host name applications connect to. */
  public readonly host: string;
  /** The authorizations, by client account name. */
  public readonly authorizations: Record<string, Route53VpcAssociationAuthorization> = {};

  constructor(scope: Construct, id: string, props: SesInterfaceEndpointProps) {
    super(scope, id);
    validate(props);
    const { service } = props;
    const provider = props.hubProvider;
    const prefix = props.addressPrefix ?? [];
    this.host = service.host(props.region);
    this.securityGroups = this.addSecurityGroups(props, prefix);
    this.securityGroupIds = this.securityGroups.map((group) => group.id);
    if (props.subnetIds.length === 1) {
      Annotations.of(this).addWarning(
        `The ${service.label} endpoint in ${props.region} has one subnet (${props.subnetIds[0]}): one Availability Zone is a single point of failure; list a subnet in a second zone.`,
      );
    }
    this.vpcEndpoint = new VpcEndpoint(this, "endpoint", {
      provider,
      vpcId: props.vpcId,
      serviceName: `com.amazonaws.${props.region}.${service.service}`,
      vpcEndpointType: "Interface",
      privateDnsEnabled: false,
      subnetIds: [...props.subnetIds],
      securityGroupIds: this.securityGroupIds,
      tags: { Name: `${service.namePrefix}-${props.region}` },
    });
    named(this.vpcEndpoint, service.service);
    this.vpcEndpointId = this.vpcEndpoint.id;
    this.privateHostedZone = new Route53Zone(this, "zone", {
      provider,
      name: this.host,
      comment: `Resolves the SES ${service.label} endpoint to the shared interface endpoint.`,
      vpc: [{ vpcId: props.vpcId, vpcRegion: props.region }],
      // Client VPCs are associated by their own accounts; do not fight over them.
      lifecycle: { ignoreChanges: ["vpc"] },
    });
    named(this.privateHostedZone, service.service);
    this.privateHostedZoneId = this.privateHostedZone.zoneId;
    const apexAlias = new Route53Record(this, "apex-alias", {
      provider,
      zoneId: this.privateHostedZone.zoneId,
      name: this.host,
      type: "A",
      alias: {
        name: this.vpcEndpoint.dnsEntry.get(0).dnsName,
        zoneId: this.vpcEndpoint.dnsEntry.get(0).hostedZoneId,
        evaluateTargetHealth: true,
      },
    });
    named(apexAlias, service.service);
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
      this.authorizations[client.name] = named(authorization, ...prefix, client.name);
    }
  }

  private addSecurityGroups(
    props: SesInterfaceEndpointProps,
    prefix: readonly string[],
  ): SecurityGroup[] {
    const { service } = props;
    const placement = placeRules(
      props.clients,
      props.ports,
      props.quotas,
      `shared ${service.label} endpoint`,
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
          tags: { Name: `${service.namePrefix}-endpoint-${props.region}-${shard}` },
          lifecycle: { createBeforeDestroy: true },
        }),
        service.service,
        shard,
      ),
    );
    const accountIds = new Map(props.clients.map((c) => [c.name, c.accountId]));
    for (const rule of placement.rules) {
      const id = `ingress-${rule.account}-${rule.cidr.replace(/[./]/g, "-")}-${rule.port}`;
      const ingress = new VpcSecurityGroupIngressRule(this, id, {
        provider: props.hubProvider,
        securityGroupId: groups[rule.shard].id,
        description: `${service.protocol} ${rule.port} from account ${rule.account} (${accountIds.get(rule.account)})`,
        cidrIpv4: rule.cidr,
        ipProtocol: "tcp",
        fromPort: rule.port,
        toPort: rule.port,
        // A rule that moves to another group is created there before it is removed here.
        lifecycle: { createBeforeDestroy: true },
      });
      named(ingress, ...prefix, rule.account, rule.cidr, rule.port);
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
  props: SesInterfaceEndpointProps,
  shard: number,
): { name: string; description: string } | { namePrefix: string; description: string } {
  const existing = props.existingSecurityGroups?.[shard];
  if (existing) return { name: existing.name, description: existing.description };
  const { service } = props;
  return {
    namePrefix: `${service.namePrefix}-endpoint-${props.region}-${shard}-`,
    description: `SES ${service.label} interface endpoint: ${service.protocol} from resource accounts`,
  };
}

function validate(props: SesInterfaceEndpointProps): void {
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
