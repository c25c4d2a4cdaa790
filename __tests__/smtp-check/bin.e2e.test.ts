import { execFile, spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createCertificate,
  refusedPort,
  startSilentServer,
  startSmtpServer,
  SilentServer,
  TestCertificate,
  TestSmtpServer,
  USER,
  PASSWORD,
} from "../../test-support/smtp-server";

const ROOT = join(__dirname, "..", "..");
const BUNDLE = join(ROOT, "bin", "smtp-check.cjs");

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

let dir: string;
let copied: string;

/** The bundle, copied alone into an empty directory: no node_modules anywhere above it. */
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "smtp-check-bin-"));
  copied = join(dir, "smtp-check.cjs");
  copyFileSync(BUNDLE, copied);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const childEnv = (env: Record<string, string>) => ({ PATH: process.env.PATH ?? "", ...env });

/** Runs the copied bundle from the empty directory; `whileRunning` may signal it. */
function runBundle(
  args: string[],
  env: Record<string, string> = {},
  whileRunning?: (pid: number) => void,
): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [copied, ...args], { cwd: dir, env: childEnv(env) });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("close", (code, signal) =>
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
      }),
    );
    whileRunning?.(child.pid as number);
  });
}

const STACK_LINE = /^\s+at /m;

test("the committed bundle is what the bundle script builds from the current sources", async () => {
  const result = await new Promise<{ code: number; stderr: string }>((resolve) =>
    execFile(
      process.execPath,
      [
        join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"),
        "scripts/bundle-smtp-check.ts",
        "--check",
      ],
      { cwd: ROOT },
      (error, _stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr }),
    ),
  );
  expect(result).toEqual({ code: 0, stderr: "" });
}, 30_000);

describe("the bundle, alone in a directory without node_modules", () => {
  let certificate: TestCertificate;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    // By address: no DNS lookup at all, and the certificate names 127.0.0.1.
    certificate = createCertificate([], ["127.0.0.1"]);
    smtp = await startSmtpServer({ certificate, users: { [USER]: PASSWORD } });
  });

  afterAll(async () => {
    await smtp.close();
    certificate.remove();
  });

  test("runs a full check with a send and exits 0", async () => {
    const args = [
      ...["--host", "127.0.0.1", "--port", String(smtp.port), "--tls", "starttls"],
      ...["--ca-file", certificate.certFile, "--user", USER, "--json"],
      ...["--from", "sender@example.com", "--to", "success@simulator.amazonses.com"],
    ];
    const { code, stdout } = await runBundle(args, { SMTP_PASSWORD: PASSWORD });
    expect([code, JSON.parse(stdout).ok, smtp.messages.length]).toEqual([0, true, 1]);
  }, 20_000);

  test("exits 2 on bad input, printing the usage line and no stack trace", async () => {
    const { code, stderr } = await runBundle(["--port", "nope"]);
    expect([code, /^Usage: smtp-check/m.test(stderr), STACK_LINE.test(stderr)]).toEqual([
      2,
      true,
      false,
    ]);
  }, 20_000);
});

describe("a reader that goes away, and signals", () => {
  let silent: SilentServer;

  beforeEach(async () => {
    silent = await startSilentServer();
  });

  afterEach(() => silent.close());

  /** Checks the silent server: TCP passes at once, then the TLS step waits for a greeting. */
  const silentArgs = (timeout: string) => [
    ...["--host", "127.0.0.1", "--port", String(silent.port), "--tls", "starttls"],
    ...["--smtp-timeout", timeout],
  ];

  /** Sends the signal 300 ms after the check connected (its TLS step is then waiting). */
  const signalOnceConnected = (signal: NodeJS.Signals) => (pid: number) => {
    const poll = setInterval(() => {
      if (silent.accepted() === 0) return;
      clearInterval(poll);
      setTimeout(() => process.kill(pid, signal), 300);
    }, 20);
  };

  test("| head -1 keeps the check's exit status and prints no error", async () => {
    const command = `node "${copied}" ${silentArgs("0.5").join(" ")} | head -1; echo "status \${PIPESTATUS[0]}" >&2`;
    const result = await new Promise<{ stdout: string; stderr: string }>((resolve) =>
      execFile(
        "bash",
        ["--norc", "-c", command],
        { cwd: dir, env: childEnv({}) },
        (_e, stdout, stderr) => resolve({ stdout, stderr }),
      ),
    );
    expect([result.stdout.split("\n").length, result.stderr]).toEqual([2, "status 12\n"]);
  }, 20_000);

  test("SIGINT under --json prints the steps that ran, the rest not run, and exits 130", async () => {
    const run = await runBundle([...silentArgs("30"), "--json"], {}, signalOnceConnected("SIGINT"));
    const report = JSON.parse(run.stdout);
    const steps = report.steps.map(
      (s: { name: string; status: string }) => `${s.name}:${s.status}`,
    );
    expect([run.code, report.interrupted, report.exitCode, steps, report.steps[3].detail]).toEqual([
      130,
      "SIGINT",
      130,
      ["secret:skip", "dns:pass", "tcp:pass", "tls:skip", "auth:skip", "send:skip"],
      "not run: interrupted by SIGINT",
    ]);
    // Every field already known when the signal came, as a finished check prints it.
    expect([report.host, report.port, report.tlsMode, report.tlsName, report.transcript]).toEqual([
      "127.0.0.1",
      silent.port,
      "starttls",
      "127.0.0.1",
      expect.any(Array),
    ]);
  }, 20_000);

  test("SIGTERM without --json says so on stderr and exits 143", async () => {
    const run = await runBundle(silentArgs("30"), {}, signalOnceConnected("SIGTERM"));
    expect([run.code, run.stderr]).toEqual([143, "smtp-check: interrupted by SIGTERM\n"]);
  }, 20_000);
});

test("a refused port exits 11 from the bundle", async () => {
  const port = await refusedPort();
  const { code } = await runBundle([
    "--host",
    "127.0.0.1",
    "--port",
    String(port),
    "--tls",
    "starttls",
  ]);
  expect(code).toBe(11);
}, 20_000);
