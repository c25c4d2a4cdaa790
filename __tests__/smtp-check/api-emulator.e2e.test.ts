/**
 * `smtp-check api` as shipped (the bundle, alone in a directory) against the AWS emulator: the
 * credentials come from the default chain (environment variables), GetAccount is signed and
 * answered with the emulated account's sandbox status and sending count.
 */
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SendEmailCommand, SESClient, VerifyEmailIdentityCommand } from "@aws-sdk/client-ses";
import {
  Emulator,
  startEmulator,
  unsignedAuthorization,
} from "../../test-support/emulator/emulator";
import { describeWithEmulator } from "../../test-support/emulator/fleet-run";

jest.setTimeout(120_000);

const CREDENTIALS = {
  AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
  AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};

function runBundle(bundle: string, args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      [bundle, ...args],
      // No AWS_REGION, no profile: only the environment's key, as on a bare instance.
      { cwd: join(bundle, ".."), env: { PATH: process.env.PATH ?? "", ...CREDENTIALS } },
      (error, stdout) => resolve({ code: error ? Number(error.code) : 0, stdout }),
    ),
  );
}

describeWithEmulator("smtp-check api against the emulator", () => {
  let emulator: Emulator;
  let dir: string;
  let bundle: string;

  beforeAll(async () => {
    emulator = await startEmulator();
    dir = mkdtempSync(join(tmpdir(), "smtp-check-api-"));
    bundle = join(dir, "smtp-check.cjs");
    copyFileSync(join(__dirname, "..", "..", "bin", "smtp-check.cjs"), bundle);
    const ses = new SESClient({
      region: "us-east-1",
      endpoint: emulator.url,
      credentials: { accessKeyId: CREDENTIALS.AWS_ACCESS_KEY_ID, secretAccessKey: "x" },
    });
    await ses.send(new VerifyEmailIdentityCommand({ EmailAddress: "sender@example.com" }));
    await ses.send(
      new SendEmailCommand({
        Source: "sender@example.com",
        Destination: { ToAddresses: ["success@simulator.amazonses.com"] },
        Message: { Subject: { Data: "hello" }, Body: { Text: { Data: "hello" } } },
      }),
    );
    ses.destroy();
  });

  afterAll(async () => {
    await emulator?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("reports the sandbox, the quota and the one message sent, exit 0", async () => {
    const args = ["api", "--region", "us-east-1", "--endpoint-url", emulator.url, "--json"];
    const { code, stdout } = await runBundle(bundle, args);
    const report = JSON.parse(stdout);
    expect([code, report.steps.map((s: any) => `${s.name}:${s.status}`), report.account]).toEqual([
      0,
      ["creds:pass", "dns:pass", "tcp:pass", "tls:skip", "api:pass"],
      {
        productionAccess: false,
        sendingEnabled: true,
        enforcementStatus: "HEALTHY",
        quota: { max24HourSend: 200, maxSendRate: 1, sentLast24Hours: 1, usedPercent: 0.5 },
      },
    ]);
    expect(report.steps[0].detail).toBe(
      "long-term access key AKIAIOSFODNN7EXAMPLE from environment variables",
    );
  });

  test("the emulator's log names each request: the Query API's action, a REST API's path", () => {
    const lines = readFileSync(emulator.logFile, "utf8").split("\n");
    for (const action of ["VerifyEmailIdentity", "SendEmail", "GET /v2/email/account"]) {
      expect(lines).toContainEqual(
        expect.stringMatching(new RegExp(`^\\d\\d:\\d\\d:\\d\\d ${action} 200 [\\d.]+s$`)),
      );
    }
  });

  test("a call an SDK sends again is logged with its attempt (the SDK's amz-sdk-request header)", async () => {
    const response = await fetch(emulator.url, {
      method: "POST",
      headers: {
        authorization: unsignedAuthorization("email"),
        "content-type": "application/x-www-form-urlencoded",
        "amz-sdk-request": "attempt=2; max=3",
      },
      body: "Action=ListIdentities&Version=2010-12-01",
    });
    expect([response.status, await response.text()]).toEqual([
      200,
      expect.stringContaining("<ListIdentitiesResponse"),
    ]);
    const lines = readFileSync(emulator.logFile, "utf8").split("\n");
    expect(lines).toContainEqual(
      expect.stringMatching(/^\d\d:\d\d:\d\d ListIdentities 200 [\d.]+s attempt 2$/),
    );
  });
});
