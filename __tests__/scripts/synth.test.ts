import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { hubInput } from "../../test-support/hub";

const root = resolve(__dirname, "..", "..");

/** Every file under `dir`, by relative path, with its bytes. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else files[relative(dir, join(d, e.name))] = readFileSync(join(d, e.name), "latin1");
    }
  };
  walk(dir);
  return files;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(command, args, { cwd: root, env: { ...process.env, ...env }, encoding: "utf8" });
}

describe("npm run synth (scripts/synth.js)", () => {
  let out: string;

  beforeEach(() => {
    out = mkdtempSync(join(tmpdir(), "ses-fast-synth-"));
  });

  test("writes the same cdktf.out/ as cdktf synth, byte for byte", () => {
    const cli = mkdtempSync(join(tmpdir(), "ses-cli-synth-"));
    expect(run("npx", ["cdktf", "synth", "--output", cli]).status).toBe(0);
    const fast = run("node", ["scripts/synth.js", "--output", out]);
    expect(fast.status).toBe(0);
    expect(fast.stdout).toMatch(/^Synthesized 3 stacks into .* in \d+\.\d\d s\n$/);
    expect(Object.keys(tree(out)).sort()).toEqual(Object.keys(tree(cli)).sort());
    expect(tree(out)).toEqual(tree(cli));
  }, 120_000);

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
