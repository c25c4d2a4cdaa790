/** Facts about the SES SMTP interface that every step needs: ports, TLS modes, host names. */
import { REGION_PATTERN, SMTP_PORTS, sesSmtpHost } from "../private/ses-facts";

export { REGION_PATTERN };

/** The five ports of the SES SMTP interface. */
export const SES_SMTP_PORTS = SMTP_PORTS;

/** How TLS starts: `STARTTLS` after a plain-text greeting, or a TLS handshake right away. */
export type TlsMode = "starttls" | "implicit";

export const TLS_MODES: readonly TlsMode[] = ["starttls", "implicit"];

/** The SES ports that expect a TLS handshake right after the TCP connect (implicit TLS). */
const IMPLICIT_TLS_PORTS: readonly number[] = [465, 2465];

/** A DNS host name: dot-separated labels of letters, digits and hyphens. */
const HOST_NAME_PATTERN =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

/**
 * The region in an SES SMTP host name: the public and FIPS names
 * (`email-smtp[-fips].<region>.amazonaws.com`) and VPC endpoint names
 * (`vpce-….email-smtp.<region>.vpce.amazonaws.com`).
 */
const SES_HOST_REGION =
  /(?:^|\.)email-smtp(?:-fips)?\.([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d)\.(?:vpce\.)?amazonaws\.com\.?$/i;

export function isSesPort(port: number): boolean {
  return (SES_SMTP_PORTS as readonly number[]).includes(port);
}

/** Implicit TLS on 465 and 2465, STARTTLS on the other ports. */
export function tlsModeForPort(port: number): TlsMode {
  return IMPLICIT_TLS_PORTS.includes(port) ? "implicit" : "starttls";
}

/** `email-smtp.<region>.amazonaws.com`: the name the shared endpoint's private hosted zone uses. */
export const defaultHost = sesSmtpHost;

/** The region named by an SES SMTP host name, or undefined for any other name. */
export function regionFromHost(host: string): string | undefined {
  return SES_HOST_REGION.exec(host)?.[1]?.toLowerCase();
}

export function isHostName(value: string): boolean {
  return HOST_NAME_PATTERN.test(value);
}

export function describeTlsMode(mode: TlsMode): string {
  return mode === "implicit" ? "implicit TLS" : "STARTTLS";
}
