/**
 * What a check is asked to do (`SmtpCheckOptions`, its defaults), and the facts about the SES
 * SMTP interface that every step needs: ports, TLS modes, host names.
 */
import { DEFAULT_SMTP_PORT, REGION_PATTERN, sesSmtpHost, SMTP_PORTS } from "../private/ses-facts";

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

/** SES SMTP credentials: an IAM access key id and the SMTP password derived from its secret. */
export interface SmtpCredentials {
  /**
   * SMTP user name: the IAM access key id (`AKIA…`).
   * @default none
   */
  readonly username: string;
  /**
   * SMTP password: derived from the secret access key for one region (44 characters).
   * @default none
   */
  readonly password: string;
  /**
   * Where the credentials came from, named in messages (for example `--user/--password`).
   * @default "the given credentials"
   */
  readonly source?: string;
  /**
   * Region the SMTP password was derived for, when known (the secret's `region`).
   * @default the `region` option when it was given, otherwise unknown
   */
  readonly region?: string;
}

/** Where `connectTo` sends the TCP connection. */
export interface ConnectTo {
  /** Host name or IP address of the tunnel or relay. @default none (required) */
  readonly host: string;
  /** Its TCP port. @default none (required) */
  readonly port: number;
}

/** A name=value pair sent in the `X-SES-MESSAGE-TAGS` header. */
export interface MessageTag {
  /** Tag name: ASCII letters, digits, `_` and `-`. @default none */
  readonly name: string;
  /** Tag value: ASCII letters, digits, `_` and `-`. @default none */
  readonly value: string;
}

/** The optional test message of the send step. */
export interface TestMessageOptions {
  /**
   * Envelope and header sender; must be an identity verified in SES.
   * @default none
   */
  readonly from: string;
  /**
   * Recipients (in the sandbox they must be verified too, or SES mailbox simulator addresses).
   * @default none
   */
  readonly to: readonly string[];
  /**
   * Configuration set named in `X-SES-CONFIGURATION-SET`, so SES publishes the message's events.
   * @default none (no header: SES uses the identity's default configuration set, if any)
   */
  readonly configurationSet?: string;
  /**
   * Message tags sent in `X-SES-MESSAGE-TAGS`; the first one is the CloudWatch dimension that
   * the printed `get-metric-statistics` command asks for.
   * @default [{ name: "campaign", value: "smtp-check" }]
   */
  readonly tags?: readonly MessageTag[];
  /**
   * Event archive bucket named in the printed `aws s3 ls` command.
   * @default the placeholder `<event-archive-bucket>`
   */
  readonly bucket?: string;
  /**
   * Key prefix under which Firehose writes the events.
   * @default "ses/"
   */
  readonly s3Prefix?: string;
}

/** Everything `runSmtpCheck` checks. All fields are optional; see each default. */
export interface SmtpCheckOptions {
  /**
   * SMTP host name (or IP address) to check.
   * @default the secret's `host`, otherwise `email-smtp.<region>.amazonaws.com`
   */
  readonly host?: string;
  /**
   * AWS region of SES: picks the default host, the Secrets Manager region (unless the secret id
   * is an ARN) and the region of the printed CloudWatch command.
   * @default the secret's `region`, otherwise the region in the host name
   */
  readonly region?: string;
  /**
   * TCP port.
   * @default the first of the secret's `ports`, otherwise 587
   */
  readonly port?: number;
  /**
   * How TLS starts.
   * @default implicit TLS on 465 and 2465, STARTTLS on every other port
   */
  readonly tlsMode?: TlsMode;
  /**
   * Connect here instead of to the host's own addresses (an SSH tunnel, a relay), as curl's
   * `--connect-to`: TLS still sends SNI for, and verifies the certificate against, `tlsName`.
   * @default none: connect to every address the host name resolves to
   */
  readonly connectTo?: ConnectTo;
  /**
   * Name sent as SNI and verified against the server's certificate (openssl's `-servername`,
   * swaks' `--tls-sni`).
   * @default the host
   */
  readonly tlsName?: string;
  /**
   * SMTP credentials for AUTH LOGIN; without them (and without `secretId`) the auth and send
   * steps are skipped.
   * @default none
   */
  readonly credentials?: SmtpCredentials;
  /**
   * Secrets Manager secret (name or ARN) holding `{host, ports, username, password, region}`;
   * its values fill in whatever `host`, `port` and `credentials` leave open.
   * @default none (the secret step is skipped)
   */
  readonly secretId?: string;
  /**
   * Test message; without it the send step is skipped.
   * @default none
   */
  readonly message?: TestMessageOptions;
  /**
   * Limit for the TCP connect, in milliseconds.
   * @default 5000
   */
  readonly connectTimeoutMs?: number;
  /**
   * Limit for each SMTP exchange (greeting, TLS handshake, every reply) and for the DNS lookup,
   * in milliseconds.
   * @default 10000
   */
  readonly smtpTimeoutMs?: number;
  /**
   * PEM certificates trusted in addition to Node's built-in CA store (a TLS-inspecting proxy's
   * CA, or a test server's self-signed certificate). Verification is never turned off.
   * @default none: only the built-in store
   */
  readonly ca?: string;
  /**
   * Accept a host name that resolves to public addresses (checking the public SES endpoint on
   * purpose, rather than the shared VPC endpoint).
   * @default false
   */
  readonly allowPublicAddresses?: boolean;
}

export const DEFAULT_PORT = DEFAULT_SMTP_PORT;
export const DEFAULT_CONNECT_TIMEOUT_MS = 5000;
export const DEFAULT_SMTP_TIMEOUT_MS = 10_000;
export const DEFAULT_TAGS: readonly MessageTag[] = [{ name: "campaign", value: "smtp-check" }];
export const DEFAULT_S3_PREFIX = "ses/";
