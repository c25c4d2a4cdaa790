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
import { join, resolve } from "node:path";
import { accountInput } from "../../test-support/fixtures";

/**
 * A refused configuration leaves the output directory exactly as it was: every check that can be
 * made from the file runs before cdktf's App exists (its constructor creates the output directory
 * and stacks/). Access logging into the event bucket itself used to be refused only while the
 * stacks were built, after cdktf had created an empty stacks/.
 */

const root = resolve(__dirname, "..", "..");

/** Every file under `dir` with its content, and every directory, by relative path. */
function tree(dir: string): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const entry of readdirSync(dir, {
    recursive: true,
    withFileTypes: true,
    encoding: "utf8",
  })) {
    const path = join(entry.parentPath, entry.name);
    entries[path.slice(dir.length)] = entry.isDirectory() ? "<dir>" : readFileSync(path, "utf8");
  }
  return entries;
}

describe("npm run synth with a refused configuration", () => {
  let work: string;
  let config: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "ses-refused-"));
    config = join(work, "self-logging.json");
    const account = accountInput();
    (account.eventPublishing as any).bucket = {
      accessLogging: { targetBucket: "ses-events-222222222222-us-east-1" },
    };
    writeFileSync(config, JSON.stringify({ accounts: [account] }));
  });

  const synth = (out: string) =>
    spawnSync("node", ["scripts/synth.js", "--output", out], {
      cwd: root,
      env: { ...process.env, SES_CONFIG: config },
      encoding: "utf8",
    });

  test("creates no output directory, and says where the problem is", () => {
    const out = join(work, "fresh");
    const result = synth(out);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      "accounts[0].eventPublishing.bucket.accessLogging.targetBucket must be another bucket than the event bucket",
    );
    expect(existsSync(out)).toBe(false);
  });

  test("leaves an existing output directory exactly as it was", () => {
    const out = join(work, "previous");
    mkdirSync(join(out, "stacks", "ses-team-a"), { recursive: true });
    writeFileSync(join(out, "manifest.json"), '{"stacks":{}}');
    writeFileSync(join(out, "stacks", "ses-team-a", "cdk.tf.json"), "{}");
    const before = tree(out);
    expect(synth(out).status).toBe(1);
    expect(tree(out)).toEqual(before);
  });
});
