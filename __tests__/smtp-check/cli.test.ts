import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FLAG_NAMES, parseCli, USAGE } from "../../src/smtp-check/cli-args";
import { formatInterrupted } from "../../src/smtp-check/cli";
import { KnownSoFar, runSmtpCheck } from "../../src/smtp-check/run-smtp-check";
import {
  createCertificate,
  refusedPort,
  resolveTo,
  CliRun,
  runCli,
  startSmtpServer,
  TestCertificate,
  TestSmtpServer,
  HOST,
  USER,
  PASSWORD,
} from "../../test-support/smtp-server";

const cli = runCli;

const STACK_LINE = /^\s+at /m;

describe("bad input", () => {
  test("an unknown port names the flag, the value and the allowed ports, then the usage line", async () => {
    const result = await cli(["--region", "us-east-1", "--port", "2525"]);
    expect(result).toEqual({
      code: 2,
      out: [],
      err: [
        'smtp-check: --port "2525": must be one of 25, 465, 587, 2465, 2587 (or add --tls starttls|implicit for a tunnel or relay)',
        USAGE,
      ],
    });
  });

  test("a malformed address names --to and the value", async () => {
    const argv = [
      "--region",
      "us-east-1",
      "--user",
      USER,
      "--from",
      "a@example.com",
      "--to",
      "not-an-address",
    ];
    const { code, err } = await cli(argv, { SMTP_PASSWORD: PASSWORD });
    expect([code, err[0]]).toEqual([
      2,
      'smtp-check: --to "not-an-address": must be an e-mail address such as recipient@example.com',
    ]);
  });

  test("a user without a password says where the password goes", async () => {
    const { code, err } = await cli(["--region", "us-east-1", "--user", USER]);
    expect([code, err[0]]).toEqual([
      2,
      `smtp-check: --user "${USER}": needs a password: set SMTP_PASSWORD (or pass --password)`,
    ]);
  });

  test("an unknown flag is named, with the usage line and no stack trace", async () => {
    const { code, err } = await cli(["--hots", HOST]);
    expect([code, err, STACK_LINE.test(err.join("\n"))]).toEqual([
      2,
      ["smtp-check: --hots: unknown flag; run smtp-check --help for the flags", USAGE],
      false,
    ]);
  });

  test("a --connect-to without a port names the flag and the form it takes", async () => {
    const { code, err } = await cli(["--region", "us-east-1", "--connect-to", "127.0.0.1"]);
    expect([code, err[0]]).toEqual([
      2,
      'smtp-check: --connect-to "127.0.0.1": must be host:port or [ipv6-address]:port, such as 127.0.0.1:2587',
    ]);
  });

  test("--connect-to takes a name, an IPv4 or a bracketed IPv6 address", () => {
    const targets = ["tunnel.internal:2587", "127.0.0.1:2587", "[::1]:2587"].map(
      (value) => parseCli(["--region", "us-east-1", "--connect-to", value], {}).options.connectTo,
    );
    expect(targets).toEqual([
      { host: "tunnel.internal", port: 2587 },
      { host: "127.0.0.1", port: 2587 },
      { host: "::1", port: 2587 },
    ]);
  });

  test("a --tls-name that is not a DNS name is refused", async () => {
    const { code, err } = await cli(["--region", "us-east-1", "--tls-name", "10.0.0.1:587"]);
    expect([code, err[0]]).toEqual([
      2,
      'smtp-check: --tls-name "10.0.0.1:587": must be a DNS name (the name the certificate must cover)',
    ]);
  });

  test("an unreadable --ca-file is named with the reason", async () => {
    const { err } = await cli(["--region", "us-east-1", "--ca-file", "/nonexistent/ca.pem"]);
    expect(err[0]).toBe('smtp-check: --ca-file "/nonexistent/ca.pem": cannot be read (ENOENT)');
  });

  test("credentials from two sources are refused", async () => {
    const { code, err } = await cli(["--secret-id", "ses-smtp", "--user", USER]);
    expect([code, err[0]]).toEqual([
      2,
      "smtp-check: --secret-id: cannot be combined with --user or --password; pick one source of credentials",
    ]);
  });

  test("a message flag without --from and --to is refused", async () => {
    const { code, err } = await cli(["--region", "us-east-1", "--tag", "campaign=test"]);
    expect([code, err[0]]).toEqual([
      2,
      "smtp-check: --tag: only applies to a test message; add --from and --to",
    ]);
  });

  test("with --json, a usage error is still one JSON object on stdout", async () => {
    const { out } = await cli(["--json", "--port", "2525", "--region", "us-east-1"]);
    expect(JSON.parse(out.join("\n"))).toMatchObject({
      ok: false,
      exitCode: 2,
      usage: USAGE,
      steps: [],
    });
  });
});

describe("an unreadable secret", () => {
  const denied = {
    read: () =>
      Promise.reject(Object.assign(new Error("not authorized"), { name: "AccessDeniedException" })),
  };

  test("exits 15 with the cause, the usage line and no stack trace", async () => {
    const { code, out, err } = await cli(
      ["--secret-id", "ses-smtp", "--region", "us-east-1"],
      {},
      { secrets: denied },
    );
    expect([code, err, STACK_LINE.test(out.join("\n"))]).toEqual([15, [USAGE], false]);
  });

  test("prints the failing secret step with its fix", async () => {
    const { out } = await cli(
      ["--secret-id", "ses-smtp", "--region", "us-east-1"],
      {},
      { secrets: denied },
    );
    expect(out.join("\n")).toMatch(
      /FAIL secret .*\n.*cause: .*\n.*fix: {3}allow secretsmanager:GetSecretValue/,
    );
  });
});

test("--help prints every flag and exits 0", async () => {
  const { code, out } = await cli(["--help"]);
  const missing = FLAG_NAMES.filter((flag) => !out[0].includes(`--${flag}`));
  expect([code, out[0].startsWith(USAGE), missing]).toEqual([0, true, []]);
});

test("docs/smtp-check.md describes every flag", () => {
  const docs = readFileSync(join(__dirname, "..", "..", "docs", "smtp-check.md"), "utf8");
  expect(FLAG_NAMES.filter((flag) => !docs.includes(`\`--${flag}`))).toEqual([]);
});

describe("output", () => {
  let port: number;
  beforeAll(async () => {
    port = await refusedPort();
  });
  const argv = () => ["--host", "127.0.0.1", "--port", String(port), "--tls", "starttls"];

  test("prints each step as it starts and as it ends, with its time", async () => {
    const { out } = await cli(argv());
    const lines = out.join("\n").split("\n");
    const start = lines.findIndex((l) =>
      /^ {2}\.\.\. {2}tcp +connecting to 127\.0\.0\.1:\d+ \(limit 5 s\)$/.test(l),
    );
    expect(start).toBeGreaterThan(0);
    expect(lines[start + 1]).toMatch(
      /^ {2}FAIL tcp +\d+ ms {2}127\.0\.0\.1:\d+ refused the connection$/,
    );
  });

  test("ends with the verdict naming the failing step and the exit status", async () => {
    const { code, out } = await cli(argv());
    const last = out.join("\n").split("\n").pop();
    expect([code, last]).toEqual([11, "FAILED at tcp (open a TCP connection): exit 11"]);
  });

  test("--json prints one JSON object with every step and nothing else", async () => {
    const { code, out, err } = await cli([...argv(), "--json"]);
    const json = JSON.parse(out.join("\n"));
    expect([
      code,
      out.length,
      err,
      json.steps.map((s: { name: string; status: string }) => `${s.name}:${s.status}`),
    ]).toEqual([
      11,
      1,
      [],
      ["secret:skip", "dns:pass", "tcp:fail", "tls:skip", "auth:skip", "send:skip"],
    ]);
  });

  test("--json gives every step the same keys", async () => {
    const { out } = await cli([...argv(), "--json"]);
    const keys = JSON.parse(out[0]).steps.map((s: object) => Object.keys(s).join(","));
    expect(new Set(keys)).toEqual(new Set(["name,title,status,ms,detail,cause,fix,endpoints"]));
  });
});

describe("a send through the CLI", () => {
  let certificate: TestCertificate;
  let smtp: TestSmtpServer;
  let result: CliRun;

  beforeAll(async () => {
    certificate = createCertificate([HOST]);
    smtp = await startSmtpServer({ certificate, users: { [USER]: PASSWORD } });
    const argv = [
      ...[
        "--host",
        HOST,
        "--port",
        String(smtp.port),
        "--tls",
        "starttls",
        "--ca-file",
        certificate.certFile,
      ],
      ...[
        "--user",
        USER,
        "--from",
        "sender@example.com",
        "--to",
        "success@simulator.amazonses.com",
      ],
      ...[
        "--configuration-set",
        "tf-configuration-set",
        "--tag",
        "campaign=test",
        "--bucket",
        "my-events",
        "--verbose",
      ],
    ];
    const deps = { resolver: resolveTo("127.0.0.1"), now: () => new Date("2025-01-15T10:02:30Z") };
    result = await cli(argv, { SMTP_PASSWORD: PASSWORD }, deps);
  });

  afterAll(async () => {
    await smtp.close();
    certificate.remove();
  });

  test("exits 0 after the server accepted the message", () => {
    expect([result.code, smtp.messages.length]).toEqual([0, 1]);
  });

  test("prints the exact aws s3 ls command", () => {
    expect(result.out.join("\n")).toContain("\n  aws s3 ls s3://my-events/ses/ --recursive\n");
  });

  test("prints the exact CloudWatch command", () => {
    expect(result.out.join("\n")).toContain(
      "\n  aws cloudwatch get-metric-statistics --namespace AWS/SES --metric-name Send --dimensions Name=campaign,Value=test --start-time 2025-01-15T09:55:00Z --end-time 2025-01-15T10:30:00Z --period 300 --statistics Sum --region us-east-1",
    );
  });

  test("--verbose prints the SMTP conversation without the password", () => {
    const text = result.out.join("\n");
    const encoded = Buffer.from(PASSWORD).toString("base64");
    expect([
      /\n {2}C: AUTH LOGIN\n/.test(text),
      text.includes(PASSWORD),
      text.includes(encoded),
    ]).toEqual([true, false, false]);
  });

  test("names the credentials' source in the AUTH line", () => {
    expect(result.out.join("\n")).toMatch(/PASS auth .*accepted --user and SMTP_PASSWORD/);
  });
});

describe("usage errors never repeat a value that could be a secret", () => {
  const PASSWORD_LIKE = "BGxlZnRvdmVyIHNtdHAgcGFzc3dvcmQgZXhhbXBsZQab";

  test("a password typed as a stray argument is named by length, in the line and in --json", async () => {
    const argv = ["--region", "us-east-1", "--user", "AKIAIOSFODNN7EXAMPLE", PASSWORD_LIKE];
    const plain = await cli(argv);
    const json = await cli([...argv, "--json"]);
    expect([plain.code, plain.err[0]]).toEqual([
      2,
      "smtp-check: unexpected argument (44 characters, not shown): every input is a --flag (a value without its flag? the password goes in SMTP_PASSWORD or after --password)",
    ]);
    expect([...plain.out, ...plain.err, ...json.out, ...json.err].join("\n")).not.toContain(
      PASSWORD_LIKE,
    );
  });

  test.each([["--user"], ["--password"]])(
    "an empty %s is refused without its value",
    async (flag) => {
      const { code, err } = await cli(["--region", "us-east-1", `${flag}=`]);
      expect([code, err[0]]).toEqual([
        2,
        `smtp-check: ${flag} (0 characters, not shown): must not be empty`,
      ]);
    },
  );

  test("other flags' values are still quoted, so the reader sees what was wrong", async () => {
    const { err } = await cli(["--region", "moon-1"]);
    expect(err[0]).toBe(
      'smtp-check: --region "moon-1": must be an AWS region code such as us-east-1',
    );
  });
});

describe("the JSON printed after an interrupt", () => {
  test("carries every field the check already knew, as a finished check prints them", async () => {
    let known: (() => KnownSoFar) | undefined;
    const port = await refusedPort();
    await runSmtpCheck(
      { host: "127.0.0.1", port, tlsMode: "starttls", connectTimeoutMs: 200 },
      { onProgress: (soFar) => (known = soFar) },
    );
    const json = JSON.parse(formatInterrupted([], "SIGINT", known!()));
    expect(json).toMatchObject({
      interrupted: "SIGINT",
      exitCode: 130,
      host: "127.0.0.1",
      port,
      tlsMode: "starttls",
      tlsName: "127.0.0.1",
      transcript: [],
    });
  });

  test("knows the target before the secret step ends, from the options alone", async () => {
    let known: (() => KnownSoFar) | undefined;
    const secrets = { read: () => new Promise<never>(() => undefined) };
    void runSmtpCheck(
      { region: "us-east-1", port: 2587, secretId: "ses-smtp/app" },
      { onProgress: (soFar) => (known = soFar), secrets },
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(known!()).toMatchObject({
      host: "email-smtp.us-east-1.amazonaws.com",
      port: 2587,
      tlsMode: "starttls",
    });
  });
});
