import { connect, Socket } from "node:net";
import { SmtpCheckOptions } from "../../src/smtp-check/options";
import { runSmtpCheck, SmtpCheckDeps, SmtpCheckReport } from "../../src/smtp-check/run-smtp-check";
import { StepName } from "../../src/smtp-check/step-result";
import {
  createCertificate,
  refusedPort,
  resolveTo,
  startSilentServer,
  startSmtpServer,
  TEST_MESSAGE_ID,
  TestCertificate,
  TestSmtpServer,
  TestSmtpServerOptions,
  HOST,
  USER,
  PASSWORD,
} from "../../test-support/smtp-server";

let certificate: TestCertificate;
let otherCertificate: TestCertificate;

beforeAll(() => {
  certificate = createCertificate([HOST]);
  otherCertificate = createCertificate(["smtp.other.example"]);
});

afterAll(() => {
  certificate.remove();
  otherCertificate.remove();
});

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(options: Partial<TestSmtpServerOptions> = {}): Promise<TestSmtpServer> {
  const started = await startSmtpServer({ certificate, users: { [USER]: PASSWORD }, ...options });
  servers.push(started);
  return started;
}

/** Checks HOST (resolved to 127.0.0.1) on a loopback port, trusting the test certificate. */
function check(port: number, options: Partial<SmtpCheckOptions> = {}, deps: SmtpCheckDeps = {}) {
  return runSmtpCheck(
    {
      host: HOST,
      port,
      tlsMode: "starttls",
      ca: certificate.cert,
      smtpTimeoutMs: 3000,
      credentials: { username: USER, password: PASSWORD },
      ...options,
    },
    { resolver: resolveTo("127.0.0.1"), ...deps },
  );
}

const step = (report: SmtpCheckReport, name: StepName) =>
  report.steps.find((s) => s.name === name)!;
const statuses = (report: SmtpCheckReport) => report.steps.map((s) => `${s.name}:${s.status}`);

describe("a full pass over STARTTLS, with a test message", () => {
  let smtp: TestSmtpServer;
  let report: SmtpCheckReport;

  beforeAll(async () => {
    smtp = await startSmtpServer({ certificate, users: { [USER]: PASSWORD } });
    report = await check(smtp.port, {
      message: {
        from: "sender@example.com",
        to: ["success@simulator.amazonses.com"],
        configurationSet: "tf-configuration-set",
        tags: [
          { name: "campaign", value: "test" },
          { name: "team", value: "mail" },
        ],
        bucket: "my-events",
      },
    });
  });

  afterAll(() => smtp.close());

  test("passes every requested step and exits 0", () => {
    expect([report.exitCode, statuses(report)]).toEqual([
      0,
      ["secret:skip", "dns:pass", "tcp:pass", "tls:pass", "auth:pass", "send:pass"],
    ]);
  });

  test("verified TLS through STARTTLS before authenticating", () => {
    expect(step(report, "tls").detail).toMatch(
      new RegExp(`^TLSv1\\.[23] .* via STARTTLS; certificate DNS:${HOST}.*verified for ${HOST}$`),
    );
  });

  test("the server received the envelope", () => {
    expect(smtp.messages.map((m) => [m.user, m.from, m.to])).toEqual([
      [USER, "sender@example.com", ["success@simulator.amazonses.com"]],
    ]);
  });

  test("the server received the SES headers", () => {
    const { headers } = smtp.messages[0];
    expect([headers["x-ses-configuration-set"], headers["x-ses-message-tags"]]).toEqual([
      "tf-configuration-set",
      "campaign=test, team=mail",
    ]);
  });

  test("writes the SES header names exactly as SES documents them, on the wire", () => {
    expect(smtp.messages[0].raw).toMatch(
      /^X-SES-CONFIGURATION-SET: tf-configuration-set\r\nX-SES-MESSAGE-TAGS: campaign=test, team=mail\r\n/,
    );
  });

  test("returns SES's message id and the follow-up commands", () => {
    expect(report.followUp).toEqual({
      messageId: TEST_MESSAGE_ID,
      commands: [
        "aws s3 ls s3://my-events/ses/ --recursive",
        expect.stringMatching(/--dimensions Name=campaign,Value=test .* --region us-east-1$/),
      ],
    });
  });

  test("keeps the password out of the transcript", () => {
    const transcript = report.transcript.join("\n");
    const encoded = Buffer.from(PASSWORD).toString("base64");
    expect([transcript.includes(PASSWORD), transcript.includes(encoded)]).toEqual([false, false]);
  });
});

test("passes over implicit TLS", async () => {
  const smtp = await server({ implicitTls: true });
  const report = await check(smtp.port, { tlsMode: "implicit" });
  expect([report.exitCode, step(report, "tls").detail]).toEqual([
    0,
    expect.stringContaining("via implicit TLS"),
  ]);
});

test("skips AUTH and send when no credentials and no message are given", async () => {
  const smtp = await server();
  const report = await check(smtp.port, { credentials: undefined });
  expect([report.exitCode, step(report, "auth").status, step(report, "send").status]).toEqual([
    0,
    "skip",
    "skip",
  ]);
});

describe("bad credentials", () => {
  test("fail at AUTH with exit 13 and the server's 535", async () => {
    const smtp = await server();
    const report = await check(smtp.port, {
      credentials: { username: USER, password: "B".repeat(44) },
    });
    expect([report.exitCode, step(report, "auth").detail]).toEqual([
      13,
      expect.stringContaining("535 Authentication Credentials Invalid"),
    ]);
  });

  test("name both possibilities (wrong credentials, wrong region) when the region cannot be compared", async () => {
    const smtp = await server();
    const report = await check(smtp.port, {
      credentials: { username: USER, password: "B".repeat(44) },
    });
    expect(step(report, "auth").cause).toMatch(
      /wrong user name or password.*derived for a region other than us-east-1/,
    );
  });

  test("name the region mismatch when --region says the password is for another region", async () => {
    const smtp = await server();
    const report = await check(smtp.port, {
      region: "eu-west-1",
      credentials: { username: USER, password: "B".repeat(44) },
    });
    expect(step(report, "auth").cause).toMatch(
      /^a hint, not a finding: the SMTP password is said to be for eu-west-1 .* but the host is in us-east-1; .*SES's 535 is the same for a wrong password/,
    );
  });

  test("skip the send", async () => {
    const smtp = await server();
    const report = await check(smtp.port, {
      credentials: { username: USER, password: "wrong" },
      message: { from: "sender@example.com", to: ["success@simulator.amazonses.com"] },
    });
    expect([step(report, "send").status, smtp.messages]).toEqual(["skip", []]);
  });
});

test("a server that does not offer AUTH LOGIN fails at AUTH as not SES", async () => {
  const smtp = await server({ authMethods: ["PLAIN"] });
  const report = await check(smtp.port);
  expect([report.exitCode, step(report, "auth").cause]).toEqual([
    13,
    expect.stringMatching(/not SES/),
  ]);
});

describe("a port that never answers", () => {
  const neverConnects = () => new Socket(); // a socket nobody connects: no SYN-ACK, ever

  test("fails at TCP with exit 11 once the configured limit fires", async () => {
    const report = await check(587, { connectTimeoutMs: 300 }, { connector: neverConnects });
    const tcp = step(report, "tcp");
    expect([report.exitCode, tcp.detail]).toEqual([
      11,
      "no answer from 127.0.0.1:587 within 300 ms",
    ]);
  });

  test("gives up at the limit, not minutes later", async () => {
    const report = await check(587, { connectTimeoutMs: 300 }, { connector: neverConnects });
    const { ms } = step(report, "tcp");
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(3000);
  });

  test("points a private address's timeout at the security group and the routes between the VPCs", async () => {
    const report = await check(
      587,
      { connectTimeoutMs: 300 },
      { connector: neverConnects, resolver: resolveTo("10.0.1.5") },
    );
    expect([report.exitCode, step(report, "tcp").cause]).toEqual([
      11,
      expect.stringMatching(/security group has no inbound rule for TCP 587.*route tables/),
    ]);
  });
});

test("a server that greets late, within the SMTP limit, passes", async () => {
  const smtp = await server({ greetingDelayMs: 250 });
  const report = await check(smtp.port, { smtpTimeoutMs: 3000 });
  expect([report.exitCode, statuses(report)]).toEqual([
    0,
    ["secret:skip", "dns:pass", "tcp:pass", "tls:pass", "auth:pass", "send:skip"],
  ]);
});

test("a server that accepts but never greets fails at TLS after the SMTP limit", async () => {
  const silent = await startSilentServer();
  servers.push(silent);
  const report = await check(silent.port, { smtpTimeoutMs: 300 });
  expect([report.exitCode, step(report, "tcp").status, step(report, "tls").detail]).toEqual([
    12,
    "pass",
    "connected, but no SMTP greeting arrived within 300 ms",
  ]);
});

test("a server that accepts but never answers a TLS handshake fails at TLS (implicit TLS)", async () => {
  const silent = await startSilentServer();
  servers.push(silent);
  const report = await check(silent.port, { tlsMode: "implicit", smtpTimeoutMs: 300 });
  expect([report.exitCode, step(report, "tls").detail]).toEqual([
    12,
    "connected, but no TLS handshake completed within 300 ms",
  ]);
});

test("a server that stops answering mid-session fails after the SMTP limit, not later", async () => {
  const smtp = await server({ stallAuth: true });
  const report = await check(smtp.port, { smtpTimeoutMs: 300 });
  const auth = step(report, "auth");
  expect([report.exitCode, auth.ms >= 290 && auth.ms < 700]).toEqual([13, true]);
});

test("a refused port fails at TCP with exit 11 and points at the port", async () => {
  const port = await refusedPort();
  const report = await check(port);
  expect([report.exitCode, step(report, "tcp").detail]).toEqual([
    11,
    `127.0.0.1:${port} refused the connection`,
  ]);
});

describe("TLS problems", () => {
  test("a certificate for another name fails at TLS with exit 12, naming both names", async () => {
    const smtp = await server({ certificate: otherCertificate });
    const report = await check(smtp.port, { ca: otherCertificate.cert });
    expect([report.exitCode, step(report, "tls").detail]).toEqual([
      12,
      `the certificate is for DNS:smtp.other.example, not for ${HOST}`,
    ]);
  });

  test("an untrusted certificate fails at TLS and suggests --ca-file", async () => {
    const smtp = await server();
    const report = await check(smtp.port, { ca: undefined });
    expect([report.exitCode, step(report, "tls").fix]).toEqual([
      12,
      expect.stringContaining("--ca-file"),
    ]);
  });

  test("says in plain words what was wrong with the certificate", async () => {
    const smtp = await server();
    const report = await check(smtp.port, { ca: undefined });
    expect(step(report, "tls").detail).toBe(
      "the certificate is not trusted: the certificate is self-signed",
    );
  });

  test("says in plain words that plain text came back, with no OpenSSL codes or source paths", async () => {
    const smtp = await server();
    const report = await check(smtp.port, { tlsMode: "implicit" });
    expect(step(report, "tls").detail).toBe(
      "the TLS handshake got plain text back: the server answered with plain text, not a TLS handshake",
    );
  });

  test("implicit TLS against a STARTTLS port fails at TLS and names the port's mode", async () => {
    const smtp = await server();
    const report = await check(smtp.port, { tlsMode: "implicit" });
    expect([report.exitCode, step(report, "tls").cause]).toEqual([
      12,
      expect.stringMatching(/speaks plain-text SMTP \(STARTTLS\), not implicit TLS/),
    ]);
  });
});

describe("every address of the host", () => {
  const DROPPED = "127.0.0.3";
  /** Connects every address to the test server, except DROPPED, which never answers. */
  const dropping =
    (port: number, dropped: readonly string[] = [DROPPED]) =>
    ({ address }: { address: string }) =>
      dropped.includes(address) ? new Socket() : connect({ host: "127.0.0.1", port });
  const message = { from: "sender@example.com", to: ["success@simulator.amazonses.com"] };

  test("passes TCP and TLS only when every address does, and shows each", async () => {
    const smtp = await server();
    const report = await check(
      smtp.port,
      { message },
      { resolver: resolveTo("127.0.0.1", "127.0.0.2"), connector: dropping(smtp.port, []) },
    );
    const tcp = step(report, "tcp");
    expect([report.exitCode, tcp.detail, tcp.endpoints?.map((e) => e.status)]).toEqual([
      0,
      `all 2 addresses passed: 127.0.0.1:${smtp.port}, 127.0.0.2:${smtp.port}`,
      ["pass", "pass"],
    ]);
  });

  test("sends one message, through one address", async () => {
    const smtp = await server();
    const resolver = resolveTo("127.0.0.1", "127.0.0.2");
    await check(smtp.port, { message }, { resolver, connector: dropping(smtp.port, []) });
    expect(smtp.messages).toHaveLength(1);
  });

  describe("one of two addresses dropped", () => {
    let smtp: TestSmtpServer;
    let report: SmtpCheckReport;
    // One check, four assertions on its report (the server is closed after the first test).
    beforeAll(async () => {
      smtp = await server();
      report = await check(
        smtp.port,
        { message, connectTimeoutMs: 300 },
        { resolver: resolveTo("127.0.0.1", DROPPED), connector: dropping(smtp.port) },
      );
    });

    test("fails TCP with exit 11, naming the address that did not connect", () => {
      expect([report.exitCode, step(report, "tcp").detail]).toEqual([
        11,
        `1 of 2 addresses failed: ${DROPPED}:${smtp.port} (passed: 127.0.0.1:${smtp.port})`,
      ]);
    });

    test("blames that subnet's network ACL or routes, not the security group", () => {
      expect(step(report, "tcp").cause).toMatch(
        new RegExp(
          `share its security group, yet ${DROPPED}:\\d+ did not connect.*network ACL.*Availability Zone`,
        ),
      );
    });

    test("reports each address's own result", () => {
      expect(step(report, "tcp").endpoints).toEqual([
        expect.objectContaining({ endpoint: `127.0.0.1:${smtp.port}`, status: "pass" }),
        expect.objectContaining({
          endpoint: `${DROPPED}:${smtp.port}`,
          status: "fail",
          detail: `no answer from ${DROPPED}:${smtp.port} within 300 ms`,
        }),
      ]);
    });

    test("still checks TLS, AUTH and the send through the address that answers", () => {
      expect(statuses(report)).toEqual([
        "secret:skip",
        "dns:pass",
        "tcp:fail",
        "tls:pass",
        "auth:pass",
        "send:pass",
      ]);
    });
  });

  test("fails the same way whichever order the resolver returns", async () => {
    const smtp = await server();
    const report = await check(
      smtp.port,
      { connectTimeoutMs: 300 },
      { resolver: resolveTo(DROPPED, "127.0.0.1"), connector: dropping(smtp.port) },
    );
    expect([report.exitCode, step(report, "tcp").status]).toEqual([11, "fail"]);
  });

  test("connects to the addresses at once: two dropped addresses take one limit", async () => {
    const dropped = ["127.0.0.3", "127.0.0.4"];
    const report = await check(
      587,
      { connectTimeoutMs: 300 },
      { resolver: resolveTo(...dropped), connector: dropping(587, dropped) },
    );
    const tcp = step(report, "tcp");
    expect([tcp.detail, tcp.ms < 550]).toEqual([
      "all 2 addresses failed: 127.0.0.3:587, 127.0.0.4:587",
      true,
    ]);
  });

  test("fails TLS when one address presents another certificate", async () => {
    const good = await server();
    const other = await server({ certificate: otherCertificate });
    const ports: Record<string, number> = { "127.0.0.1": good.port, "127.0.0.2": other.port };
    const report = await check(
      good.port,
      {},
      {
        resolver: resolveTo("127.0.0.1", "127.0.0.2"),
        connector: ({ address }) => connect({ host: "127.0.0.1", port: ports[address] }),
      },
    );
    expect([report.exitCode, step(report, "tls").detail]).toEqual([
      12,
      `1 of 2 addresses failed: 127.0.0.2:${good.port} (passed: 127.0.0.1:${good.port})`,
    ]);
  });
});

describe("--connect-to and --tls-name", () => {
  test("connect-to: connects to the tunnel, verifies the certificate for the SES name, never resolves it", async () => {
    const smtp = await server();
    const resolver = resolveTo("127.0.0.1");
    const report = await check(
      2587,
      { connectTo: { host: "tunnel.internal", port: smtp.port } },
      { resolver },
    );
    expect([report.exitCode, resolver.asked, step(report, "tls").detail]).toEqual([
      0,
      ["tunnel.internal"],
      expect.stringMatching(new RegExp(`verified for ${HOST}$`)),
    ]);
  });

  test("connect-to: the DNS step says the private hosted zone is not consulted", async () => {
    const smtp = await server();
    const report = await check(0, { connectTo: { host: "127.0.0.1", port: smtp.port } });
    expect(step(report, "dns").detail).toMatch(/--connect-to: a tunnel or relay/);
  });

  test("tls-name: an address as host, the certificate verified for the SES name", async () => {
    const smtp = await server();
    const report = await check(smtp.port, { host: "127.0.0.1", tlsName: HOST });
    expect([report.exitCode, step(report, "tls").detail]).toEqual([
      0,
      expect.stringMatching(new RegExp(`verified for ${HOST}$`)),
    ]);
  });

  test("tls-name: a name the certificate does not cover fails at TLS, naming it", async () => {
    const smtp = await server();
    const report = await check(smtp.port, { tlsName: "smtp.other.example" });
    expect([report.exitCode, step(report, "tls").detail]).toEqual([
      12,
      `the certificate is for DNS:${HOST}, not for smtp.other.example`,
    ]);
  });
});

describe("send refusals", () => {
  const from = "sender@example.com";
  const sendTo = (...to: string[]) => ({ message: { from, to } });

  test("names each refused recipient with the server's reason", async () => {
    const smtp = await server({
      refuseRecipients: { "nobody@example.com": "Mailbox unavailable" },
    });
    const report = await check(
      smtp.port,
      sendTo("success@simulator.amazonses.com", "nobody@example.com"),
    );
    expect([report.exitCode, step(report, "send").detail]).toEqual([
      14,
      expect.stringMatching(/; refused nobody@example\.com: 550 Mailbox unavailable$/),
    ]);
  });

  test("names every recipient when all are refused, and SES's sandbox when the replies say so", async () => {
    const notVerified = "Message rejected: Email address is not verified.";
    const smtp = await server({
      refuseRecipients: { "a@example.com": notVerified, "b@example.com": "No such user" },
    });
    const report = await check(smtp.port, sendTo("a@example.com", "b@example.com"));
    const send = step(report, "send");
    expect([send.detail, send.cause]).toEqual([
      `the server refused every recipient: a@example.com: 550 ${notVerified}; b@example.com: 550 No such user`,
      expect.stringMatching(/sandbox/),
    ]);
  });

  test("a 530 after a successful AUTH does not ask for credentials", async () => {
    const smtp = await server({ refuseMailFrom: { code: 530, text: "Authentication required" } });
    const report = await check(smtp.port, sendTo("success@simulator.amazonses.com"));
    const send = step(report, "send");
    expect([step(report, "auth").status, send.cause]).toEqual([
      "pass",
      expect.stringMatching(/^the server wants authentication although AUTH LOGIN succeeded/),
    ]);
  });

  test("a 552 is explained against the SIZE the server advertised", async () => {
    const smtp = await server({ size: 200 });
    const report = await check(smtp.port, sendTo("success@simulator.amazonses.com"));
    expect([report.exitCode, step(report, "send").cause]).toEqual([
      14,
      expect.stringMatching(
        /^the message has \d+ bytes, more than the 200 bytes the server advertised in EHLO \(SIZE\)$/,
      ),
    ]);
  });
});
