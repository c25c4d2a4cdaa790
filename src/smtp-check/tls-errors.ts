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
