import { execFile } from "node:child_process";
import { join } from "node:path";
import {
  createCertificate,
  startSmtpServer,
  TestCertificate,
  TestSmtpServer,
  USER,
  PASSWORD,
} from "../../test-support/smtp-server";

const BIN = join(__dirname, "..", "..", "bin", "smtp-check.js");

/** Runs the real launcher (tsx, real resolver and sockets) without blocking the server in this process. */
function runBin(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const childEnv = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env };
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: childEnv, timeout: 20_000 },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: number }).code ?? 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe("bin/smtp-check.js", () => {
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
    const { code, stdout } = await runBin(args, { SMTP_PASSWORD: PASSWORD });
    expect([code, JSON.parse(stdout).ok, smtp.messages.length]).toEqual([0, true, 1]);
  }, 20_000);

  test("exits 2 on bad input, printing the usage line and no stack trace", async () => {
    const { code, stderr } = await runBin(["--port", "nope"]);
    expect([code, /^Usage: smtp-check/m.test(stderr), /^\s+at /m.test(stderr)]).toEqual([
      2,
      true,
      false,
    ]);
  }, 20_000);
});
