/**
 * `npm run adopt -- --plan [--outdir DIR] [STACK ...]`: the import plans of the README's migration (step 3),
 * with the stacks' own credentials (importing reads AWS, so `npm run plan`, which is offline,
 * does not plan these stacks). After `npm run synth`, each synthesized stack with import blocks
 * is planned (`terraform init` once, then `terraform plan`) and reported in one group: how many
 * resources are imported, created, updated, replaced and deleted, and every import that is not a
 * plain update or no-op. An import of an id that does not exist is reported at the configuration
 * path that asked for it (see import-errors.ts), and an adopted resource the plan would replace or
 * delete is an error: the exit status is 1 then.
 */
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import {
  SynthesizedStack,
  synthesizedStacks,
  terraformAsync,
  terraformChecked,
} from "../review/offline-terraform";
import { adoptedAt, explainImportError } from "./import-errors";

const PLAN_FILE = "adopt.tfplan";

/** One line of `terraform plan -json`: the error diagnostics are what is read here. */
interface LogLine {
  readonly type?: string;
  readonly diagnostic?: { severity: string; summary: string; detail?: string };
}

interface Change {
  readonly address: string;
  readonly mode: string;
  readonly change: { actions: string[]; importing?: object };
}

/** What one stack's import plan does, as printed. */
export interface ImportPlan {
  readonly name: string;
  readonly head: string;
  readonly lines: string[];
  readonly errors: string[];
}

const COUNTED = ["import", "create", "update", "replace", "delete"] as const;

function actionOf(change: Change): string {
  const { actions } = change.change;
  if (actions.includes("delete") && actions.includes("create")) return "replace";
  return actions[0];
}

/** The report of a plan's resource changes (`terraform show -json`) for `stack`. */
export function importPlanReport(stack: SynthesizedStack, changes: Change[]): ImportPlan {
  const counts = new Map<string, number>(COUNTED.map((a) => [a, 0]));
  const lines: string[] = [];
  const errors: string[] = [];
  for (const c of changes.filter((x) => x.mode === "managed")) {
    const action = actionOf(c);
    if (c.change.importing) counts.set("import", counts.get("import")! + 1);
    if (counts.has(action)) counts.set(action, counts.get(action)! + 1);
    if (!c.change.importing) continue;
    const path = adoptedAt(stack.json, c.address)?.path ?? c.address;
    if (action === "replace" || action === "delete")
      errors.push(
        `${path}: ${c.address} is imported and then ${action === "replace" ? "replaced" : "deleted"}; adoption never does that: configure the resource as it is (see docs/adopting.md "What the first apply changes").`,
      );
    else lines.push(`${c.address} (${path}): import${action === "no-op" ? "" : ` + ${action}`}`);
  }
  const head = COUNTED.map((a) => `${counts.get(a)} to ${a}`).join(", ");
  return { name: stack.name, head, lines: lines.sort(), errors };
}

/** Plans one stack with its import blocks; the plan file (it holds the state's secrets) is removed. */
export async function planImports(stack: SynthesizedStack): Promise<ImportPlan> {
  if (!existsSync(join(stack.dir, ".terraform")))
    await terraformChecked(stack.dir, ["init", "-input=false", "-no-color"]);
  const planFile = join(stack.dir, PLAN_FILE);
  try {
    const run = await terraformAsync(stack.dir, [
      "plan",
      "-json",
      "-input=false",
      "-no-color",
      `-out=${PLAN_FILE}`,
    ]);
    if (run.status !== 0) {
      const errors = run.stdout
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as LogLine)
        .filter((line) => line.diagnostic?.severity === "error")
        .map(({ diagnostic: d }) =>
          explainImportError(stack.json, `${d!.summary}: ${d!.detail ?? ""}`),
        );
      return { name: stack.name, head: "not planned", lines: [], errors };
    }
    const shown = JSON.parse(await terraformChecked(stack.dir, ["show", "-json", PLAN_FILE]));
    return importPlanReport(stack, shown.resource_changes ?? []);
  } finally {
    rmSync(planFile, { force: true });
  }
}

/**
 * Plans the stacks of `outdir` that have import blocks (only those `names` names, if any), one
 * after the other; prints each.
 */
export async function planAllImports(outdir: string, names: string[] = []): Promise<number> {
  const stacks = synthesizedStacks(outdir).filter(
    (s) => (s.json.import?.length ?? 0) > 0 && (names.length === 0 || names.includes(s.name)),
  );
  if (stacks.length === 0) {
    console.log(
      `No ${names.length > 0 ? `stack of ${names.join(", ")}` : "stack"} in ${outdir} has adopt entries (run npm run synth first).`,
    );
    return 0;
  }
  let failed = false;
  for (const stack of stacks) {
    const plan = await planImports(stack);
    console.log(`== ${plan.name}: ${plan.head}`);
    for (const line of plan.lines) console.log(`  ${line}`);
    for (const error of plan.errors) console.log(`  error: ${error}`);
    failed ||= plan.errors.length > 0;
  }
  return failed ? 1 : 0;
}
