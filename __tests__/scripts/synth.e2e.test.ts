import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { hubInput } from "../../test-support/hub";

const root = resolve(__dirname, "..", "..");

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(command, args, { cwd: root, env: { ...process.env, ...env }, encoding: "utf8" });
}

describe("npm run synth (scripts/synth.js)", () => {
  let out: string;

  beforeEach(() => {
    out = mkdtempSync(join(tmpdir(), "ses-fast-synth-"));
  });

  test("deletes stack directories it did not synthesize, as cdktf synth does", () => {
    mkdirSync(join(out, "stacks", "ses-removed"), { recursive: true });
    expect(run("node", ["scripts/synth.js", "--output", out]).status).toBe(0);
    expect(existsSync(join(out, "stacks", "ses-removed"))).toBe(false);
    expect(existsSync(join(out, "stacks", "ses-tutorial", "cdk.tf.json"))).toBe(true);
  });

  test("prints construct warnings, as cdktf synth does", () => {
    const config = join(out, "one-subnet.json");
    writeFileSync(
      config,
      JSON.stringify({
        smtpHubs: [hubInput({ subnetIds: ["subnet-0a1b2c3d4e5f60001"] })],
        accounts: [{ name: "a", accountId: "111111111111", region: "us-east-1" }],
      }),
    );
    const result = run("node", ["scripts/synth.js", "--output", join(out, "o")], {
      SES_CONFIG: config,
    });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^\[WARN\] smtp-hub-us-east-1\/smtp-endpoint: .*subnet/m);
  });
});
