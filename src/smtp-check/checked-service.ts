/**
 * The SES interface a check is about, as the DNS and TCP steps name it in their fixes: its host
 * name and its ports. One per command (`smtp-check` and `smtp-check api`).
 */
import { SES_API_PORT, SMTP_PORTS, sesApiHost, sesSmtpHost } from "../private/ses-facts";

export interface CheckedService {
  /** The SES host name of the interface in a region. */
  readonly host: (region: string) => string;
  /** The interface's ports. */
  readonly ports: readonly number[];
  /** The interface's name in sentences ("SMTP", "API"). */
  readonly label: string;
}

/** The SES SMTP interface (`email-smtp.<region>.amazonaws.com`, the five SMTP ports). */
export const SMTP_SERVICE: CheckedService = { host: sesSmtpHost, ports: SMTP_PORTS, label: "SMTP" };

/** The SES HTTPS API (`email.<region>.amazonaws.com`, port 443). */
export const API_SERVICE: CheckedService = {
  host: sesApiHost,
  ports: [SES_API_PORT],
  label: "API",
};

/** The service's host name in `region`, or with `<region>` when the region is not known. */
export function serviceHost(service: CheckedService, region: string | undefined): string {
  return service.host(region ?? "<region>");
}

/** "one of the SES SMTP ports 25, 465, …" or "the SES API port 443". */
export function servicePorts(service: CheckedService): string {
  const [only, ...more] = service.ports;
  if (more.length === 0) return `the SES ${service.label} port ${only}`;
  return `one of the SES ${service.label} ports ${service.ports.join(", ")}`;
}
