/**
 * `npm run synth` against the real `cdktf synth` CLI (about 350 MB and several seconds of CPU to
 * start, so with the end-to-end tests rather than in `test:unit`): the same cdktf.out/, byte for
 * byte.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";

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

const run = (command: string, args: string[]) =>
  spawnSync(command, args, { cwd: root, encoding: "utf8" });

test("npm run synth writes the same cdktf.out/ as cdktf synth, byte for byte", () => {
  const cli = mkdtempSync(join(tmpdir(), "ses-cli-synth-"));
  const out = mkdtempSync(join(tmpdir(), "ses-fast-synth-"));
  expect(run("npx", ["cdktf", "synth", "--output", cli]).status).toBe(0);
  const fast = run("node", ["scripts/synth.js", "--output", out]);
  expect(fast.status).toBe(0);
  expect(fast.stdout).toMatch(/^Synthesized 3 stacks into .* in \d+\.\d\d s\n$/);
  expect(Object.keys(tree(out)).sort()).toEqual(Object.keys(tree(cli)).sort());
  expect(tree(out)).toEqual(tree(cli));
}, 120_000);
