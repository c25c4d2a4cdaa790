/**
 * `npm run plan [-- STACK|GLOB ...] [--changed[=<ref>]] [--parallelism N]`: an offline plan review.
 * Synthesizes the configuration (SES_CONFIG or the example) into .offline-plan/, then plans the
 * selected stacks at once, up to a bound from cores and free memory: terraform init from the local
 * provider mirror and terraform plan with dummy credentials. Each stack's changes print as one
 * group, in wave order, then a summary table. With --changed, only the stacks whose synthesized
 * JSON differs from the reference's are planned. Nothing here touches cdktf.out/, so an override
 * file can never reach a real deploy.
 */
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "./app-synthesis";
import {
  parallelismBound,
  parseFleetArgs,
  runMain,
  selectFleet,
  usePluginCache,
} from "./fleet-cli";
import {
  OFFLINE_BACKEND,
  RemoteStateDefaults,
  SynthesizedStack,
  initArgs,
  requireOfflineTerraform,
  terraformAsync,
  terraformChecked,
  writeOfflineOverride,
} from "./offline-terraform";
import { remoteStateDefaults } from "./remote-state-defaults";
import { describeChanges } from "./stack-changes";
import { deployWaves, stackDependencies } from "./stack-waves";

const outdir = join(projectRoot, ".offline-plan", "cdktf.out");

/** Terraform's plan actions, as `terraform plan -json` names them. */
type Action = "create" | "update" | "delete" | "replace";
const ACTIONS: Action[] = ["create", "update", "delete", "replace"];
const SYMBOL: Record<Action, string> = { create: "+", update: "~", delete: "-", replace: "-+" };

interface PlannedChange {
  readonly address: string;
  readonly action: Action;
  /** The provider configuration the resource uses (`aws.<alias>`). */
  readonly provider: string;
}

/** One stack's plan: its changes, or why it failed; and how long it took. */
export interface StackPlan {
  readonly name: string;
  readonly seconds: number;
  readonly changes: PlannedChange[];
  readonly errors: string[];
}

/**
 * One stack's offline plan: terraform init from the local mirror, then terraform plan (saved as
 * offline.tfplan) with machine-readable output. Issue 15 plugs the last applied state in here.
 */
export async function planStack(
  stack: SynthesizedStack,
  defaults: RemoteStateDefaults,
): Promise<StackPlan> {
  const started = Date.now();
  const seconds = () => (Date.now() - started) / 1000;
  try {
    writeOfflineOverride(stack, defaults);
    await initLikeOthers(stack);
  } catch (error) {
    return {
      name: stack.name,
      seconds: seconds(),
      changes: [],
      errors: [(error as Error).message],
    };
  }
  const run = await terraformAsync(stack.dir, [
    "plan",
    "-json",
    "-input=false",
    "-lock=false",
    "-out=offline.tfplan",
  ]);
  const parsed = parsePlanOutput(stack, run.stdout);
  if (run.status !== 0 && parsed.errors.length === 0) parsed.errors.push(run.stderr.trim());
  return { name: stack.name, seconds: seconds(), ...parsed };
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
  cpSync(join(template, LOCK_FILE), join(stack.dir, LOCK_FILE));
}

const LOCK_FILE = ".terraform.lock.hcl";

async function initTemplate(key: string, providers: string): Promise<string> {
  const dir = join(outdir, "..", "init", key);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const config = { terraform: { required_providers: JSON.parse(providers), ...OFFLINE_BACKEND } };
  writeFileSync(join(dir, "main.tf.json"), JSON.stringify(config));
  await terraformChecked(dir, initArgs());
  return dir;
}

/** The planned changes and error diagnostics of `terraform plan -json` output. */
export function parsePlanOutput(
  stack: SynthesizedStack,
  stdout: string,
): Pick<StackPlan, "changes" | "errors"> {
  const changes: PlannedChange[] = [];
  const errors: string[] = [];
  for (const line of stdout.split("\n").filter((l) => l.startsWith("{"))) {
    const message = JSON.parse(line);
    if (message.type === "planned_change" && ACTIONS.includes(message.change.action)) {
      const { resource_type: type, resource_name: name, addr } = message.change.resource;
      // Without a provider argument a resource uses its type's default (terraform_data: terraform).
      const provider = stack.json.resource?.[type]?.[name]?.provider ?? type.split("_")[0];
      changes.push({ address: addr, action: message.change.action, provider });
    }
    if (message.type === "diagnostic" && message.diagnostic.severity === "error") {
      const d = message.diagnostic;
      errors.push(
        `${d.summary}${d.detail ? `: ${d.detail}` : ""}${d.address ? ` (${d.address})` : ""}`,
      );
    }
  }
  changes.sort((a, b) => (a.address < b.address ? -1 : 1));
  return { changes, errors };
}

const count = (plan: StackPlan, action: Action) =>
  plan.changes.filter((c) => c.action === action).length;

/** One stack's group of lines: totals, every change with its provider, warnings. */
function report(plan: StackPlan): string {
  if (plan.errors.length > 0) {
    return [`\n== ${plan.name}: plan failed`, ...plan.errors.map((e) => `  error: ${e}`)].join(
      "\n",
    );
  }
  const totals = ACTIONS.filter((a) => count(plan, a) > 0)
    .map((a) => `${count(plan, a)} to ${a}`)
    .join(", ");
  const lines = [`\n== ${plan.name}: ${totals || "no changes"}`];
  for (const change of plan.changes) {
    lines.push(`  ${SYMBOL[change.action].padEnd(2)} ${change.address}  [${change.provider}]`);
  }
  const destructive = count(plan, "delete") + count(plan, "replace");
  if (destructive > 0)
    lines.push(`  !! ${destructive} deletion(s) or replacement(s): review before deploying.`);
  return lines.join("\n");
}

/** The summary table: one row per stack in plan order. */
export function summaryTable(plans: StackPlan[]): string {
  const header = ["stack", "create", "update", "delete", "replace", "seconds"];
  const rows = plans.map((p) => [
    p.errors.length > 0 ? `${p.name} (FAILED)` : p.name,
    ...ACTIONS.map((a) => String(count(p, a))),
    p.seconds.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return ["", line(header), ...rows.map(line)].join("\n");
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

async function main(): Promise<number> {
  const options = parseFleetArgs(process.argv.slice(2));
  requireOfflineTerraform();
  usePluginCache(projectRoot);
  const { stacks, selected, changed } = await selectFleet(options, outdir);
  if (changed) {
    for (const line of [...changed.notes, ...describeChanges(changed.changes, changed.reference)])
      console.log(line);
  }
  const ordered = deployWaves(stackDependencies(outdir), selected).flat();
  const parallelism = options.parallelism ?? parallelismBound(1);
  console.log(`Planning ${ordered.length} of ${stacks.length} stacks, ${parallelism} at a time.`);
  const defaults = remoteStateDefaults(stacks);
  const byName = new Map(stacks.map((s) => [s.name, s]));
  const plans = await boundedInOrder(
    ordered,
    parallelism,
    (name) => planStack(byName.get(name)!, defaults[name]),
    (plan) => console.log(report(plan)),
  );
  if (plans.length > 0) console.log(summaryTable(plans));
  console.log(
    `\nPlans were made offline with dummy credentials in ${outdir}; nothing was deployed.`,
  );
  return plans.some((p) => p.errors.length > 0) ? 1 : 0;
}

if (require.main === module) runMain(main);
