import { Construct } from "constructs";
import { SMTP_PORTS, SmtpPort } from "../private/aws-facts";
import { checkOneOf } from "../private/validation";
import { SES_ENDPOINT_SERVICES } from "../private/ses-facts";
import {
  interfaceEndpointAddresses,
  SesInterfaceEndpoint,
  SesInterfaceEndpointBaseProps,
} from "./ses-interface-endpoint";
import * as defaults from "../private/construct-defaults";

/** The addresses SmtpEndpoint gives its resources (those `adopt` can import into). */
export const SMTP_ENDPOINT_ADDRESSES = interfaceEndpointAddresses(SES_ENDPOINT_SERVICES.smtp);

export type { SecurityGroupIdentity, SmtpClientAccount } from "./ses-interface-endpoint";

export interface SmtpEndpointProps extends SesInterfaceEndpointBaseProps {
  /**
   * SMTP ports the accounts may reach (any of 25, 465, 587, 2465, 2587).
   * @default [587]
   */
  readonly ports?: readonly SmtpPort[];
}

export { sesSmtpHost } from "../private/ses-facts";

/** Defaults of the optional props (kept cdk-free for the configuration checks). */
export const SMTP_ENDPOINT_DEFAULTS =
  defaults.SMTP_ENDPOINT_DEFAULTS satisfies Partial<SmtpEndpointProps>;

/**
 * The shared account's side of one SES SMTP endpoint for many accounts (see SesInterfaceEndpoint):
 * an `email-smtp` interface endpoint with private DNS off, security groups opening the SMTP ports
 * to every client CIDR, a private hosted zone named exactly `email-smtp.<region>.amazonaws.com`
 * with an apex alias to the endpoint, and a VPC association authorization per client account.
 *
 * Emits `aws_security_group`, `aws_vpc_security_group_ingress_rule`, `aws_vpc_endpoint`,
 * `aws_route53_zone`, `aws_route53_record` and `aws_route53_vpc_association_authorization`.
 * Addresses: endpoint, zone and apex record `.email-smtp`, groups `.email-smtp_<shard>`, rules
 * `.<account>_<cidr>_<port>` (dots and slash as dashes), authorizations `.<account>`.
 */
export class SmtpEndpoint extends SesInterfaceEndpoint {
  /** The host name applications connect to. */
  public readonly smtpHost: string;

  constructor(scope: Construct, id: string, props: SmtpEndpointProps) {
    (props.ports ?? []).forEach((port, i) => checkOneOf(`ports[${i}]`, port, SMTP_PORTS));
    super(scope, id, {
      ...props,
      quotas: props.quotas ?? SMTP_ENDPOINT_DEFAULTS.quotas,
      service: SES_ENDPOINT_SERVICES.smtp,
      ports: props.ports ?? SMTP_ENDPOINT_DEFAULTS.ports,
    });
    this.smtpHost = this.host;
  }
}
