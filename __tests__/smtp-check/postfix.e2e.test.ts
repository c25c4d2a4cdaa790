/**
 * smtp-check against a real MTA: Debian's Postfix with Dovecot SASL on 127.0.0.x, STARTTLS on
 * 587 and implicit TLS on 465, AUTH offered only after TLS (smtpd_tls_auth_only); and once more
 * inside a network namespace where one of the two addresses really drops packets. Skipped, with
 * the reason in the test names, where the packages, root or network namespaces are missing.
 */
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runSmtpCheck, SmtpCheckReport } from "../../src/smtp-check/run-smtp-check";
import { StepName } from "../../src/smtp-check/step-result";
import {
  freshLoopbackPrefix,
  postfixMissing,
  REFUSED_RECIPIENT,
  RunningPostfix,
  SIZE_LIMIT,
  SIZE_LIMITED_PORT,
  startPostfix,
} from "../../test-support/postfix";
import {
  createDropNamespace,
  DROPPED_ADDRESS,
  DropNamespace,
  dropNamespaceMissing,
} from "../../test-support/netns";
import {
  createCertificate,
  CliRun,
  HOST,
  PASSWORD,
  resolveTo,
  runCli,
  TestCertificate,
  USER,
} from "../../test-support/smtp-server";

const missing = postfixMissing();
const describeMta = missing ? describe.skip : describe;
if (missing) console.warn(`smtp-check real-MTA tests skipped: ${missing}`);

const SECRET_USER = "grafana-mailer-01";
const prefix = freshLoopbackPrefix();
const ADDRESS = `${prefix}.2`;
const SECOND = `${prefix}.3`;

const step = (report: SmtpCheckReport, name: StepName) =>
  report.steps.find((s) => s.name === name)!;

describeMta(`Postfix with Dovecot SASL${missing ? ` (skipped: ${missing})` : ""}`, () => {
  let certificate: TestCertificate;
  let postfix: RunningPostfix;

  beforeAll(async () => {
    certificate = createCertificate([HOST]);
    postfix = await startPostfix({
      certificate,
      users: { [USER]: PASSWORD, [SECRET_USER]: PASSWORD },
      addresses: [ADDRESS, SECOND],
    });
  }, 30_000);

  afterAll(async () => {
    await postfix?.stop();
    certificate?.remove();
  });

  /** The CLI, through --connect-to, verifying the SES name's certificate. */
  const cli = (port: number, user: string, password: string, ...more: string[]): Promise<CliRun> =>
    runCli(
      [
        ...["--host", HOST, "--port", String(port), "--connect-to", `${ADDRESS}:${port}`],
        ...["--ca-file", certificate.certFile, "--user", user, "--verbose", "--smtp-timeout", "5"],
        ...["--from", "sender@example.com", "--to", "success@simulator.amazonses.com"],
        ...more,
      ],
      { SMTP_PASSWORD: password },
    );

  test("a full pass over STARTTLS on 587, the message queued by Postfix", async () => {
    const { code, out } = await cli(587, USER, PASSWORD);
    expect([code, out.join("\n")]).toEqual([
      0,
      expect.stringMatching(/PASS send .*250 2\.0\.0 Ok: queued as /),
    ]);
  });

  test("a full pass over implicit TLS on 465", async () => {
    const { code, out } = await cli(465, USER, PASSWORD);
    expect([code, out.join("\n")]).toEqual([
      0,
      expect.stringMatching(/PASS tls .* via implicit TLS/),
    ]);
  });

  test("AUTH is offered only after TLS, and smtp-check authenticates there", async () => {
    const { code, out } = await cli(587, USER, PASSWORD);
    const text = out.join("\n");
    const ehlos = text
      .split("C: EHLO")
      .slice(1)
      .map((reply) => /AUTH PLAIN LOGIN/.test(reply.split("\n  C: ")[0]));
    expect([code, ehlos]).toEqual([0, [false, true]]);
  });

  test("bad credentials fail at AUTH with exit 13 and Postfix's 535", async () => {
    const { code, out } = await cli(587, USER, "B".repeat(44));
    expect([code, out.join("\n")]).toEqual([
      13,
      expect.stringMatching(/FAIL auth .*535 5\.7\.8 Error: authentication failed/),
    ]);
  });

  test("the SES headers reach Postfix exactly as SES documents them", async () => {
    const { code } = await cli(
      587,
      USER,
      PASSWORD,
      "--configuration-set",
      "tf-set",
      "--tag",
      "campaign=postfix",
    );
    const log = postfix.readLog();
    expect([code, log]).toEqual([
      0,
      expect.stringMatching(
        /warning: header X-SES-CONFIGURATION-SET: tf-set from .*\n.*warning: header X-SES-MESSAGE-TAGS: campaign=postfix from /,
      ),
    ]);
  });

  test("a refused recipient is named with Postfix's reason", async () => {
    const { code, out } = await cli(587, USER, PASSWORD, "--to", REFUSED_RECIPIENT);
    expect([code, out.join("\n")]).toEqual([
      14,
      expect.stringContaining(
        `; refused ${REFUSED_RECIPIENT}: 554 5.7.1 <${REFUSED_RECIPIENT}>: Recipient address rejected: No such user here`,
      ),
    ]);
  });

  test("a 552 is explained against the SIZE Postfix advertised", async () => {
    const { code, out } = await runCli(
      [
        ...["--host", HOST, "--port", "587", "--connect-to", `${ADDRESS}:${SIZE_LIMITED_PORT}`],
        ...["--ca-file", certificate.certFile, "--user", USER, "--smtp-timeout", "5"],
        ...["--from", "sender@example.com", "--to", "success@simulator.amazonses.com"],
      ],
      { SMTP_PASSWORD: PASSWORD },
    );
    expect([code, out.join("\n")]).toEqual([
      14,
      expect.stringMatching(
        new RegExp(
          `cause: the message has \\d+ bytes, more than the ${SIZE_LIMIT} bytes the server advertised in EHLO \\(SIZE\\)`,
        ),
      ),
    ]);
  });

  describe("a user name that is not an access key id", () => {
    const leaks = (result: CliRun) =>
      [SECRET_USER, Buffer.from(SECRET_USER).toString("base64")].filter((s) =>
        [...result.out, ...result.err].join("\n").includes(s),
      );

    test("authenticates, and appears nowhere in the lines or the transcript", async () => {
      const result = await cli(587, SECRET_USER, PASSWORD);
      expect([
        result.code,
        leaks(result),
        postfix.readLog().includes(`sasl_username=${SECRET_USER}`),
      ]).toEqual([0, [], true]);
    });

    test("appears nowhere in --json, nor after a rejected AUTH", async () => {
      const passing = await cli(587, SECRET_USER, PASSWORD, "--json");
      const failing = await cli(465, SECRET_USER, "B".repeat(44), "--json");
      expect([passing.code, leaks(passing), failing.code, leaks(failing)]).toEqual([0, [], 13, []]);
    });
  });

  describe("two addresses, one dropped", () => {
    /** Both addresses listen; packets to SECOND are dropped (its SYN is never answered). */
    const dropping = ({ address, port }: { address: string; port: number }) =>
      address === SECOND ? new Socket() : connect({ host: address, port });

    const checkBoth = (order: string[]) =>
      runSmtpCheck(
        {
          host: HOST,
          port: 587,
          ca: certificate.cert,
          connectTimeoutMs: 500,
          credentials: { username: USER, password: PASSWORD },
          message: { from: "sender@example.com", to: ["success@simulator.amazonses.com"] },
        },
        { resolver: resolveTo(...order), connector: dropping },
      );

    test("fails TCP with exit 11 naming the dropped address, in either resolver order", async () => {
      const reports = await Promise.all([
        checkBoth([ADDRESS, SECOND]),
        checkBoth([SECOND, ADDRESS]),
      ]);
      expect(reports.map((r) => [r.exitCode, step(r, "tcp").detail])).toEqual([
        [11, `1 of 2 addresses failed: ${SECOND}:587 (passed: ${ADDRESS}:587)`],
        [11, `1 of 2 addresses failed: ${SECOND}:587 (passed: ${ADDRESS}:587)`],
      ]);
    });

    test("still proves TLS, AUTH and the send through the address that answers", async () => {
      const report = await checkBoth([SECOND, ADDRESS]);
      expect(report.steps.map((s) => s.status)).toEqual([
        "skip",
        "pass",
        "fail",
        "pass",
        "pass",
        "pass",
      ]);
    });

    test("passes when both addresses answer", async () => {
      const report = await runSmtpCheck(
        { host: HOST, port: 587, ca: certificate.cert },
        { resolver: resolveTo(ADDRESS, SECOND) },
      );
      expect([report.exitCode, step(report, "tls").endpoints?.map((e) => e.status)]).toEqual([
        0,
        ["pass", "pass"],
      ]);
    });
  });
});

const netnsMissing = missing ?? dropNamespaceMissing();
const describeNetns = netnsMissing ? describe.skip : describe;
if (netnsMissing && !missing)
  console.warn(`smtp-check network-namespace test skipped: ${netnsMissing}`);

describeNetns(
  `Postfix in a network namespace where one of two addresses drops packets${netnsMissing ? ` (skipped: ${netnsMissing})` : ""}`,
  () => {
    const INSIDE = "127.0.0.2"; // the namespace's own loopback
    let certificate: TestCertificate;
    let netns: DropNamespace;
    let postfix: RunningPostfix;
    let dir: string;

    beforeAll(async () => {
      certificate = createCertificate([HOST]);
      netns = createDropNamespace();
      postfix = await startPostfix({
        certificate,
        users: { [USER]: PASSWORD },
        addresses: [INSIDE],
        netns,
      });
      dir = mkdtempSync(join(tmpdir(), "smtp-check-netns-"));
      // The SES name resolves to both addresses, in this process only (a private mount namespace).
      writeFileSync(join(dir, "hosts"), `${INSIDE} ${HOST}\n${DROPPED_ADDRESS} ${HOST}\n`);
      copyFileSync(
        join(__dirname, "..", "..", "bin", "smtp-check.cjs"),
        join(dir, "smtp-check.cjs"),
      );
    }, 30_000);

    afterAll(async () => {
      await postfix?.stop();
      netns?.remove();
      certificate?.remove();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    /** The bundle, inside the namespace, with the hosts file above. */
    function runInside(args: string[]): Promise<{ code: number; stdout: string }> {
      const script = 'mount --bind "$1" /etc/hosts && shift && exec "$@"';
      const [command, wrapped] = netns.wrap("unshare", [
        ...["-m", "sh", "-c", script, "sh", join(dir, "hosts")],
        ...[process.execPath, join(dir, "smtp-check.cjs"), ...args],
      ]);
      return new Promise((resolve) =>
        execFile(
          command,
          wrapped,
          { env: { PATH: process.env.PATH ?? "", SMTP_PASSWORD: PASSWORD }, timeout: 20_000 },
          (error, stdout) =>
            resolve({ code: error ? Number((error as { code?: number }).code) : 0, stdout }),
        ),
      );
    }

    test("fails TCP with exit 11 at the dropped address, and sends through the other", async () => {
      const { code, stdout } = await runInside([
        ...["--host", HOST, "--port", "587", "--ca-file", certificate.certFile, "--user", USER],
        ...[
          "--connect-timeout",
          "1",
          "--from",
          "sender@example.com",
          "--to",
          "success@simulator.amazonses.com",
          "--json",
        ],
      ]);
      const report = JSON.parse(stdout);
      const tcp = report.steps[2];
      expect([
        code,
        tcp.detail,
        tcp.endpoints.map((e: { detail: string }) => e.detail),
        report.steps.map((s: { status: string }) => s.status),
      ]).toEqual([
        11,
        `1 of 2 addresses failed: ${DROPPED_ADDRESS}:587 (passed: ${INSIDE}:587)`,
        [
          expect.stringMatching(new RegExp(`^connected to ${INSIDE}:587`)),
          `no answer from ${DROPPED_ADDRESS}:587 within 1 s`,
        ],
        ["skip", "pass", "fail", "pass", "pass", "pass"],
      ]);
    }, 30_000);
  },
);
