/**
 * `smtp-check api` against a local SES API stand-in (HTTPS with a self-signed certificate for
 * email.us-east-1.amazonaws.com) that checks every request's SigV4 signature.
 */
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { API_FLAG_NAMES, API_HELP, parseApiCli } from "../../src/smtp-check/cli-args";
import { FoundCredentials } from "../../src/smtp-check/credentials-step";
import { SesApiServer, startSesApiServer } from "../../test-support/ses-api-server";
import {
  CliRun,
  createCertificate,
  refusedPort,
  resolveTo,
  runCli,
  TestCertificate,
} from "../../test-support/smtp-server";

const API_HOST = "email.us-east-1.amazonaws.com";
const KEY_ID = "AKIAIOSFODNN7EXAMPLE";
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

const SANDBOX = {
  ProductionAccessEnabled: false,
  SendingEnabled: true,
  EnforcementStatus: "HEALTHY",
  SendQuota: { Max24HourSend: 200, MaxSendRate: 1, SentLast24Hours: 37 },
};

let certificate: TestCertificate;
const servers: SesApiServer[] = [];

beforeAll(() => {
  certificate = createCertificate([API_HOST]);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  certificate.remove();
});

async function server(account: object = SANDBOX, more: object = {}): Promise<SesApiServer> {
  const started = await startSesApiServer({
    certificate,
    keys: { [KEY_ID]: SECRET },
    account: account as Record<string, unknown>,
    region: "us-east-1",
    ...more,
  });
  servers.push(started);
  return started;
}

const fromEnv =
  (secret = SECRET) =>
  async (): Promise<FoundCredentials> => ({
    accessKeyId: KEY_ID,
    secretAccessKey: secret,
    $source: { CREDENTIALS_ENV_VARS: "g" },
  });

/** The hub's path: the API host resolves to a private address, which leads to the stand-in. */
function api(ses: SesApiServer, more: string[] = [], credentials = fromEnv()): Promise<CliRun> {
  return runCli(
    ["api", "--region", "us-east-1", "--ca-file", certificate.certFile, ...more],
    {},
    {
      credentials,
      resolver: resolveTo("10.1.0.25"),
      connector: () => connect({ host: "127.0.0.1", port: ses.port }),
    },
  );
}

describe("an account in the sandbox, through the hub's private zone", () => {
  let ses: SesApiServer;
  let plain: CliRun;
  let json: any;
  beforeAll(async () => {
    ses = await server();
    plain = await api(ses);
    json = JSON.parse((await api(ses, ["--json"])).out.join("\n"));
  });

  test("passes every step and exits 0", () => {
    expect([plain.code, json.steps.map((s: any) => `${s.name}:${s.status}`)]).toEqual([
      0,
      ["creds:pass", "dns:pass", "tcp:pass", "tls:pass", "api:pass"],
    ]);
  });

  test("signs GetAccount so that SES's check holds", () => {
    expect(ses.requests).toEqual([
      { path: "/v2/email/account", signed: true, problem: undefined },
      { path: "/v2/email/account", signed: true, problem: undefined },
    ]);
  });

  test("prints sandbox, sending, the quota, the share used and the enforcement status", () => {
    expect(plain.out.join("\n")).toContain(
      [
        "  access:       sandbox",
        "  sending:      enabled",
        "  quota:        200 per 24 h, 1 per second",
        "  used:         37 in the last 24 h (18.5 %)",
        "  enforcement:  HEALTHY",
        "",
        `OK: this account can send through ${API_HOST} in us-east-1: exit 0`,
      ].join("\n"),
    );
  });

  test("--json carries the account", () => {
    expect(json).toMatchObject({
      ok: true,
      check: "api",
      host: API_HOST,
      port: 443,
      account: {
        productionAccess: false,
        sendingEnabled: true,
        enforcementStatus: "HEALTHY",
        quota: { max24HourSend: 200, maxSendRate: 1, sentLast24Hours: 37, usedPercent: 18.5 },
      },
    });
  });

  test("names the credentials' key and source, never the secret", () => {
    expect(plain.out.join("\n")).toMatch(
      /PASS creds .*long-term access key AKIAIOSFODNN7EXAMPLE from environment variables/,
    );
    expect([...plain.out, ...plain.err].join("\n")).not.toContain(SECRET);
  });

  test("the DNS step says the private zone answered", () => {
    expect(json.steps[1].detail).toBe(
      `${API_HOST} → 10.1.0.25 (private); private addresses: the private hosted zone answers`,
    );
  });
});

describe("failures, each with its step, cause and fix", () => {
  test("sending paused by AWS: exit 17, naming the enforcement status", async () => {
    const ses = await server({ ...SANDBOX, SendingEnabled: false, EnforcementStatus: "SHUTDOWN" });
    const { code, out } = await api(ses, ["--json"]);
    const step = JSON.parse(out.join("\n")).steps[4];
    expect([code, step.status, step.cause]).toEqual([
      17,
      "fail",
      "AWS paused sending for this account in us-east-1 (enforcement SHUTDOWN)",
    ]);
  });

  test("a wrong secret key: SES's signature check fails and the cause says clock or key", async () => {
    const ses = await server();
    const { code, out } = await api(ses, ["--json"], fromEnv("not-the-secret"));
    const step = JSON.parse(out.join("\n")).steps[4];
    expect([code, ses.requests[0].signed, step.detail, step.cause]).toEqual([
      17,
      false,
      "GetAccount answered HTTP 403 SignatureDoesNotMatch",
      expect.stringMatching(/secret access key does not belong .* clock is off/),
    ]);
  });

  test("access denied: the cause names ses:GetAccount", async () => {
    const ses = await server(SANDBOX, { fail: { status: 403, type: "AccessDeniedException" } });
    const { code, out } = await api(ses, ["--json"]);
    expect([code, JSON.parse(out.join("\n")).steps[4].cause]).toEqual([
      17,
      expect.stringContaining("may not call ses:GetAccount"),
    ]);
  });

  test("no credentials: exit 16 before anything is contacted", async () => {
    const ses = await server();
    const none = async (): Promise<FoundCredentials> => {
      throw Object.assign(new Error("Could not load credentials from any providers"), {
        name: "CredentialsProviderError",
      });
    };
    const { code, out } = await api(ses, ["--json"], none);
    const json = JSON.parse(out.join("\n"));
    expect([code, json.steps.map((s: any) => s.status), ses.requests]).toEqual([
      16,
      ["fail", "skip", "skip", "skip", "skip"],
      [],
    ]);
  });

  test("a certificate for another name: exit 12 at TLS, and no request is sent", async () => {
    const other = createCertificate(["example.com"]);
    const ses = await startSesApiServer({
      certificate: other,
      keys: { [KEY_ID]: SECRET },
      account: SANDBOX,
      region: "us-east-1",
    });
    servers.push(ses);
    const { code, out } = await api(ses, ["--json", "--ca-file", other.certFile]);
    other.remove();
    const tls = JSON.parse(out.join("\n")).steps[3];
    expect([code, tls.detail, ses.requests]).toEqual([
      12,
      expect.stringContaining("the certificate does not cover the name"),
      [],
    ]);
  });

  test("public addresses for the API host fail DNS unless --allow-public", async () => {
    const ses = await server();
    const run = (more: string[]) =>
      runCli(
        ["api", "--region", "us-east-1", "--ca-file", certificate.certFile, "--json", ...more],
        {},
        {
          credentials: fromEnv(),
          resolver: resolveTo("52.94.0.10"),
          connector: () => connect({ host: "127.0.0.1", port: ses.port }),
        },
      );
    const refused = await run([]);
    const allowed = await run(["--allow-public"]);
    expect([refused.code, allowed.code]).toEqual([10, 0]);
  });
});

describe("the API check's fixes name the API host and port, not SMTP's", () => {
  const step = (run: CliRun, name: string) =>
    JSON.parse(run.out.join("\n")).steps.find((s: { name: string }) => s.name === name);

  test("a public address given as --host: use the API host name", async () => {
    const run = await runCli(
      ["api", "--region", "us-east-1", "--host", "52.94.0.10", "--json"],
      {},
      { credentials: fromEnv() },
    );
    const fix = step(run, "dns").fix;
    expect([run.code, fix]).toEqual([10, expect.stringContaining(`the name ${API_HOST} that`)]);
    expect(fix).not.toMatch(/email-smtp/);
  });

  test("a refused connection: use port 443, not the SMTP ports", async () => {
    const port = await refusedPort();
    const run = await runCli(
      ["api", "--region", "us-east-1", "--json"],
      {},
      {
        credentials: fromEnv(),
        resolver: resolveTo("10.1.0.25"),
        connector: () => connect({ host: "127.0.0.1", port }),
      },
    );
    const tcp = step(run, "tcp");
    expect(tcp.fix).toBe(
      "use the SES API port 443, and check that the name resolves to the endpoint's addresses",
    );
  });
});

describe("smtp-check api usage", () => {
  test("the region comes from --region, the host name, or AWS_REGION", () => {
    expect(parseApiCli(["--host", "email.eu-west-1.amazonaws.com"], {}).options.region).toBe(
      "eu-west-1",
    );
    expect(parseApiCli([], { AWS_REGION: "ap-south-1" }).options.region).toBe("ap-south-1");
  });

  test("--endpoint-url takes only a plain http://host:port (an emulator)", async () => {
    const { code, err } = await runCli([
      "api",
      "--region",
      "us-east-1",
      "--endpoint-url",
      "https://email.us-east-1.amazonaws.com",
    ]);
    expect([code, err[0]]).toEqual([
      2,
      'smtp-check: --endpoint-url "https://email.us-east-1.amazonaws.com": must be http://host:port of a local emulator (SES itself: leave it out)',
    ]);
  });

  test("without a region it says where one comes from", async () => {
    const { code, err } = await runCli(["api"]);
    expect([code, err[0], err[1]]).toEqual([
      2,
      "smtp-check: no region to check: pass --region <region> (or --host email.<region>.amazonaws.com), or set AWS_REGION",
      expect.stringMatching(/^Usage: smtp-check api /),
    ]);
  });
});

test("smtp-check api --help and docs/smtp-check.md name every flag of the API check", () => {
  const docs = readFileSync(join(__dirname, "..", "..", "docs", "smtp-check.md"), "utf8");
  expect(API_FLAG_NAMES.filter((flag) => !docs.includes(`\`--${flag}`))).toEqual([]);
  expect(API_FLAG_NAMES.filter((flag) => !API_HELP.includes(`--${flag}`))).toEqual([]);
});
