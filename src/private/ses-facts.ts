/**
 * Facts about SES that both the synthesizer and `smtp-check` use. This module imports nothing,
 * so the command-line check loads it without loading cdktf.
 */

/** The five ports of the SES SMTP interface. */
export const SMTP_PORTS = [25, 465, 587, 2465, 2587] as const;
export type SmtpPort = (typeof SMTP_PORTS)[number];

/** The port used when nothing names one: STARTTLS on 587, which EC2 does not throttle as it does 25. */
export const DEFAULT_SMTP_PORT: SmtpPort = 587;

/** An AWS region code such as `us-east-1` (also GovCloud and ISO partitions). */
export const REGION_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

/** The bounce and complaint rates at which AWS puts an SES account under review. */
export const SES_REVIEW_RATES = { bounce: 0.05, complaint: 0.001 } as const;

/** The DNS name SMTP clients use, which the shared endpoint's private hosted zone takes over. */
export function sesSmtpHost(region: string): string {
  return `email-smtp.${region}.amazonaws.com`;
}

/**
 * Regions where SES has its SMTP interface (`email-smtp.<region>.amazonaws.com`) and, with it, the
 * `com.amazonaws.<region>.email-smtp` interface endpoint service. Source: AWS General Reference,
 * "Amazon Simple Email Service endpoints and quotas", SMTP endpoints table (checked 2025). A region
 * AWS adds later is accepted once listed under `allow.regions` in the configuration; add it here
 * too when you can check the table.
 */
export const SES_REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "af-south-1",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ca-central-1",
  "eu-central-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-south-1",
  "eu-north-1",
  "il-central-1",
  "me-south-1",
  "sa-east-1",
  "us-gov-west-1",
] as const;

/**
 * AWS regions without the SES SMTP interface, where only the state bucket may be. Source: AWS
 * General Reference, "AWS Regions" (checked 2025; ISO partitions left out). A region AWS adds
 * later is accepted once listed under `allow.regions`.
 */
export const NON_SES_REGIONS = [
  "ap-east-1",
  "ap-east-2",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ca-west-1",
  "eu-central-2",
  "eu-south-2",
  "me-central-1",
  "mx-central-1",
  "us-gov-east-1",
  "cn-north-1",
  "cn-northwest-1",
] as const;

/** The only port of the SES HTTPS API, and so of its interface endpoint. */
export const SES_API_PORT = 443;

/** The DNS name SDK clients use for the SES API (v1 and v2), which the hub's API zone takes over. */
export function sesApiHost(region: string): string {
  return `email.${region}.amazonaws.com`;
}

/**
 * Regions where the SES API has its interface endpoint service `com.amazonaws.<region>.email`
 * (the PrivateLink name is `com.amazonaws.<region>.` + the API's endpoint prefix `email`, the host
 * `email.<region>.amazonaws.com`). Source: AWS General Reference, "Amazon Simple Email Service
 * endpoints and quotas", service API endpoints table, the commercial regions of SES_REGIONS
 * (checked 2026); GovCloud is left out until its PrivateLink listing names the service. A region
 * AWS adds later is accepted once listed under `allow.regions`.
 */
export const SES_API_ENDPOINT_REGIONS: readonly string[] = SES_REGIONS.filter(
  (region) => !region.startsWith("us-gov-"),
);

/** The two SES interfaces a hub can serve through an interface endpoint and a private zone. */
export type SesEndpointKind = "smtp" | "api";

/** What differs between the SMTP and the API endpoint of a hub. */
export interface SesEndpointService {
  /** The endpoint service's last label (`com.amazonaws.<region>.<service>`), also the address name. */
  readonly service: "email-smtp" | "email";
  /** The interface's name in sentences and resource descriptions. */
  readonly label: "SMTP" | "API";
  /** The protocol the security group rules carry, named in their descriptions. */
  readonly protocol: "SMTP" | "HTTPS";
  /** Prefix of the endpoint's `Name` tag and of its security groups' names. */
  readonly namePrefix: "ses-smtp" | "ses-api";
  /** The host name the private zone takes over. */
  readonly host: (region: string) => string;
}

export const SES_ENDPOINT_SERVICES: Record<SesEndpointKind, SesEndpointService> = {
  smtp: {
    service: "email-smtp",
    label: "SMTP",
    protocol: "SMTP",
    namePrefix: "ses-smtp",
    host: sesSmtpHost,
  },
  api: {
    service: "email",
    label: "API",
    protocol: "HTTPS",
    namePrefix: "ses-api",
    host: sesApiHost,
  },
};
