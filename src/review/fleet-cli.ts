/**
 * What `npm run plan`, `npm run stacks` and `npm run deploy` share: their command line, stack
 * selection by name or glob, the parallelism bound, the Terraform plugin cache, and one-line
 * errors for bad input.
 */
import { mkdirSync } from "node:fs";
import { availableParallelism, freemem } from "node:os";
import { join } from "node:path";
import {
  ChangedSynthesis,
  configFile,
  projectRoot,
  synthesizeChanged,
  synthesizeProject,
} from "./app-synthesis";
import { parseBatches } from "./ci-batches";
import { UsageError } from "./git-ref";
import type { SynthesizedStack } from "./offline-terraform";
import { selectedStacks } from "./stack-changes";

/** Parsed command line of the fleet scripts. */
export interface FleetOptions {
  /** Stack names or globs (`ses-*`); empty means every stack. */
  readonly stacks: string[];
  /** `--changed` alone is `true` (the merge base with the main branch); `--changed=<ref>` names it. */
  readonly changed?: string | true;
  /** `--parallelism N`. */
  readonly parallelism?: number;
  /** `--json`. */
  readonly json: boolean;
  /** `--batches N` (stacks only): at most N CI jobs per wave. */
  readonly batches?: number;
  /** Any other `--flag`, passed on (for example `--auto-approve` to deploy). */
  readonly passThrough: string[];
}

/**
 * Parses `[STACK|GLOB ...] [--changed[=<ref>]] [--parallelism N] [--json] [--batches N]`, and
 * `passThrough` flags.
 */
export function parseFleetArgs(args: readonly string[], passThrough: string[] = []): FleetOptions {
  const stacks: string[] = [];
  const passed: string[] = [];
  let changed: string | true | undefined;
  let parallelism: number | undefined;
  let json = false;
  let batches: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--changed") changed = true;
    else if (arg.startsWith("--changed=")) changed = arg.slice("--changed=".length) || true;
    else if (arg === "--json") json = true;
    else if (arg === "--parallelism" || arg.startsWith("--parallelism=")) {
      const value = arg.includes("=") ? arg.split("=")[1] : args[++i];
      parallelism = Number(value);
      if (!Number.isInteger(parallelism) || parallelism < 1)
        throw new UsageError(`--parallelism must be a whole number of at least 1; got "${value}".`);
    } else if (arg === "--batches" || arg.startsWith("--batches=")) {
      batches = parseBatches((arg.includes("=") ? arg.split("=")[1] : args[++i]) ?? "");
    } else if (passThrough.includes(arg)) passed.push(arg);
    else if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}.`);
    else stacks.push(arg);
  }
  return { stacks, changed, parallelism, json, batches, passThrough: passed };
}

const globPattern = (glob: string) =>
  new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);

/**
 * The stacks the command line names (all when it names none), in the order of `known`. A name or
 * glob that matches no stack is an error listing the known stacks.
 */
export function selectStacks(requested: readonly string[], known: readonly string[]): string[] {
  if (requested.length === 0) return [...known];
  const unknown = requested.filter((r) => !known.some((k) => globPattern(r).test(k)));
  if (unknown.length > 0) {
    throw new UsageError(
      `no stack named ${unknown.map((u) => `"${u}"`).join(", ")}; known stacks: ${known.join(", ")}.`,
    );
  }
  return known.filter((k) => requested.some((r) => globPattern(r).test(k)));
}

/** Memory one Terraform run takes: terraform itself and one aws provider process. */
export const GIB_PER_TERRAFORM_RUN = 0.55;

/**
 * How many Terraform runs fit at once: `cpuFactor` per core (plans are CPU-bound; applies mostly
 * wait on AWS), and no more than the available memory holds at 0.55 GB each; at least 1.
 */
export function parallelismBound(cpuFactor: number, freeBytes = freemem()): number {
  const byMemory = Math.floor(freeBytes / (GIB_PER_TERRAFORM_RUN * 1024 ** 3));
  return Math.max(1, Math.min(availableParallelism() * cpuFactor, byMemory));
}

/**
 * Sets TF_PLUGIN_CACHE_DIR to the project's `.terraform-plugin-cache/` unless the user set it, so
 * Terraform links the ~700 MB aws provider into each stack directory instead of unpacking a copy.
 */
export function usePluginCache(root: string): string {
  const dir = process.env.TF_PLUGIN_CACHE_DIR || join(root, ".terraform-plugin-cache");
  mkdirSync(dir, { recursive: true });
  process.env.TF_PLUGIN_CACHE_DIR = dir;
  return dir;
}

/**
 * Runs a fleet script's main. A UsageError is one line on stderr and exit status 2; any other
 * error is its message and status 1 (with DEBUG=1, its stack trace).
 */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (status) => process.exit(status),
    (error: Error) => {
      console.error(process.env.DEBUG && !(error instanceof UsageError) ? error : error.message);
      process.exit(error instanceof UsageError ? 2 : 1);
    },
  );
}

/** The stacks a fleet command works on, and the comparison that chose them with `--changed`. */
export interface FleetSelection {
  /** Every synthesized stack of the working tree. */
  readonly stacks: SynthesizedStack[];
  /** The names to work on: those named (all if none), and with `--changed` only affected ones. */
  readonly selected: string[];
  readonly changed?: ChangedSynthesis;
}

/** Synthesizes into `outdir` (and the reference into `.offline-plan/reference/`) and selects. */
export async function selectFleet(options: FleetOptions, outdir: string): Promise<FleetSelection> {
  if (options.changed === undefined) {
    const stacks = await synthesizeProject(projectRoot, outdir, configFile());
    return {
      stacks,
      selected: selectStacks(
        options.stacks,
        stacks.map((s) => s.name),
      ),
    };
  }
  const ref = options.changed === true ? undefined : options.changed;
  const refOutdir = join(projectRoot, ".offline-plan", "reference");
  const changed = await synthesizeChanged(ref, outdir, refOutdir);
  const named = selectStacks(
    options.stacks,
    changed.stacks.map((s) => s.name),
  );
  const affected = selectedStacks(changed.changes);
  return { stacks: changed.stacks, selected: named.filter((n) => affected.includes(n)), changed };
}
