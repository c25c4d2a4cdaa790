import { credentialHints } from "../../src/smtp-check/auth-step";
import { shownUsername } from "../../src/smtp-check/username";
import { USER } from "../../test-support/smtp-server";

const SMTP_PASSWORD = "BGxlZnRvdmVyIHNtdHAgcGFzc3dvcmQgZXhhbXBsZQab"; // 44 characters

describe("credentialHints", () => {
  test("finds nothing wrong with an access key id and a 44-character password", () => {
    expect(credentialHints({ username: USER, password: SMTP_PASSWORD })).toEqual({ problems: [] });
  });

  test("names a region mismatch between the password and the host", () => {
    const hints = credentialHints({
      username: USER,
      password: SMTP_PASSWORD,
      hostRegion: "us-east-1",
      credentialsRegion: "eu-west-1",
    });
    expect(hints.regionMismatch).toMatch(
      /^a hint, not a finding: .*for eu-west-1 .* but the host is in us-east-1/,
    );
  });

  test("says nothing about the region when the password's region is unknown", () => {
    const hints = credentialHints({
      username: USER,
      password: SMTP_PASSWORD,
      hostRegion: "us-east-1",
    });
    expect(hints.regionMismatch).toBeUndefined();
  });

  test("recognises an IAM user name given instead of an access key id", () => {
    const { problems } = credentialHints({ username: "ses-smtp-user", password: SMTP_PASSWORD });
    expect(problems).toEqual([expect.stringMatching(/not an IAM access key id/)]);
  });

  test("recognises a temporary access key id", () => {
    const { problems } = credentialHints({
      username: "ASIAIOSFODNN7EXAMPLE",
      password: SMTP_PASSWORD,
    });
    expect(problems).toEqual([expect.stringMatching(/temporary access key id/)]);
  });

  test("recognises a secret access key given instead of the SMTP password", () => {
    const secretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"; // 40 characters
    const { problems } = credentialHints({ username: USER, password: secretKey });
    expect(problems).toEqual([expect.stringMatching(/like an IAM secret access key/)]);
  });

  test("recognises a pasted trailing space", () => {
    const { problems } = credentialHints({ username: USER, password: `${SMTP_PASSWORD} ` });
    expect(problems).toEqual([expect.stringMatching(/trailing spaces/)]);
  });
});

describe("shownUsername", () => {
  test("an access key id is shown as it is", () => {
    expect(shownUsername("AKIAIOSFODNN7EXAMPLE")).toBe("AKIAIOSFODNN7EXAMPLE");
  });

  test("anything else (perhaps a password in the wrong variable) is shown only by its length", () => {
    expect(shownUsername("BGxlZnRvdmVyIHNtdHAgcGFzc3dvcmQgZXhhbXBsZQab")).toBe(
      "44 characters, not shown",
    );
  });
});
