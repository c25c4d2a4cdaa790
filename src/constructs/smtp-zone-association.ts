import { Construct } from "constructs";
import {
  SesZoneAssociation,
  SesZoneAssociationProps,
  zoneAssociationAddress,
} from "./ses-zone-association";

/** The address SmtpZoneAssociation gives its association. */
export const SMTP_ZONE_ASSOCIATION_ADDRESS = zoneAssociationAddress("smtp");

export type SmtpZoneAssociationProps = Omit<SesZoneAssociationProps, "service">;

/**
 * The resource account's half of the two-step cross-account association with the hub's SMTP zone
 * (`email-smtp.<region>.amazonaws.com`); see SesZoneAssociation.
 *
 * Emits `aws_route53_zone_association.email-smtp`.
 */
export class SmtpZoneAssociation extends SesZoneAssociation {
  constructor(scope: Construct, id: string, props: SmtpZoneAssociationProps) {
    super(scope, id, { ...props, service: "smtp" });
  }
}
