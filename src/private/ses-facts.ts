/**
 * Facts about SES that both the synthesizer and `smtp-check` use. This module imports nothing,
 * so the command-line check loads it without loading cdktf.
 */

/** The five ports of the SES SMTP interface. */
export const SMTP_PORTS = [25, 465, 587, 2465, 2587] as const;
export type SmtpPort = (typeof SMTP_PORTS)[number];

/** An AWS region code such as `us-east-1` (also GovCloud and ISO partitions). */
export const REGION_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

/** The DNS name SMTP clients use, which the shared endpoint's private hosted zone takes over. */
export function sesSmtpHost(region: string): string {
  return `email-smtp.${region}.amazonaws.com`;
}
