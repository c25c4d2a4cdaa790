/**
 * `npm run plan [-- STACK|GLOB ...] [--changed[=<ref>]] [--parallelism N]`: an offline plan review.
 * Synthesizes the configuration (SES_CONFIG or the example) into .offline-plan/, then plans the
 * selected stacks at once, up to a bound from cores and free memory: terraform init from the local
 * provider mirror and terraform plan with dummy credentials and without refresh, against a copy of
 * each stack's last applied state (none for a new stack): no account is called. Stacks with
 * `adopt` entries are not planned (an import or an adopted data source would call the account).
 * Each stack's changes print as one group, in wave order, then a summary table. With --changed,
 * only the stacks whose synthesized JSON differs from the reference's are planned. Nothing here
 * touches cdktf.out/, so an override file can never reach a real deploy.
 */
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { projectRoot } from "./app-synthesis";
import { parallelismBound, parseFleetArgs, selectFleet, usePluginCache } from "./fleet-cli";
import { AppliedState, AppliedStates, leftoverStates } from "./applied-state";
import {
  OFFLINE_BACKEND,
  OFFLINE_STATE,
  RemoteStateDefaults,
  SynthesizedStack,
  initArgs,
  requireOfflineTerraform,
  terraformAsync,
  terraformChecked,
  writeOfflineOverride,
} from "./offline-terraform";
import {
  StackPlan,
  closingNote,
  planStream,
  plannedChanges,
  report,
  summaryTable,
} from "./plan-summary";
import {
  appliedOutputs,
  producerOf,
  readsOutput,
  remoteStateDefaults,
} from "./remote-state-defaults";
import { describeChanges } from "./stack-changes";
import { v2MoveNote } from "./v2-moves";
import { deployWaves, stackDependencies } from "./stack-waves";

const outdir = join(projectRoot, ".offline-plan", "cdktf.out");

/**
 * One stack's offline plan: terraform init from the local mirror, then terraform plan
 * -refresh=false (saved as offline.tfplan) against a copy of the stack's last applied state, if
 * it has one, and when it updates, replaces or deletes anything, `terraform show -json` of that
 * plan for the attributes and reasons. The copy and the plan (they hold the state's secrets) are
 * deleted once read.
 */
export async function planStack(stack: SynthesizedStack, basis: PlanBasis): Promise<StackPlan> {
  const started = Date.now();
  const outcome = (result: Partial<StackPlan>): StackPlan => ({
    name: stack.name,
    seconds: (Date.now() - started) / 1000,
    ...(basis.state.kind === "new" ? {} : { against: basis.state.location }),
    ...(basis.state.kind === "applied"
      ? { version: { serial: basis.state.state.serial, lineage: basis.state.state.lineage } }
      : {}),
    changes: [],
    errors: [],
    notes: basis.notes,
    ...result,
  });
  if (basis.refused) return outcome({ refused: true, errors: [basis.refused] });
  const stateCopy = join(stack.dir, OFFLINE_STATE);
  const planFile = join(stack.dir, PLAN_FILE);
  try {
    writeOfflineOverride(stack, basis.remoteStateDefaults);
    rmSync(stateCopy, { force: true });
    if (basis.state.kind === "applied") {
      writeFileSync(stateCopy, JSON.stringify(basis.state.state), { mode: 0o600 });
    }
    await initLikeOthers(stack);
    const run = await terraformAsync(stack.dir, [
      "plan",
      "-json",
      "-input=false",
      "-lock=false",
      "-refresh=false",
      `-out=${PLAN_FILE}`,
    ]);
    const { changes, errors } = planStream(stack, run.stdout);
    if (run.status !== 0)
      return outcome({ errors: errors.length > 0 ? errors : [run.stderr.trim()] });
    // Creates need no more; the rest need show -json (another provider start, ~1 s of CPU).
    if (changes.every((c) => c.action === "create")) return outcome({ changes });
    const plan = JSON.parse(await terraformChecked(stack.dir, ["show", "-json", PLAN_FILE]));
    return outcome({ changes: plannedChanges(stack, plan) });
  } catch (error) {
    return outcome({ errors: [(error as Error).message] });
  } finally {
    rmSync(stateCopy, { force: true });
    rmSync(planFile, { force: true });
  }
}

const PLAN_FILE = "offline.tfplan";

/**
 * Deletes the state copies and saved plans (they hold the states' secrets) from every stack
 * directory under `dir`: what a run interrupted before its `finally` left behind.
 */
export function removeStateCopies(dir: string): void {
  const stacksDir = join(dir, "stacks");
  if (!existsSync(stacksDir)) return;
  for (const name of readdirSync(stacksDir)) {
    for (const file of [OFFLINE_STATE, PLAN_FILE])
      rmSync(join(stacksDir, name, file), { force: true });
  }
}

/** On Ctrl-C or SIGTERM, deletes the state copies and plans under `dir` before exiting. */
export function removeStateCopiesOnSignal(dir: string): void {
  for (const [signal, status] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const) {
    process.once(signal, () => {
      removeStateCopies(dir);
      process.exit(status);
    });
  }
}

/** Every stack of the configuration, their states (each read once) and placeholder outputs. */
export interface Fleet {
  readonly stacks: SynthesizedStack[];
  readonly states: AppliedStates;
  readonly placeholders: Record<string, RemoteStateDefaults>;
}

/** The fleet of `stacks`, whose local states are found as `cdktf deploy` in `root` leaves them. */
export function planningFleet(stacks: SynthesizedStack[], root: string): Fleet {
  return { stacks, states: new AppliedStates(root), placeholders: remoteStateDefaults(stacks) };
}

/** What a stack is planned against: its state, and the outputs it reads from other stacks. */
export interface PlanBasis {
  readonly state: AppliedState;
  /** Values for its `terraform_remote_state` reads: last applied outputs, else placeholders. */
  readonly remoteStateDefaults: RemoteStateDefaults;
  readonly notes: string[];
  /** Why the stack must not be planned at all (its state, or a state it reads, was refused). */
  readonly refused?: string;
}

/**
 * The basis of a stack's plan: its last applied state, and for each stack whose outputs it reads,
 * that stack's last applied outputs (placeholders where it has none, or lacks a key not deployed
 * yet). A refused state refuses the stack and every stack that reads it.
 */
export async function planBasis(stack: SynthesizedStack, fleet: Fleet): Promise<PlanBasis> {
  const { stacks, states } = fleet;
  const state = await states.of(stack);
  const placeholders = fleet.placeholders[stack.name] ?? {};
  const basis = { state, remoteStateDefaults: placeholders, notes: [] as string[] };
  if (state.kind === "refused") return { ...basis, refused: state.reason };
  if (state.kind === "applied" && state.note) basis.notes.push(state.note);
  const adopted = adoptEntries(stack);
  if (adopted) return { ...basis, refused: adopted };
  for (const [name, remote] of Object.entries(stack.json.data?.terraform_remote_state ?? {})) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const producerName = producerOf((remote as any).config ?? {});
    const producer = stacks.find((s) => s.name === producerName);
    const read = producer ? await states.of(producer) : undefined;
    if (read?.kind === "refused") {
      return {
        ...basis,
        refused: `it reads the outputs of ${producerName}, whose state is refused: ${read.reason}`,
      };
    }
    if (read?.kind !== "applied") {
      const why = producer ? "has no state yet" : "is not a configured stack";
      basis.notes.push(`${producerName} ${why}: the outputs read from it are placeholders.`);
      continue;
    }
    const applied = appliedOutputs(placeholders[name] ?? {}, read.state.outputs ?? {});
    basis.remoteStateDefaults = { ...basis.remoteStateDefaults, [name]: applied.values };
    const missing = applied.missing.filter((path) => readsOutput(stack, name, path));
    if (missing.length > 0) {
      basis.notes.push(
        `not in ${producerName}'s last applied state, so placeholders: ${missing.join(", ")} (deploy ${producerName} first).`,
      );
    }
  }
  return basis;
}

/** Data sources Terraform evaluates without calling AWS (the stacks emit no other kind). */
const OFFLINE_DATA = new Set(["terraform_remote_state"]);

/**
 * Why a stack with `adopt` entries cannot be planned offline, or undefined: its import blocks make
 * the provider read the objects to import, and its adopted_* data sources are read at every plan,
 * even without refresh; with dummy credentials both fail (and would call the account).
 */
export function adoptEntries(stack: SynthesizedStack): string | undefined {
  const move = v2MoveNote(stack);
  if (move) return move;
  const imports = stack.json.import?.length ?? 0;
  const reads = Object.entries(stack.json.data ?? {})
    .filter(([type]) => !OFFLINE_DATA.has(type))
    .flatMap(([type, blocks]) => Object.keys(blocks as object).map((n) => `data.${type}.${n}`));
  if (imports === 0 && reads.length === 0) return undefined;
  const found = [...(imports > 0 ? [`${imports} import block(s)`] : []), ...reads].join(", ");
  return `it has adopt entries (${found}): an offline plan cannot import or read them; plan the imports with npm run adopt -- --plan (credentials needed), and after the import apply remove the adopt entries (docs/adopting.md "Coming from the article / the tutorial", step 5).`;
}

/** Directories initialized once for all stacks with the same provider requirements. */
const initialized = new Map<string, Promise<string>>();

/**
 * `terraform init` costs about a second of CPU per stack, mostly hashing the 700 MB provider for
 * the lock file. Every stack with the same `required_providers` gets the same result (the offline
 * override gives them all the same backend), so one init in a shared directory serves them all:
 * its `.terraform/` (a link to the provider) and lock file are copied beside each stack.
 */
async function initLikeOthers(stack: SynthesizedStack): Promise<void> {
  const providers = JSON.stringify(stack.json.terraform?.required_providers ?? {});
  const key = createHash("sha256").update(providers).digest("hex").slice(0, 16);
  if (!initialized.has(key)) initialized.set(key, initTemplate(key, providers));
  const template = await initialized.get(key)!;
  rmSync(join(stack.dir, ".terraform"), { recursive: true, force: true }); // links, not targets
  cpSync(join(template, ".terraform"), join(stack.dir, ".terraform"), {
    recursive: true,
    verbatimSymlinks: true,
  });
  // None when Terraform runs an already started provider (TF_REATTACH_PROVIDERS): it installs
  // nothing for it, so it locks nothing.
  if (existsSync(join(template, LOCK_FILE))) {
    cpSync(join(template, LOCK_FILE), join(stack.dir, LOCK_FILE));
  }
}

const LOCK_FILE = ".terraform.lock.hcl";

/** Inits the template, or reuses the last run's when its configuration and arguments match. */
async function initTemplate(key: string, providers: string): Promise<string> {
  const dir = join(outdir, "..", "init", key);
  const config = { terraform: { required_providers: JSON.parse(providers), ...OFFLINE_BACKEND } };
  const stamp = JSON.stringify({ config, args: initArgs() });
  const stampFile = join(dir, "init.stamp");
  if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "main.tf.json"), JSON.stringify(config));
  await terraformChecked(dir, initArgs());
  writeFileSync(stampFile, stamp);
  return dir;
}

/**
 * Runs `work` on every item, at most `limit` at once, and hands the results to `inOrder` in the
 * items' order as soon as each one and all before it are done.
 */
export async function boundedInOrder<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
  inOrder: (result: R) => void,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  const done: boolean[] = items.map(() => false);
  let next = 0;
  let flushed = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
      done[i] = true;
      while (flushed < items.length && done[flushed]) inOrder(results[flushed++]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The command: runs with `process.argv`, resolves to the exit status. */
export async function main(): Promise<number> {
  const options = parseFleetArgs(process.argv.slice(2));
  requireOfflineTerraform();
  usePluginCache(projectRoot);
  removeStateCopies(outdir);
  removeStateCopiesOnSignal(outdir);
  const { stacks, selected, changed } = await selectFleet(options, outdir);
  if (changed) {
    for (const line of [...changed.notes, ...describeChanges(changed.changes, changed.reference)])
      console.log(line);
  }
  const ordered = deployWaves(stackDependencies(outdir), selected).flat();
  const parallelism = options.parallelism ?? parallelismBound(1);
  console.log(`Planning ${ordered.length} of ${stacks.length} stacks, ${parallelism} at a time.`);
  const fleet = planningFleet(stacks, projectRoot);
  const byName = new Map(stacks.map((s) => [s.name, s]));
  const plans = await boundedInOrder(
    ordered,
    parallelism,
    async (name) => planStack(byName.get(name)!, await planBasis(byName.get(name)!, fleet)),
    (plan) => console.log(report(plan)),
  );
  if (plans.length > 0) console.log(summaryTable(plans));
  for (const line of leftoverStates(stacks, projectRoot)) console.log(`\n${line}`);
  console.log(closingNote(outdir));
  return plans.some((p) => p.errors.length > 0) ? 1 : 0;
}
