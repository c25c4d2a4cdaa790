import { describeTlsFailure } from "../../src/smtp-check/tls-step";

/** What Node gives for OpenSSL errors: the full OpenSSL line, and `reason`. */
const openSsl = (func: string, reason: string) => ({
  message: `C0EC1DB1B17F0000:error:0A00010B:SSL routines:${func}:${reason}:../deps/openssl/openssl/ssl/record/ssl3_record.c:354:\n`,
  reason,
});

describe("TLS errors in plain words", () => {
  test("a plain-text answer", () => {
    expect(describeTlsFailure(openSsl("ssl3_get_record", "wrong version number"))).toEqual({
      kind: "plain-text",
      words: "the server answered with plain text, not a TLS handshake",
    });
  });

  test("no TLS version in common", () => {
    const error = openSsl("tls_process_server_hello", "unsupported protocol");
    expect(describeTlsFailure(error).kind).toBe("no-common-version");
  });

  test("an OpenSSL reason it does not know keeps the reason, without codes or source paths", () => {
    const error = openSsl("tls_parse_ctos_key_share", "bad key share");
    expect(describeTlsFailure(error)).toEqual({ kind: "other", words: "bad key share" });
  });

  test("an OpenSSL line without `reason` is cut to its reason too", () => {
    const { message } = openSsl("ssl3_read_bytes", "tlsv1 alert decode error");
    expect(describeTlsFailure({ message }).words).toBe("tlsv1 alert decode error");
  });

  test("Node's certificate verification results", () => {
    const words = [
      "self-signed certificate",
      "unable to get local issuer certificate",
      "certificate has expired",
    ].map((message) => describeTlsFailure({ message }));
    expect(words).toEqual([
      { kind: "untrusted", words: "the certificate is self-signed" },
      {
        kind: "untrusted",
        words: "the certificate's issuer is not among this machine's trusted CAs",
      },
      { kind: "expired", words: "the certificate has expired" },
    ]);
  });
});
