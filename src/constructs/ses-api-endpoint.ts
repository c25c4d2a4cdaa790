import { Construct } from "constructs";
import { DEFAULT_QUOTAS } from "../private/aws-facts";
import { SES_API_PORT, SES_ENDPOINT_SERVICES } from "../private/ses-facts";
import {
  interfaceEndpointAddresses,
  SesInterfaceEndpoint,
  SesInterfaceEndpointBaseProps,
} from "./ses-interface-endpoint";

const API = SES_ENDPOINT_SERVICES.api;

/** The addresses SesApiEndpoint gives its resources (those `adopt` can import into). */
export const SES_API_ENDPOINT_ADDRESSES = interfaceEndpointAddresses(API, [API.service]);

export type SesApiEndpointProps = SesInterfaceEndpointBaseProps;

/**
 * The shared account's side of one SES API endpoint for many accounts (see SesInterfaceEndpoint):
 * an `email` interface endpoint (`com.amazonaws.<region>.email`) with private DNS off, security
 * groups opening HTTPS 443 to every client CIDR (their own groups, sharded like the SMTP ones), a
 * private hosted zone named exactly `email.<region>.amazonaws.com` (the SES API host of the SDKs)
 * with an apex alias to the endpoint, and a VPC association authorization per client account.
 *
 * Emits `aws_security_group`, `aws_vpc_security_group_ingress_rule`, `aws_vpc_endpoint`,
 * `aws_route53_zone`, `aws_route53_record` and `aws_route53_vpc_association_authorization`.
 * Addresses: endpoint, zone and apex record `.email`, groups `.email_<shard>`, rules
 * `.email_<account>_<cidr>_443` (dots and slash as dashes), authorizations `.email_<account>`.
 */
export class SesApiEndpoint extends SesInterfaceEndpoint {
  constructor(scope: Construct, id: string, props: SesApiEndpointProps) {
    super(scope, id, {
      ...props,
      quotas: props.quotas ?? DEFAULT_QUOTAS,
      service: API,
      ports: [SES_API_PORT],
      addressPrefix: [API.service],
    });
  }
}
