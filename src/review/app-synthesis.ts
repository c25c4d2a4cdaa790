/**
 * Synthesis for the fleet tools (plan, stacks, deploy): the working tree's stacks, and with
 * `--changed[=<ref>]` also the reference's, synthesized side by side from a temporary worktree and
 * compared (see stack-changes.ts).
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { chooseConfigFile, configFileNotice } from "../config/config-file";
import { reportAnnotations } from "./annotations";
import { cdktfSettings } from "./cdktf-project";
import { defaultBase, gitRoot, resolveCommit, withWorktree } from "./git-ref";
import { SynthesizedStack, synthesizedStacks } from "./offline-terraform";
import { sourcesDigest } from "./app-bundle";
import { StackChanges, compareStacks } from "./stack-changes";

export const projectRoot = resolve(__dirname, "..", "..");

let noticeShown = false;

/**
 * The configuration file the app reads (SES_CONFIG, else ses.yaml, else the example), as an
 * absolute path; the first call says which when SES_CONFIG did not name it.
 */
export function configFile(): string {
  const choice = chooseConfigFile(projectRoot, process.env.SES_CONFIG);
  const notice = configFileNotice(projectRoot, choice);
  if (notice && !noticeShown) console.error(notice);
  noticeShown = true;
  return choice.file;
}

/**
 * Runs the app of the project at `root` (its cdktf.json `app` command, as `cdktf synth` does)
 * into `outdir`, deletes stack directories it did not write (as `cdktf synth` does; the others
 * keep their `.terraform/`), prints the construct warnings unless `warnings` is false (as
 * `cdktf synth` does), and returns the stacks. The app's output goes to stderr.
 */
export function synthesizeProject(
  root: string,
  outdir: string,
  config: string,
  { warnings = true } = {},
): Promise<SynthesizedStack[]> {
  mkdirSync(outdir, { recursive: true });
  const app = cdktfSettings(root).app;
  return new Promise((done, fail) => {
    const child = spawn(app, {
      cwd: root,
      shell: true,
      env: { ...process.env, CDKTF_OUTDIR: outdir, SES_CONFIG: config },
      stdio: ["ignore", process.stderr, "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    child.on("error", fail);
    child.on("exit", (status) => {
      if (status !== 0) return fail(new Error(`synthesis in ${root} failed:\n${stderr.trim()}`));
      const manifest = removeOrphanStacks(outdir);
      if (warnings) reportAnnotations(manifest);
      done(synthesizedStacks(outdir));
    });
  });
}

/** Deletes stack directories the manifest does not list; returns the manifest. */
function removeOrphanStacks(outdir: string) {
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
  for (const name of readdirSync(join(outdir, "stacks"))) {
    if (!(name in manifest.stacks)) rmSync(join(outdir, "stacks", name), { recursive: true });
  }
  return manifest;
}

/** The working tree's stacks, compared with a reference commit's. */
export interface ChangedSynthesis {
  readonly stacks: SynthesizedStack[];
  readonly changes: StackChanges;
  /** How the reference was named, for messages. */
  readonly reference: string;
  /** Warnings about the comparison (configuration missing at the reference, other dependencies). */
  readonly notes: string[];
}

const byName = (stacks: SynthesizedStack[]) => new Map(stacks.map((s) => [s.name, s.json]));

/**
 * Synthesizes the working tree into `outdir` and `ref` (default: the merge base with the main
 * branch) from a temporary worktree into `refOutdir`, both at once, and compares them. A
 * configuration file inside the checkout is read at the reference's version; one outside it is
 * the same file on both sides. When the reference's app sources equal this checkout's, this
 * checkout's app (already bundled) synthesizes the reference's configuration.
 */
export async function synthesizeChanged(
  ref: string | undefined,
  outdir: string,
  refOutdir: string,
): Promise<ChangedSynthesis> {
  const top = gitRoot(projectRoot, ref ? `--changed=${ref}` : "--changed");
  const base = ref ? { label: ref, commit: resolveCommit(top, ref) } : defaultBase(top);
  const config = configFile();
  const current = synthesizeProject(projectRoot, outdir, config);
  current.catch(() => undefined); // awaited below, after the reference
  const notes: string[] = [];
  const previous = await withWorktree(top, base.commit, async (checkout) => {
    const root = join(checkout, relative(top, projectRoot));
    const inside = !relative(top, config).startsWith("..") && !isAbsolute(relative(top, config));
    const refConfig = inside ? join(checkout, relative(top, config)) : config;
    if (lockFile(root) !== lockFile(projectRoot))
      notes.push(
        `package-lock.json differs at ${base.label}: it was synthesized with this checkout's node_modules.`,
      );
    if (!existsSync(refConfig)) {
      notes.push(
        `${relative(projectRoot, config)} does not exist at ${base.label}: every stack is new.`,
      );
      return [];
    }
    // The same sources make the same stacks: then this checkout's app (bundle built already) runs.
    const app = sameApp(root) ? projectRoot : root;
    return reusedOrSynthesized(app, refOutdir, refConfig, base.commit);
  });
  const stacks = await current;
  return {
    stacks,
    changes: compareStacks(byName(previous), byName(stacks)),
    reference: base.label,
    notes,
  };
}

/**
 * The reference's stacks: those the last run synthesized into `outdir` when the commit, its
 * configuration and the app's sources (lock file included) are the same (a review run again after an
 * edit pays one synthesis, not two), else synthesized now.
 */
async function reusedOrSynthesized(
  app: string,
  outdir: string,
  config: string,
  commit: string,
): Promise<SynthesizedStack[]> {
  const stampFile = join(outdir, "reference.stamp");
  const stamp = createHash("sha256")
    .update([commit, readFileSync(config, "utf8"), digestOf(app)].join("\0"))
    .digest("hex");
  if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp)
    return synthesizedStacks(outdir);
  rmSync(stampFile, { force: true });
  const stacks = await synthesizeProject(app, outdir, config, {
    warnings: false, // the reference's configuration is not what will be deployed
  });
  writeFileSync(stampFile, stamp);
  return stacks;
}

function digestOf(root: string): string {
  try {
    return sourcesDigest(root);
  } catch {
    return `unknown ${Math.random()}`; // another layout: never reused
  }
}

function sameApp(root: string): boolean {
  try {
    return sourcesDigest(root) === sourcesDigest(projectRoot);
  } catch {
    return false; // a reference without this layout runs its own app
  }
}

function lockFile(root: string): string {
  const file = join(root, "package-lock.json");
  return existsSync(file) ? readFileSync(file, "utf8") : "";
}
