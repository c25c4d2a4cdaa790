/**
 * `npm run drift [-- STACK|GLOB ...] [--parallelism N] [--plan-roles-only]`: plans every stack
 * with refresh on, as its plan role (`planRoleArn`; without one its `roleArn`, or with
 * --plan-roles-only not at all), and reports the stacks whose resources changed outside Terraform
 * or whose configuration is not applied. Exit status: 0 none, 3 drift or pending changes, 1 a
 * stack could not be checked, 2 a bad command line.
 *
 * The jobs of .github/workflows/fleet.yml run the same on their batch:
 * `node scripts/run-command.js fleet-run plan|apply|drift STACK...`. `plan` plans each stack with its plan
 * role and refresh, and a stack without one offline (as `npm run plan`, never with the apply
 * role); `apply` applies each as its apply role. In GitHub Actions each stack gets its role
 * through the job's OIDC token. Each stack writes `summary-<stack>.md`, a row of the summary.
 */
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../config/load";
import { configFile, projectRoot, synthesizeProject } from "./app-synthesis";
import { AppliedStates } from "./applied-state";
import type { StackEntry } from "./ci-batches";
import { planRoles } from "./plan-role";
import { parallelismBound, parseFleetArgs, selectStacks, usePluginCache } from "./fleet-cli";
import { UsageError } from "./git-ref";
import {
  OVERRIDE_FILE,
  SynthesizedStack,
  requireTerraform,
  terraformAsync,
} from "./offline-terraform";
import { boundedInOrder, planBasis, planStack, planningFleet } from "./plan";
import { report } from "./plan-summary";
import {
  REFRESHED_OVERRIDE,
  RefreshedPlan,
  initArguments,
  refreshedPlan,
  roleEnvironment,
} from "./refreshed-plan";
import { appliedOutputs, producerOf, remoteStateDefaults } from "./remote-state-defaults";
import type { RemoteStateDefaults } from "./offline-terraform";
import { stackEntry } from "./stacks";
import { deployWaves, stackDependencies } from "./stack-waves";

/** Synthesized apart from cdktf.out/ (the same depth, so local state paths hold). */
const outdir = join(projectRoot, ".fleet-run");

const COMMANDS = ["plan", "apply", "drift"] as const;
type Command = (typeof COMMANDS)[number];

/** Exit status of `npm run drift` when a stack drifted or has changes not applied. */
export const DRIFT_STATUS = 3;

/** One stack's result in a few words. */
export function resultText(plan: RefreshedPlan): string {
  if (plan.skipped) return `not checked: ${plan.skipped}`;
  if (plan.errors.length > 0) return `error: ${plan.errors[0].split("\n")[0]}`;
  const counts = [
    ...(plan.drifted.length > 0 ? [`${plan.drifted.length} drifted`] : []),
    ...(plan.pending.length > 0 ? [`${plan.pending.length} to change`] : []),
  ];
  return `${counts.join(", ") || "no changes"}${plan.offline ? " (offline plan: no planRoleArn)" : ""}`;
}

/** One stack's row of the job summary table (stack, result, seconds). */
export function summaryRow(plan: RefreshedPlan): string {
  return `| ${plan.stack} | ${resultText(plan)} | ${Math.round(plan.seconds)} s |`;
}

/** The lines `npm run drift` prints for one stack. */
export function driftReport(plan: RefreshedPlan): string[] {
  return [
    `== ${plan.stack}: ${resultText(plan)}`,
    ...plan.drifted.map((d) => `  drifted: ${d}`),
    ...plan.pending.map((p) => `  pending: ${p}`),
    ...plan.errors.map((e) => `  error: ${e}`),
  ];
}

/** 1 when a stack could not be checked, else 3 when one drifted or has pending changes, else 0. */
export function driftStatus(plans: readonly RefreshedPlan[]): number {
  if (plans.some((p) => p.errors.length > 0)) return 1;
  return plans.some((p) => p.drifted.length + p.pending.length > 0) ? DRIFT_STATUS : 0;
}

/**
 * The values each remote state read of `stack` gets: the producer's last applied outputs, with
 * placeholders for keys not deployed yet (an account being added). Read with `env`'s credentials.
 */
async function readDefaults(
  stack: SynthesizedStack,
  stacks: SynthesizedStack[],
  states: AppliedStates,
  env: NodeJS.ProcessEnv,
): Promise<RemoteStateDefaults> {
  const placeholders = remoteStateDefaults([stack, ...stacks.filter((s) => s !== stack)])[
    stack.name
  ];
  const defaults: RemoteStateDefaults = {};
  const saved = { ...process.env };
  replaceEnvironment(env); // the SDK reads its credentials from the environment
  try {
    for (const [name, remote] of Object.entries(stack.json.data?.terraform_remote_state ?? {})) {
      const producer = stacks.find(
        (s) => s.name === producerOf((remote as { config?: object }).config ?? {}),
      );
      const read = producer ? await states.of(producer) : undefined;
      if (read?.kind === "refused") throw new Error(read.reason);
      const applied = read?.kind === "applied" ? (read.state.outputs ?? {}) : {};
      defaults[name] = appliedOutputs(placeholders[name] ?? {}, applied).values;
    }
  } finally {
    replaceEnvironment(saved);
  }
  return defaults;
}

function replaceEnvironment(env: NodeJS.ProcessEnv): void {
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
  Object.assign(process.env, env);
}

async function applyStack(stack: SynthesizedStack, entry: StackEntry): Promise<RefreshedPlan> {
  const started = Date.now();
  const done = (errors: string[]) => ({
    stack: stack.name,
    drifted: [],
    pending: [],
    errors,
    seconds: (Date.now() - started) / 1000,
  });
  if (!entry.roleArn) return done(["no roleArn in the configuration: nothing to apply as."]);
  const { env } = await roleEnvironment(entry.roleArn, stack);
  for (const args of [initArguments(), ["apply", "-input=false", "-auto-approve", "-no-color"]]) {
    const run = await terraformAsync(stack.dir, args, env);
    process.stdout.write(`== ${stack.name}: terraform ${args[0]}\n${run.stdout}${run.stderr}`);
    if (run.status !== 0) return done([`terraform ${args[0]} failed`]);
  }
  return done([]);
}

/** Offline plans (as `npm run plan`) of the stacks that have no plan role. */
async function offlinePlans(
  names: string[],
  stacks: SynthesizedStack[],
  parallelism: number,
): Promise<RefreshedPlan[]> {
  const fleet = planningFleet(stacks, projectRoot);
  const byName = new Map(stacks.map((s) => [s.name, s]));
  const plans = await boundedInOrder(
    names,
    parallelism,
    async (name) => planStack(byName.get(name)!, await planBasis(byName.get(name)!, fleet)),
    (plan) => console.log(report(plan)),
  );
  return plans.map((p) => ({
    stack: p.name,
    drifted: [],
    pending: p.changes.map((c) => `${c.address} (${c.action})`),
    errors: p.errors,
    seconds: p.seconds,
    offline: true,
  }));
}

/**
 * Refreshed plans of `entries`, each as `roleOf` it. The hubs' outputs they read are fetched
 * first, one stack at a time (the SDK takes its credentials from the process environment).
 */
async function refreshedPlans(
  entries: StackEntry[],
  roleOf: (e: StackEntry) => string,
  stacks: SynthesizedStack[],
  parallelism: number,
): Promise<RefreshedPlan[]> {
  const byName = new Map(stacks.map((s) => [s.name, s]));
  const states = new AppliedStates(projectRoot);
  const defaults = new Map<string, RemoteStateDefaults | Error>();
  for (const e of entries) {
    const stack = byName.get(e.stack)!;
    const read = roleEnvironment(roleOf(e), stack).then(({ env }) =>
      readDefaults(stack, stacks, states, env),
    );
    defaults.set(e.stack, await read.catch((error: Error) => error));
  }
  return boundedInOrder(
    entries,
    parallelism,
    async (e) => {
      const read = defaults.get(e.stack)!;
      if (read instanceof Error)
        return { stack: e.stack, drifted: [], pending: [], errors: [read.message], seconds: 0 };
      return refreshedPlan(byName.get(e.stack)!, e, roleOf(e), read);
    },
    (plan) => console.log(driftReport(plan).join("\n")),
  );
}

const notChecked = (e: StackEntry): RefreshedPlan => ({
  stack: e.stack,
  drifted: [],
  pending: [],
  errors: [],
  skipped: "no planRoleArn",
  seconds: 0,
});

/** The command's results: applies, or refreshed plans (offline or unchecked without a role). */
async function run(
  command: Command,
  entries: StackEntry[],
  stacks: SynthesizedStack[],
  parallelism: number,
  planRolesOnly: boolean,
): Promise<RefreshedPlan[]> {
  const byName = new Map(stacks.map((s) => [s.name, s]));
  // A previous run's override (offline: dummy keys; refreshed: the plan role) must not carry over.
  for (const stack of stacks)
    for (const file of [OVERRIDE_FILE, REFRESHED_OVERRIDE])
      rmSync(join(stack.dir, file), { force: true });
  if (command === "apply") {
    const apply = (e: StackEntry) => applyStack(byName.get(e.stack)!, e);
    return boundedInOrder(entries, parallelism, apply, () => undefined);
  }
  // Without a plan role: offline in a pull request; a drift check as the apply role only locally.
  const fallback = command === "drift" && !planRolesOnly;
  const withRole = entries.filter((e) => e.planRoleArn || (fallback && e.roleArn));
  const without = entries.filter((e) => !withRole.includes(e));
  const roleOf = (e: StackEntry) => (e.planRoleArn ?? e.roleArn)!;
  const results = await refreshedPlans(withRole, roleOf, stacks, parallelism);
  const names = without.map((e) => e.stack);
  if (command === "plan") return [...results, ...(await offlinePlans(names, stacks, parallelism))];
  return [...results, ...without.map(notChecked)];
}

/** The command: runs with `process.argv`, resolves to the exit status. */
export async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  if (!COMMANDS.includes(command as Command))
    throw new UsageError(
      `the command must be one of ${COMMANDS.join(", ")}; got "${command ?? ""}".`,
    );
  const options = parseFleetArgs(rest, ["--plan-roles-only"]);
  // In GitHub Actions a plan or drift check never assumes an apply role, whatever the flags.
  const planRolesOnly =
    options.passThrough.includes("--plan-roles-only") || process.env.GITHUB_ACTIONS === "true";
  requireTerraform();
  usePluginCache(projectRoot);
  const stacks = await synthesizeProject(projectRoot, outdir, configFile());
  const roles = planRoles(loadConfig(configFile()));
  const names = stacks.map((s) => s.name);
  const ordered = deployWaves(stackDependencies(outdir), selectStacks(options.stacks, names));
  const byName = new Map(stacks.map((s) => [s.name, s]));
  const entries = ordered.flat().map((name) => stackEntry(byName.get(name)!, roles.get(name)));
  const parallelism = options.parallelism ?? parallelismBound(1);
  const results = await run(command as Command, entries, stacks, parallelism, planRolesOnly);
  const summaries = process.env.FLEET_SUMMARY_DIR; // the workflow's: one row file per stack
  for (const r of summaries ? results : [])
    writeFileSync(join(summaries!, `summary-${r.stack}.md`), `${summaryRow(r)}\n`);
  if (command !== "apply")
    console.log(results.map((r) => `${r.stack}: ${resultText(r)}`).join("\n"));
  if (command === "drift") return driftStatus(results);
  return results.some((r) => r.errors.length > 0) ? 1 : 0;
}
