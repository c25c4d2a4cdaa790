import { parseSecret } from "../../src/smtp-check/secret-source";
import { runSmtpCheck } from "../../src/smtp-check/run-smtp-check";
import {
  createCertificate,
  resolveTo,
  startSmtpServer,
  TestCertificate,
  TestSmtpServer,
  HOST,
  USER,
  PASSWORD,
} from "../../test-support/smtp-server";

const ARN = "arn:aws:secretsmanager:us-west-2:123456789012:secret:ses-smtp-AbCdEf";
const secretJson = (fields: Record<string, unknown>) =>
  JSON.stringify({
    host: HOST,
    ports: [587],
    username: USER,
    password: PASSWORD,
    region: "us-east-1",
    ...fields,
  });

const readerOf = (
  read: (id: string, region: string | undefined) => Promise<string | undefined>,
) => ({
  read: jest.fn(read),
});

function accessDenied(): Error {
  const error = new Error(
    "User: arn:aws:sts::123456789012:assumed-role/app/i-0abc is not authorized",
  );
  error.name = "AccessDeniedException";
  return error;
}

describe("parseSecret", () => {
  test("reads the shape the sending setup writes", () => {
    expect(parseSecret(secretJson({}))).toEqual({
      host: HOST,
      ports: [587],
      username: USER,
      password: PASSWORD,
      region: "us-east-1",
    });
  });

  test("lists every missing or invalid field", () => {
    const parsed = parseSecret(JSON.stringify({ host: "not a host", ports: [2525] }));
    expect(parsed).toEqual({
      problems: [
        "`username` (a string) is missing",
        "`password` (a string) is missing",
        "`host` is not a host name",
        "`ports` is not a list of SES SMTP ports (25, 465, 587, 2465, 2587)",
      ],
    });
  });

  test("reports text that is not JSON", () => {
    expect(parseSecret("username=AKIA")).toEqual({ problems: ["it is not JSON"] });
  });
});

describe("the secret step", () => {
  test("an unreadable secret fails with exit 15 and names the missing permission", async () => {
    const resolver = resolveTo("127.0.0.1");
    const report = await runSmtpCheck(
      { secretId: "ses-smtp", region: "us-east-1" },
      { secrets: readerOf(() => Promise.reject(accessDenied())), resolver },
    );
    expect([report.exitCode, report.steps[0].status, report.steps[0].fix]).toEqual([
      15,
      "fail",
      expect.stringMatching(/secretsmanager:GetSecretValue/),
    ]);
  });

  test("does nothing else after the secret fails", async () => {
    const resolver = resolveTo("127.0.0.1");
    await runSmtpCheck(
      { secretId: "ses-smtp", region: "us-east-1" },
      { secrets: readerOf(() => Promise.reject(accessDenied())), resolver },
    );
    expect(resolver.asked).toEqual([]);
  });

  test("a secret without a password fails with exit 15 and does not print its values", async () => {
    const secrets = readerOf(async () => secretJson({ password: undefined }));
    const report = await runSmtpCheck({ secretId: "ses-smtp" }, { secrets });
    const secret = report.steps[0];
    expect([
      report.exitCode,
      secret.detail.includes("`password`"),
      secret.detail.includes(USER),
    ]).toEqual([15, true, false]);
  });

  test("a secret without host or region fails when no host is given", async () => {
    const secrets = readerOf(async () => secretJson({ host: undefined, region: undefined }));
    const report = await runSmtpCheck({ secretId: "ses-smtp" }, { secrets });
    expect(report.steps[0].detail).toMatch(/no host to check/);
  });

  test("calls Secrets Manager in the region of the secret's ARN", async () => {
    const secrets = readerOf(() => Promise.reject(accessDenied()));
    await runSmtpCheck({ secretId: ARN, region: "eu-west-1" }, { secrets });
    expect(secrets.read).toHaveBeenCalledWith(ARN, "us-west-2");
  });
});

describe("a check driven by the secret, against a loopback server", () => {
  let certificate: TestCertificate;
  let server: TestSmtpServer;

  beforeAll(async () => {
    certificate = createCertificate([HOST]);
    server = await startSmtpServer({ certificate, users: { [USER]: PASSWORD } });
  });

  afterAll(async () => {
    await server.close();
    certificate.remove();
  });

  const run = (json: string) =>
    runSmtpCheck(
      { secretId: "ses-smtp", port: server.port, tlsMode: "starttls", ca: certificate.cert },
      { secrets: readerOf(async () => json), resolver: resolveTo("127.0.0.1") },
    );

  test("uses the secret's host and credentials and passes", async () => {
    const report = await run(secretJson({}));
    expect([report.host, report.exitCode, report.steps[4].detail]).toEqual([
      HOST,
      0,
      expect.stringContaining("the credentials in secret ses-smtp"),
    ]);
  });

  test("names the region mismatch when the secret's region differs from the host's", async () => {
    const report = await run(secretJson({ region: "eu-west-1", password: "B".repeat(44) }));
    expect([report.exitCode, report.steps[4].cause]).toEqual([
      13,
      expect.stringMatching(
        /^a hint, not a finding: the SMTP password is said to be for eu-west-1 .* but the host is in us-east-1/,
      ),
    ]);
  });
});
