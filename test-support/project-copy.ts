/**
 * A throw-away git checkout of this project (sources, scripts, lock; node_modules linked), for
 * benchmarks and tests of `--changed` that must not touch the real repository.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(__dirname, "..");
const PROJECT_FILES = [
  "main.ts",
  "src",
  "scripts",
  "cdktf.json",
  "package.json",
  "package-lock.json",
];

/** A copy of the project in a new temporary directory, with node_modules linked. */
export function projectCopy(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const file of PROJECT_FILES) cpSync(join(root, file), join(dir, file), { recursive: true });
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}

/** Runs git in `dir` as a throw-away identity. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync(
    "git",
    ["-c", "user.name=fleet", "-c", "user.email=fleet@example.com", ...args],
    { cwd: dir, encoding: "utf8" },
  );
}

/** A project copy on branch main with `config` committed as fleet.json. */
export function fleetCheckout(prefix: string, config: object): string {
  const dir = projectCopy(prefix);
  writeFileSync(
    join(dir, ".gitignore"),
    "node_modules\n.offline-plan/\n.terraform-plugin-cache/\ndist/\ncdktf.out/\n",
  );
  writeFileSync(join(dir, "fleet.json"), JSON.stringify(config));
  git(dir, "init", "--quiet", "--initial-branch=main");
  git(dir, "add", ".");
  git(dir, "commit", "--quiet", "-m", "fleet");
  return dir;
}
