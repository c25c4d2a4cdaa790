import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route53ZoneAssociation } from "@cdktf/provider-aws/lib/route53-zone-association";
import { Construct } from "constructs";
import { named, resourceAddress } from "../private/addresses";
import { ID_RULES, RULES } from "../private/aws-facts";
import { check } from "../private/validation";

/** The association's Terraform name: one per account stack. */
const ASSOCIATION_NAME = "email-smtp";

/** The address SmtpZoneAssociation gives its association. */
export const SMTP_ZONE_ASSOCIATION_ADDRESS = resourceAddress(
  Route53ZoneAssociation,
  ASSOCIATION_NAME,
);

export interface SmtpZoneAssociationProps {
  /** The AWS provider of the resource account that owns the VPC. */
  readonly accountProvider: AwsProvider;
  /** The shared account's private hosted zone (`email-smtp.<region>.amazonaws.com`). */
  readonly privateHostedZoneId: string;
  /** The resource account's VPC; the zone owner must have authorized it first. */
  readonly vpcId: string;
  /** The VPC's region. */
  readonly vpcRegion: string;
}

/**
 * The resource account's half of the two-step cross-account zone association: with the VPC
 * owner's own provider, associate its VPC with the shared private hosted zone, after the zone
 * owner's `aws_route53_vpc_association_authorization` exists.
 *
 * Emits `aws_route53_zone_association.email-smtp`.
 */
export class SmtpZoneAssociation extends Construct {
  public readonly association: Route53ZoneAssociation;

  constructor(scope: Construct, id: string, props: SmtpZoneAssociationProps) {
    super(scope, id);
    check("vpcId", props.vpcId, ID_RULES.vpcId);
    check("vpcRegion", props.vpcRegion, RULES.region);
    this.association = new Route53ZoneAssociation(this, "association", {
      provider: props.accountProvider,
      zoneId: props.privateHostedZoneId,
      vpcId: props.vpcId,
      vpcRegion: props.vpcRegion,
    });
    named(this.association, ASSOCIATION_NAME);
  }
}
