import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route53ZoneAssociation } from "@cdktf/provider-aws/lib/route53-zone-association";
import { Construct } from "constructs";
import { named, resourceAddress } from "../private/addresses";
import { ID_RULES, RULES } from "../private/aws-facts";
import { SES_ENDPOINT_SERVICES, SesEndpointKind } from "../private/ses-facts";
import { check } from "../private/validation";

/** The address SesZoneAssociation gives its association with one of the hub's zones. */
export function zoneAssociationAddress(kind: SesEndpointKind): string {
  return resourceAddress(Route53ZoneAssociation, SES_ENDPOINT_SERVICES[kind].service);
}

/** The address of the association with the hub's SES API zone. */
export const SES_API_ZONE_ASSOCIATION_ADDRESS = zoneAssociationAddress("api");

export interface SesZoneAssociationProps {
  /** The AWS provider of the resource account that owns the VPC. */
  readonly accountProvider: AwsProvider;
  /** The shared account's private hosted zone (`email-smtp.<region>.amazonaws.com` or `email.<region>.amazonaws.com`). */
  readonly privateHostedZoneId: string;
  /** The resource account's VPC; the zone owner must have authorized it first. */
  readonly vpcId: string;
  /** The VPC's region. */
  readonly vpcRegion: string;
  /**
   * Which of the hub's zones: the SMTP host's or the API host's.
   * @default "smtp"
   */
  readonly service?: SesEndpointKind;
}

/**
 * The resource account's half of the two-step cross-account zone association: with the VPC
 * owner's own provider, associate its VPC with one of the hub's private hosted zones, after the
 * zone owner's `aws_route53_vpc_association_authorization` exists.
 *
 * Emits `aws_route53_zone_association.email-smtp` (SMTP zone) or `.email` (API zone).
 */
export class SesZoneAssociation extends Construct {
  public readonly association: Route53ZoneAssociation;

  constructor(scope: Construct, id: string, props: SesZoneAssociationProps) {
    super(scope, id);
    check("vpcId", props.vpcId, ID_RULES.vpcId);
    check("vpcRegion", props.vpcRegion, RULES.region);
    this.association = new Route53ZoneAssociation(this, "association", {
      provider: props.accountProvider,
      zoneId: props.privateHostedZoneId,
      vpcId: props.vpcId,
      vpcRegion: props.vpcRegion,
    });
    named(this.association, SES_ENDPOINT_SERVICES[props.service ?? "smtp"].service);
  }
}
