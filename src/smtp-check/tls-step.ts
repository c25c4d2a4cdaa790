/** The TLS step (STARTTLS or implicit TLS, verified), and Node's TLS errors in plain words. */
import { describeTlsMode, TlsMode } from "./options";
import { SmtpError, SmtpSession } from "./smtp-session";
import { failed, formatLimit, PartialFailure, passed, StepOutcome } from "./step-result";

export interface TlsSettings {
  /** Name the certificate must cover. @default none (required) */
  readonly host: string;
  /** Port, named in the diagnoses. @default none (required) */
  readonly port: number;
  /** How TLS starts. @default none (required) */
  readonly tlsMode: TlsMode;
  /** The session's limit, named in the diagnoses, in ms. @default none (required) */
  readonly timeoutMs: number;
}

/** Some addresses of the name complete TLS and others do not: they are not one endpoint's. */
export const SOME_TLS_FAILED: PartialFailure = {
  cause: (failing) =>
    `the addresses of one name do not answer alike: ${failing.join(", ")} is not an interface of the same endpoint (a record that lists another server, or a proxy in front of one subnet)`,
  fix: () =>
    "compare the addresses' results below; make the record an alias to the VPC endpoint's DNS name, so that every address is one of its interfaces",
};

const PORTS_FOR =
  "SES uses implicit TLS on 465 and 2465 and STARTTLS on 25, 587 and 2587: check --port and --tls";

function certificateProblem(error: SmtpError, settings: TlsSettings): StepOutcome | undefined {
  const { kind, words } = describeTlsFailure(error);
  if (kind === "name") {
    const names = error.cert?.subjectaltname ?? "other names";
    return failed(
      `the certificate is for ${names}, not for ${settings.host}`,
      `whatever answered is not SES under this name: a TLS-inspecting proxy, another server, or a host name (or IP address) that SES's certificate does not cover`,
      "connect by the name email-smtp.<region>.amazonaws.com (the private hosted zone must use exactly that name; through a tunnel or relay add --tls-name or --connect-to), and exempt the SES endpoint from TLS inspection",
    );
  }
  if (kind === "untrusted") {
    return failed(
      `the certificate is not trusted: ${words}`,
      "SES's certificates chain to public roots, so something re-signs the traffic (a TLS-inspecting proxy or firewall) or the server is not SES",
      "exempt the SES endpoint from TLS inspection, or trust the inspecting CA with --ca-file <pem>",
    );
  }
  if (kind === "expired") {
    return failed(
      `the certificate is outside its validity period: ${words}`,
      "this machine's clock is wrong, or the server is not SES",
      "check the clock (`timedatectl`, chrony), then retry",
    );
  }
  return undefined;
}

function timeoutProblem(session: SmtpSession, s: TlsSettings): StepOutcome {
  const limit = formatLimit(s.timeoutMs);
  if (!session.greeted()) {
    const handshakeDone = session.tlsFacts() !== undefined;
    if (s.tlsMode === "starttls" || handshakeDone) {
      const after = handshakeDone ? "the TLS handshake succeeded but " : "";
      return failed(
        `connected, but ${after}no SMTP greeting arrived within ${limit}`,
        `something accepts TCP on port ${s.port} without speaking SMTP: a port that expects ${s.tlsMode === "implicit" ? "STARTTLS" : "implicit TLS"}, a proxy or load balancer with no working target, or a service that is not SMTP`,
        PORTS_FOR,
      );
    }
    return failed(
      `connected, but no TLS handshake completed within ${limit}`,
      `port ${s.port} does not answer a TLS handshake: it probably expects plain-text SMTP and STARTTLS`,
      PORTS_FOR,
    );
  }
  const command = session.lastCommand() ?? "the greeting";
  return failed(
    `the server stopped answering after ${command} (no reply within ${limit})`,
    command === "STARTTLS"
      ? "the TLS handshake after STARTTLS stalled: a firewall or proxy interferes with TLS"
      : "the server or the network between stopped responding mid-session",
    "retry; if it persists, capture the session with --verbose and check middleboxes on the path",
  );
}

function protocolProblem(error: SmtpError, session: SmtpSession, s: TlsSettings): StepOutcome {
  const reply = error.response ?? "";
  if (error.code === "ETLS" && reply) {
    return failed(
      `the server refused STARTTLS: ${reply}`,
      "SES always offers STARTTLS, so the server is not SES or something in between strips it",
      "check that the name resolves to the SES endpoint, not to another mail server or proxy",
    );
  }
  if (error.command === "CONN" && error.responseCode) {
    return failed(
      `the server greeted with "${reply}" instead of 220`,
      "the server refuses service to this client (SES answers 421 when it is busy), or it is not SES",
      "retry in a minute; if it persists, check which server answers at this address",
    );
  }
  const tls = describeTlsFailure(error);
  if (tls.kind === "plain-text") {
    return failed(
      `the TLS handshake got plain text back: ${tls.words}`,
      `port ${s.port} speaks plain-text SMTP (STARTTLS), not ${describeTlsMode(s.tlsMode)}`,
      PORTS_FOR,
    );
  }
  if (tls.kind === "no-common-version" || tls.kind === "no-common-cipher") {
    return failed(
      `the TLS handshake failed: ${tls.words}`,
      "SES accepts TLS 1.2 and 1.3 with current ciphers, so the server is not SES, or this machine's OpenSSL policy is too strict or too old",
      "check which server answers at this address, and this machine's OpenSSL settings (openssl.cnf)",
    );
  }
  const where = session.greeted()
    ? `after ${session.lastCommand() ?? "the greeting"}`
    : "before any SMTP greeting";
  return failed(
    `the connection failed ${where}: ${tls.words}`,
    session.greeted()
      ? "the server or a middlebox closed the session during the TLS upgrade"
      : "something accepts TCP at this address but closes it: not an SMTP server, or it rejects this client",
    "check which server answers at this address (--verbose shows the conversation)",
  );
}

/** Why the session could not reach a verified TLS state. */
export function diagnoseTlsError(
  error: SmtpError,
  session: SmtpSession,
  settings: TlsSettings,
): StepOutcome {
  return (
    certificateProblem(error, settings) ??
    (error.code === "ETIMEDOUT"
      ? timeoutProblem(session, settings)
      : protocolProblem(error, session, settings))
  );
}

/** TLS step: greeting, STARTTLS or implicit TLS, certificate verified against the host name. */
export async function checkTls(session: SmtpSession, settings: TlsSettings): Promise<StepOutcome> {
  try {
    await session.open();
  } catch (error) {
    return diagnoseTlsError(error as SmtpError, session, settings);
  }
  const facts = session.tlsFacts();
  if (!facts) {
    return failed(
      "the session is not encrypted",
      "the client did not negotiate TLS",
      "report this as a bug in smtp-check",
    );
  }
  return passed(
    `${facts.protocol} (${facts.cipher}) via ${describeTlsMode(settings.tlsMode)}; certificate ${facts.subject}, issued by ${facts.issuer}, valid until ${facts.validTo}, verified for ${settings.host}`,
  );
}

/**
 * Node's TLS and OpenSSL errors in plain words. nodemailer replaces the error's `code` (Node's
 * `DEPTH_ZERO_SELF_SIGNED_CERT`, `ERR_SSL_WRONG_VERSION_NUMBER`, …) with its own `ESOCKET` or
 * `ETLS`, so this reads what it leaves: Node's `reason` (OpenSSL's reason string, or the name
 * mismatch) and the message, which for certificate errors is OpenSSL's verify result text. The
 * one place that does; the tests pin each translation against real handshakes.
 */

/** What went wrong in the handshake, as smtp-check tells the cases apart. */
export type TlsFailureKind =
  | "name"
  | "untrusted"
  | "expired"
  | "plain-text"
  | "no-common-version"
  | "no-common-cipher"
  | "closed"
  | "other";

export interface TlsFailure {
  readonly kind: TlsFailureKind;
  /** One sentence, without OpenSSL's error codes or source paths. */
  readonly words: string;
}

interface NodeTlsError {
  readonly message: string;
  readonly reason?: string;
}

/** Known texts (OpenSSL's verify results and reasons, Node's own), most specific first. */
const KNOWN: readonly [RegExp, TlsFailureKind, string][] = [
  [/altnames|is not in the cert's list/i, "name", "the certificate does not cover the name"],
  [
    /self[- ]signed certificate in certificate chain/i,
    "untrusted",
    "the certificate chain ends in a self-signed root that this machine does not trust",
  ],
  [/self[- ]signed certificate/i, "untrusted", "the certificate is self-signed"],
  [
    /unable to get (local )?issuer certificate/i,
    "untrusted",
    "the certificate's issuer is not among this machine's trusted CAs",
  ],
  [
    /unable to verify the first certificate/i,
    "untrusted",
    "the certificate cannot be traced to a trusted CA (the server sent no intermediate, or its CA is not trusted here)",
  ],
  [/certificate has expired/i, "expired", "the certificate has expired"],
  [/certificate is not yet valid/i, "expired", "the certificate is not valid yet"],
  [
    /wrong version number|packet length too long|http request|unknown protocol|record layer failure/i,
    "plain-text",
    "the server answered with plain text, not a TLS handshake",
  ],
  [
    /unsupported protocol|alert protocol version|no protocols available/i,
    "no-common-version",
    "the server and this machine have no TLS version in common",
  ],
  [
    /handshake failure|no shared cipher|no cipher/i,
    "no-common-cipher",
    "the server refused the handshake: no cipher (or signature algorithm) in common",
  ],
  [
    /unexpected eof|socket disconnected before secure TLS connection|ECONNRESET|socket hang up/i,
    "closed",
    "the server closed the connection in the middle of the TLS handshake",
  ],
];

/** OpenSSL's `C0EC…:error:0A00010B:SSL routines:func:reason:../deps/…/file.c:354:` to `reason`. */
function withoutOpenSslNoise(text: string): string {
  const reason = /:error:[0-9A-F]+:[^:]*:[^:]*:([^:]+)/.exec(text)?.[1];
  return (reason ?? text).replace(/\s*\S*\/\S+\.c:\d+:?/g, "").trim();
}

/** The failure's kind and plain words; unknown errors keep their text, minus OpenSSL noise. */
export function describeTlsFailure(error: NodeTlsError): TlsFailure {
  const text = `${error.reason ?? ""} ${error.message}`;
  const known = KNOWN.find(([pattern]) => pattern.test(text));
  if (known) return { kind: known[1], words: known[2] };
  return { kind: "other", words: withoutOpenSslNoise(error.reason ?? error.message) };
}
