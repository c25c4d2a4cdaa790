import { DataAwsIamRole } from "@cdktf/provider-aws/lib/data-aws-iam-role";
import { DataAwsRoute53Zone } from "@cdktf/provider-aws/lib/data-aws-route53-zone";
import { DataAwsSecurityGroup } from "@cdktf/provider-aws/lib/data-aws-security-group";
import { DataAwsVpcEndpoint } from "@cdktf/provider-aws/lib/data-aws-vpc-endpoint";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Fn, Op, TerraformResource, TerraformStack } from "cdktf";
import type { AccountAdoptConfig, HubAdoptConfig } from "../config/adopt-schema";
import type { AccountConfig } from "../config/schema";
import { EVENT_ARCHIVE_BUCKET_ADDRESSES } from "../constructs/event-archive-bucket";
import { FIREHOSE_EVENT_STREAM_ADDRESSES } from "../constructs/firehose-event-stream";
import { SES_CONFIGURATION_SET_ADDRESSES } from "../constructs/ses-configuration-set";
import { SES_DOMAIN_IDENTITY_ADDRESSES } from "../constructs/ses-domain-identity";
import { SES_EVENT_PUBLISHING_ADDRESSES } from "../constructs/ses-event-publishing";
import { SMTP_ENDPOINT_ADDRESSES } from "../constructs/smtp-endpoint";
import { SMTP_ZONE_ASSOCIATION_ADDRESS } from "../constructs/smtp-zone-association";
import { SES_API_ENDPOINT_ADDRESSES } from "../constructs/ses-api-endpoint";
import { SES_API_ZONE_ASSOCIATION_ADDRESS } from "../constructs/ses-zone-association";
import { addressOf, named } from "../private/addresses";
import { parseZoneVpcId } from "../private/adopt-ids";
import { SES_ENDPOINT_SERVICES, SesEndpointKind } from "../private/ses-facts";

/**
 * Adoption: the ids of an `adopt` section become Terraform `import` blocks (cdktf's `importFrom`)
 * on the resources the stacks already define, found by their addresses, so a plan shows *import*
 * instead of *create* and a first apply recreates nothing. Each import block carries a `//`
 * comment naming its configuration path, for a reader of `cdk.tf.json` (Terraform does not show
 * it: an import error names the address, which src/adopt/import-errors.ts translates back to the path).
 */

/** One id to import, where it goes, and where the configuration names it. */
export interface Adoption {
  /** The resource's address in its stack, such as `aws_vpc_endpoint.email-smtp`. */
  readonly address: string;
  /** The id in the form the resource type's import takes. */
  readonly id: string;
  /** Where the configuration names it, such as `smtpHubs[0].adopt.vpcEndpoint`. */
  readonly configPath: string;
}

/**
 * The adoptions of one of the hub's endpoints (`path` is where its `adopt` is): the SMTP endpoint's
 * by default, or the API endpoint's (addresses as SesApiEndpoint gives them); security groups by
 * shard, authorizations by the account owning the VPC.
 */
export function hubAdoptions(
  adopt: HubAdoptConfig | undefined,
  clients: readonly AccountConfig[],
  path: string,
  kind: SesEndpointKind = "smtp",
): Adoption[] {
  if (!adopt) return [];
  const at = (key: string) => `${path}.adopt.${key}`;
  const addresses = kind === "smtp" ? SMTP_ENDPOINT_ADDRESSES : SES_API_ENDPOINT_ADDRESSES;
  const one = (key: "vpcEndpoint" | "privateHostedZone" | "apexRecord"): Adoption[] => {
    const id = adopt[key];
    return id ? [{ address: addresses[key], id, configPath: at(key) }] : [];
  };
  return [
    ...one("vpcEndpoint"),
    ...one("privateHostedZone"),
    ...one("apexRecord"),
    ...(adopt.securityGroups ?? []).map((id, shard) => ({
      address: addresses.securityGroup(shard),
      id,
      configPath: at(`securityGroups[${shard}]`),
    })),
    ...(adopt.ingressRules ?? []).map((rule, i) => ({
      address: addresses.ingressRule(rule),
      id: rule.id,
      configPath: at(`ingressRules[${i}]`),
    })),
    ...(adopt.authorizations ?? []).map((id, i) => {
      const { vpcId } = parseZoneVpcId(id);
      const owner = clients.find((a) => a.smtp?.vpcId === vpcId);
      return {
        address: addresses.authorization(owner?.name ?? vpcId),
        id,
        configPath: at(`authorizations[${i}]`),
      };
    }),
  ];
}

/** The account's adoptions (association, tutorial-era event publishing, identity). */
export function accountAdoptions(adopt: AccountAdoptConfig | undefined, path: string): Adoption[] {
  if (!adopt) return [];
  const at = (key: string) => `${path}.adopt.${key}`;
  const single: [keyof AccountAdoptConfig, string][] = [
    ["zoneAssociation", SMTP_ZONE_ASSOCIATION_ADDRESS],
    ["apiZoneAssociation", SES_API_ZONE_ASSOCIATION_ADDRESS],
    ["deliveryStream", FIREHOSE_EVENT_STREAM_ADDRESSES.deliveryStream],
    ["bucket", EVENT_ARCHIVE_BUCKET_ADDRESSES.bucket],
    ["sesRole", SES_EVENT_PUBLISHING_ADDRESSES.sesRole],
    ["firehoseRole", FIREHOSE_EVENT_STREAM_ADDRESSES.role],
    ["logGroup", FIREHOSE_EVENT_STREAM_ADDRESSES.logGroup],
    ["logStream", FIREHOSE_EVENT_STREAM_ADDRESSES.logStream],
  ];
  return [
    ...single.flatMap(([key, address]) => {
      const id = adopt[key] as string | undefined;
      return id ? [{ address, id, configPath: at(key) }] : [];
    }),
    ...(adopt.identity
      ? [
          {
            address: SES_DOMAIN_IDENTITY_ADDRESSES.emailIdentity(adopt.identity),
            id: adopt.identity,
            configPath: at("identity"),
          },
        ]
      : []),
    ...(adopt.configurationSets ?? []).map((id, i) => ({
      address: SES_CONFIGURATION_SET_ADDRESSES.configurationSet(id),
      id,
      configPath: at(`configurationSets[${i}]`),
    })),
    ...(adopt.eventDestinations ?? []).map((id, i) => ({
      address: SES_CONFIGURATION_SET_ADDRESSES.eventDestination(...splitDestinationId(id)),
      id,
      configPath: at(`eventDestinations[${i}]`),
    })),
  ];
}

/** An `adopt.eventDestinations` id, `<set>/<destination>`, as its two names. */
function splitDestinationId(id: string): [string, string] {
  const [setName, destinationName] = id.split("/");
  return [setName, destinationName];
}

/** The resources of a stack by address. */
function resourcesByAddress(stack: TerraformStack): Map<string, TerraformResource> {
  const found = new Map<string, TerraformResource>();
  for (const node of stack.node.findAll()) {
    if (TerraformResource.isTerraformResource(node)) found.set(addressOf(node), node);
  }
  return found;
}

/**
 * Adds an import block for each adoption, with the stack's one provider. Throws, naming every
 * such configuration path at once, when the stack defines no resource for an adoption (the
 * configuration does not ask for it, so there is nothing to adopt it into), before adding any.
 * Returns the configuration path by address.
 */
export function importAdopted(
  stack: TerraformStack,
  provider: AwsProvider,
  adoptions: readonly Adoption[],
): Map<string, string> {
  const resources = resourcesByAddress(stack);
  const missing = adoptions.filter((adoption) => !resources.has(adoption.address));
  if (missing.length > 0) {
    throw new Error(
      missing
        .map(
          (adoption) =>
            `${adoption.configPath} names ${adoption.id}, but stack ${stack.node.id} defines no ${adoption.address} to adopt it into: the configuration does not ask for that resource (remove the entry, or configure what creates it).`,
        )
        .join("\n"),
    );
  }
  const paths = new Map<string, string>();
  for (const adoption of adoptions) {
    const resource = resources.get(adoption.address)!;
    resource.importFrom(adoption.id, provider);
    paths.set(adoption.address, adoption.configPath);
  }
  return paths;
}

/**
 * Plan-time guard of an adopted security group: the hub's `securityGroups[<shard>]` records its
 * name and description (AWS cannot change either in place, so the group keeps them for good,
 * also after the adopt entry is removed); a data source reads the real ones and a precondition
 * stops the plan, naming both values and both paths, before an import followed by a replacement.
 */
export function guardAdoptedGroup(
  stack: TerraformStack,
  provider: AwsProvider,
  group: TerraformResource,
  adoption: Adoption,
  recorded: { name: string; description: string; path: string },
): void {
  const actual = named(
    new DataAwsSecurityGroup(stack, `adopted-${group.friendlyUniqueId}`, {
      provider,
      id: adoption.id,
    }),
    "adopted",
    group.friendlyUniqueId,
  );
  group.lifecycle = {
    ...group.lifecycle,
    precondition: [
      {
        condition: Op.and(
          Op.eq(actual.name, recorded.name),
          Op.eq(actual.description, recorded.description),
        ),
        errorMessage: `${adoption.configPath}: security group ${adoption.id} is named ${Fn.jsonencode(actual.name)} and described ${Fn.jsonencode(actual.description)}, but ${recorded.path} records name ${JSON.stringify(recorded.name)} and description ${JSON.stringify(recorded.description)}. Importing it would replace it (neither can change in place), deleting the group and every rule in it: set ${recorded.path} to the group's own name and description (npm run adopt -- --write records them).`,
      },
    ],
  };
}

/** A guard's construct id: the SMTP endpoint's as it always was, the API endpoint's suffixed. */
const constructId = (base: string, kind: SesEndpointKind = "smtp") =>
  kind === "smtp" ? base : `${base}-${SES_ENDPOINT_SERVICES[kind].service}`;

/**
 * Plan-time guards of an adopted endpoint and zone: their ids do not say which VPC, service or
 * name they have, so a data source reads them and a precondition stops the plan, naming the
 * configuration path, before an import that would be followed by a replacement.
 */
export function guardAdoptedEndpoint(
  stack: TerraformStack,
  provider: AwsProvider,
  endpoint: TerraformResource,
  adoption: Adoption,
  wanted: { vpcId: string; region: string; kind?: SesEndpointKind },
): void {
  const name = SES_ENDPOINT_SERVICES[wanted.kind ?? "smtp"].service;
  const service = `com.amazonaws.${wanted.region}.${name}`;
  const actual = named(
    new DataAwsVpcEndpoint(stack, constructId("adopted-endpoint", wanted.kind), {
      provider,
      id: adoption.id,
    }),
    "adopted",
    endpoint.friendlyUniqueId,
  );
  endpoint.lifecycle = {
    ...endpoint.lifecycle,
    precondition: [
      {
        condition: Op.and(
          Op.and(Op.eq(actual.vpcId, wanted.vpcId), Op.eq(actual.serviceName, service)),
          Op.eq(actual.vpcEndpointType, "Interface"),
        ),
        errorMessage: `${adoption.configPath}: endpoint ${adoption.id} is a ${actual.vpcEndpointType} endpoint of ${actual.serviceName} in ${actual.vpcId}, but this hub wants an Interface endpoint of ${service} in ${wanted.vpcId}. Importing it would replace it (vpc_id, service_name and vpc_endpoint_type cannot change in place), and every application resolves the old one: set the hub's vpcId to the endpoint's VPC, or adopt the ${name} endpoint of ${wanted.vpcId}.`,
      },
    ],
  };
}

/** See guardAdoptedEndpoint: the zone's name and privacy cannot change in place. */
export function guardAdoptedZone(
  stack: TerraformStack,
  provider: AwsProvider,
  zone: TerraformResource,
  adoption: Adoption,
  region: string,
  kind: SesEndpointKind = "smtp",
): void {
  const { host: hostOf } = SES_ENDPOINT_SERVICES[kind];
  const host = hostOf(region);
  const actual = named(
    new DataAwsRoute53Zone(stack, constructId("adopted-zone", kind), {
      provider,
      zoneId: adoption.id,
    }),
    "adopted",
    zone.friendlyUniqueId,
  );
  const name = Fn.trimsuffix(actual.name, ".");
  zone.lifecycle = {
    ...zone.lifecycle,
    precondition: [
      {
        condition: Op.and(Op.eq(name, host), Op.eq(actual.privateZone, true)),
        errorMessage: `${adoption.configPath}: zone ${adoption.id} is ${name} (private: ${actual.privateZone}), but this hub wants the private zone ${host}. Importing it would replace it (a zone's name and type cannot change): adopt the private ${host} zone associated with the hub's VPC.`,
      },
    ],
  };
}

/**
 * Plan-time guard of adopted IAM roles: the stacks' roles have the path `/`, and a role's path
 * cannot change in place, so a role adopted from another path would be replaced (its id and every
 * trust on it gone); a data source reads the path and a precondition stops the plan first.
 */
export function guardAdoptedRoles(
  stack: TerraformStack,
  provider: AwsProvider,
  adoptions: readonly Adoption[],
): void {
  const resources = resourcesByAddress(stack);
  for (const adoption of adoptions.filter((a) => a.address.startsWith("aws_iam_role."))) {
    const role = resources.get(adoption.address)!;
    const actual = named(
      new DataAwsIamRole(stack, `adopted-${role.friendlyUniqueId}`, {
        provider,
        name: adoption.id,
      }),
      "adopted",
      role.friendlyUniqueId,
    );
    role.lifecycle = {
      ...role.lifecycle,
      precondition: [
        {
          condition: Op.eq(actual.path, "/"),
          errorMessage: `${adoption.configPath}: role ${adoption.id} has the path ${actual.path}, but this stack's roles have the path /. Importing it would replace it (a role's path cannot change in place): leave it out of adopt and name the stack's role differently (the old role stays, unmanaged).`,
        },
      ],
    };
  }
}
