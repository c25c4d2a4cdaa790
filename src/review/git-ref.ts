/**
 * The git side of `--changed[=<ref>]`: resolve the reference (default: the merge base with the
 * main branch) and check it out into a temporary worktree. Every failure is one line naming the
 * reference.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A mistake in the command line: printed as one line, exit status 2. */
export class UsageError extends Error {}

function git(cwd: string, args: string[]): { ok: boolean; out: string } {
  const result = spawnSync("git", args, { cwd, encoding: "utf8" });
  return { ok: result.status === 0, out: (result.stdout ?? "").trim() };
}

/** The top of the git checkout holding `dir`; `option` is how the command line asked for it. */
export function gitRoot(dir: string, option: string): string {
  const top = git(dir, ["rev-parse", "--show-toplevel"]);
  if (!top.ok) throw new UsageError(`${option}: ${dir} is not inside a git checkout.`);
  return top.out;
}

/** The commit `ref` names, or a UsageError naming it. */
export function resolveCommit(root: string, ref: string): string {
  const commit = git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  if (!commit.ok) throw new UsageError(`--changed=${ref}: no commit named "${ref}" in ${root}.`);
  return commit.out;
}

const MAIN_BRANCHES = ["origin/HEAD", "origin/main", "main", "origin/master", "master"];

/** The merge base of HEAD with the main branch (origin's default branch, main or master). */
export function defaultBase(root: string): { label: string; commit: string } {
  const main = MAIN_BRANCHES.find((b) => git(root, ["rev-parse", "--verify", "--quiet", b]).ok);
  if (!main) {
    throw new UsageError(
      `--changed: no main branch (${MAIN_BRANCHES.join(", ")}) to compare with; name a ref: --changed=<ref>.`,
    );
  }
  const base = git(root, ["merge-base", "HEAD", main]);
  if (!base.ok) throw new UsageError(`--changed: HEAD and ${main} have no common commit.`);
  return { label: `merge base with ${main} (${base.out.slice(0, 12)})`, commit: base.out };
}

/**
 * Runs `use` on a temporary detached worktree of `commit` (with this checkout's node_modules
 * linked in), and removes the worktree afterwards whatever happens.
 */
export async function withWorktree<T>(
  root: string,
  commit: string,
  use: (dir: string) => Promise<T>,
): Promise<T> {
  const dir = join(mkdtempSync(join(tmpdir(), "ses-changed-")), "checkout");
  const added = git(root, ["worktree", "add", "--detach", "--quiet", dir, commit]);
  if (!added.ok) throw new Error(`git worktree add ${dir} ${commit} failed.`);
  try {
    const modules = join(root, "node_modules");
    if (existsSync(modules) && !existsSync(join(dir, "node_modules")))
      symlinkSync(modules, join(dir, "node_modules"), "dir");
    return await use(dir);
  } finally {
    git(root, ["worktree", "remove", "--force", dir]);
    rmSync(join(dir, ".."), { recursive: true, force: true });
  }
}
