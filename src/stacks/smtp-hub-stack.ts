import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import type { AccountConfig, SmtpHubConfig, StateConfig } from "../config/schema";
import { SmtpEndpoint } from "../constructs/smtp-endpoint";
import { SesApiEndpoint } from "../constructs/ses-api-endpoint";
import { addressOf } from "../private/addresses";
import { SmtpPort } from "../private/aws-facts";
import { smtpHubStackName } from "../private/stack-names";
import { SesStack } from "./ses-stack";
import { usesHubApiEndpoint } from "../config/api-endpoint-checks";
import {
  Adoption,
  guardAdoptedEndpoint,
  guardAdoptedGroup,
  guardAdoptedZone,
  hubAdoptions,
} from "./adoption";
import { SecurityGroupIdentity, SesInterfaceEndpoint } from "../constructs/ses-interface-endpoint";
import { SesEndpointKind } from "../private/ses-facts";
import { accountProvider, stackOutput } from "./stack-setup";

export interface SmtpHubStackProps {
  /** The validated hub configuration. */
  readonly hub: SmtpHubConfig;
  /** The accounts whose VPCs use this hub (accounts with `smtp` in the hub's region). */
  readonly clients: readonly AccountConfig[];
  /** Where state is kept. */
  readonly state: StateConfig;
  /**
   * Tags applied to every resource, before the hub's own tags.
   * @default {}
   */
  readonly tags?: Record<string, string>;
  /**
   * Where the hub is in the configuration file, named in adoption messages and import comments.
   * @default "smtpHubs[<region>]"
   */
  readonly configPath?: string;
}

/**
 * The hub stack's output names: the contract with the account stacks, which read the zone, their
 * authorized VPC, the host and the ports through `terraform_remote_state`.
 */
export const HUB_OUTPUTS = {
  vpcEndpointId: "vpc_endpoint_id",
  vpcEndpointDnsEntries: "vpc_endpoint_dns_entries",
  privateHostedZoneId: "private_hosted_zone_id",
  securityGroupIds: "security_group_ids",
  smtpHost: "smtp_host",
  smtpPorts: "smtp_ports",
  /** Client VPC ids by account name: a missing key means the authorization is not deployed. */
  authorizedVpcIds: "authorized_vpc_ids",
  /** The SES API endpoint's outputs, present when the hub's apiEndpoint is enabled. */
  apiVpcEndpointId: "api_vpc_endpoint_id",
  apiPrivateHostedZoneId: "api_private_hosted_zone_id",
  apiSecurityGroupIds: "api_security_group_ids",
  apiHost: "api_host",
  /** Client VPC ids authorized on the API zone, by account name. */
  apiAuthorizedVpcIds: "api_authorized_vpc_ids",
} as const;

/**
 * The shared account's stack for one region: the SMTP endpoint, its zone, and every client's
 * association authorization, with a single aliased provider whatever the number of accounts
 * (each account's association lives in that account's own stack).
 */
export class SmtpHubStack extends SesStack {
  /** The shared account's provider (alias `hub-<region>`). */
  public readonly hubProvider: AwsProvider;
  public readonly endpoint: SmtpEndpoint;
  public readonly stackName: string;
  /** The SMTP ports the endpoint's security groups open. */
  public readonly smtpPorts: readonly SmtpPort[];
  /** The SES API endpoint, when the hub's `apiEndpoint` is enabled. */
  public readonly apiEndpoint?: SesApiEndpoint;

  constructor(
    scope: Construct,
    private readonly props: SmtpHubStackProps,
  ) {
    const name = smtpHubStackName(props.hub.region);
    super(scope, name, props.state);
    this.stackName = name;
    const { hub } = props;
    this.hubProvider = accountProvider(this, {
      alias: `hub-${hub.region}`,
      accountId: hub.accountId,
      region: hub.region,
      roleArn: hub.roleArn,
      stackName: name,
      tags: { ...props.tags, ...hub.tags },
    });
    const ports = hub.ports as SmtpPort[];
    this.smtpPorts = ports;
    this.endpoint = new SmtpEndpoint(this, "smtp-endpoint", {
      hubProvider: this.hubProvider,
      region: hub.region,
      vpcId: hub.vpcId,
      subnetIds: hub.subnetIds,
      ports,
      quotas: hub.quotas,
      existingSecurityGroups: hub.securityGroups,
      clients: props.clients.map((account) => ({
        name: account.name,
        accountId: account.accountId,
        vpcId: account.smtp!.vpcId,
        cidrs: account.smtp!.cidrs,
      })),
    });
    this.addOutputs(props, ports);
    if (hub.apiEndpoint?.enabled) this.apiEndpoint = this.addApiEndpoint(props);
    this.adoptExisting(props);
  }

  /**
   * Imports the hub's `adopt` ids (and its API endpoint's `apiEndpoint.adopt`); an adopted
   * endpoint, group and zone are checked at plan time.
   */
  private adoptExisting(props: SmtpHubStackProps): void {
    const { hub } = props;
    const path = props.configPath ?? `smtpHubs[${hub.region}]`;
    const smtp = hubAdoptions(hub.adopt, props.clients, path);
    const api = this.apiEndpoint
      ? hubAdoptions(hub.apiEndpoint?.adopt, props.clients, `${path}.apiEndpoint`, "api")
      : [];
    this.adopt(this.hubProvider, [...smtp, ...api]);
    this.guardAdopted(this.endpoint, smtp, hub.securityGroups, path, "smtp");
    if (this.apiEndpoint) {
      const groups = hub.apiEndpoint?.securityGroups;
      this.guardAdopted(this.apiEndpoint, api, groups, `${path}.apiEndpoint`, "api");
    }
  }

  /** The plan-time guards of one endpoint's adopted endpoint, groups and zone. */
  private guardAdopted(
    endpoint: SesInterfaceEndpoint,
    adoptions: readonly Adoption[],
    recordedGroups: readonly SecurityGroupIdentity[] | undefined,
    path: string,
    kind: SesEndpointKind,
  ): void {
    const { hub } = this.props;
    const adopted = (address: string) => adoptions.find((a) => a.address === address);
    const adoptedEndpoint = adopted(addressOf(endpoint.vpcEndpoint));
    if (adoptedEndpoint) {
      guardAdoptedEndpoint(this, this.hubProvider, endpoint.vpcEndpoint, adoptedEndpoint, {
        ...hub,
        kind,
      });
    }
    endpoint.securityGroups.forEach((group, shard) => {
      const adoption = adopted(addressOf(group));
      const recorded = recordedGroups?.[shard];
      // The configuration's cross checks refuse an adopted group without its recorded identity.
      if (adoption && recorded) {
        const at = `${path}.securityGroups[${shard}]`;
        guardAdoptedGroup(this, this.hubProvider, group, adoption, { ...recorded, path: at });
      }
    });
    const zone = adopted(addressOf(endpoint.privateHostedZone));
    if (zone) {
      guardAdoptedZone(this, this.hubProvider, endpoint.privateHostedZone, zone, hub.region, kind);
    }
  }

  /** The SES API endpoint for the clients that use it, and its outputs. */
  private addApiEndpoint(props: SmtpHubStackProps): SesApiEndpoint {
    const { hub } = props;
    const clients = props.clients.filter((account) => usesHubApiEndpoint(account, hub));
    const api = new SesApiEndpoint(this, "api-endpoint", {
      hubProvider: this.hubProvider,
      region: hub.region,
      vpcId: hub.vpcId,
      subnetIds: hub.subnetIds,
      quotas: hub.quotas,
      existingSecurityGroups: hub.apiEndpoint?.securityGroups,
      clients: clients.map((account) => ({
        name: account.name,
        accountId: account.accountId,
        vpcId: account.smtp!.vpcId,
        cidrs: account.smtp!.cidrs,
      })),
    });
    stackOutput(
      this,
      HUB_OUTPUTS.apiVpcEndpointId,
      api.vpcEndpointId,
      "The SES API interface endpoint.",
    );
    stackOutput(
      this,
      HUB_OUTPUTS.apiPrivateHostedZoneId,
      api.privateHostedZoneId,
      "The SES API private hosted zone.",
    );
    stackOutput(
      this,
      HUB_OUTPUTS.apiSecurityGroupIds,
      api.securityGroupIds,
      "The SES API endpoint's security groups.",
    );
    stackOutput(this, HUB_OUTPUTS.apiHost, api.host, "The SES API host name SDK clients use.");
    stackOutput(
      this,
      HUB_OUTPUTS.apiAuthorizedVpcIds,
      Object.fromEntries(clients.map((a) => [a.name, api.authorizations[a.name].vpcId])),
      "Client VPCs authorized to associate with the SES API zone, by account name.",
    );
    return api;
  }

  private addOutputs(props: SmtpHubStackProps, ports: SmtpPort[]): void {
    const endpoint = this.endpoint;
    stackOutput(
      this,
      HUB_OUTPUTS.vpcEndpointId,
      endpoint.vpcEndpointId,
      "The email-smtp interface endpoint.",
    );
    stackOutput(
      this,
      HUB_OUTPUTS.vpcEndpointDnsEntries,
      endpoint.vpcEndpoint.dnsEntry,
      "The endpoint's own DNS names.",
    );
    stackOutput(
      this,
      HUB_OUTPUTS.privateHostedZoneId,
      endpoint.privateHostedZoneId,
      "The email-smtp private hosted zone.",
    );
    stackOutput(
      this,
      HUB_OUTPUTS.securityGroupIds,
      endpoint.securityGroupIds,
      "The endpoint's security groups.",
    );
    stackOutput(
      this,
      HUB_OUTPUTS.smtpHost,
      endpoint.smtpHost,
      "The host name applications connect to.",
    );
    stackOutput(this, HUB_OUTPUTS.smtpPorts, ports, "The ports the security groups open.");
    // Account stacks read their VPC from here: a missing key means the authorization is not deployed.
    stackOutput(
      this,
      HUB_OUTPUTS.authorizedVpcIds,
      Object.fromEntries(props.clients.map((a) => [a.name, endpoint.authorizations[a.name].vpcId])),
      "Client VPCs authorized to associate with the zone, by account name.",
    );
  }
}
