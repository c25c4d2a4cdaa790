/**
 * `npm run plan [-- STACK ...]`: an offline plan review. Synthesizes the configuration (SES_CONFIG
 * or the example) into .offline-plan/, then for each stack runs terraform init from the local
 * provider mirror, validate and plan with dummy credentials, and prints a readable summary.
 * Nothing here touches cdktf.out/, so an override file can never reach a real deploy.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  SynthesizedStack,
  initOffline,
  planOffline,
  synthesizedStacks,
  validate,
} from "./offline-terraform";
import { remoteStateDefaults } from "./remote-state-defaults";

const root = resolve(__dirname, "..");
const outdir = join(root, ".offline-plan", "cdktf.out");

function synthesize(): void {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const app = spawnSync("node", [join(root, "scripts", "run-app.js")], {
    cwd: root,
    env: { ...process.env, CDKTF_OUTDIR: outdir },
    stdio: "inherit",
  });
  if (app.status !== 0) process.exit(app.status ?? 1);
}

interface Change {
  address: string;
  actions: string[];
  providerKey: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function changes(plan: any): Change[] {
  const providerOf = new Map<string, string>(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    plan.configuration.root_module.resources.map((r: any) => [r.address, r.provider_config_key]),
  );
  return (
    plan.resource_changes
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      .filter((c: any) => c.mode === "managed")
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      .map((c: any) => ({
        address: c.address,
        actions: c.change.actions,
        providerKey: providerOf.get(c.address) ?? "?",
      }))
  );
}

const SYMBOL: Record<string, string> = { create: "+", update: "~", delete: "-", "no-op": " " };

function summarize(stack: SynthesizedStack, list: Change[]): void {
  const counts = new Map<string, number>();
  for (const change of list) {
    const key = change.actions.join("/");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const totals = [...counts].map(([action, n]) => `${n} to ${action}`).join(", ") || "no changes";
  console.log(`\n== ${stack.name}: ${totals}`);
  for (const change of list) {
    const symbol = change.actions.map((a) => SYMBOL[a] ?? "?").join("");
    console.log(`  ${symbol.padEnd(2)} ${change.address}  [${change.providerKey}]`);
  }
  const deletions = list.filter((c) => c.actions.includes("delete"));
  if (deletions.length > 0) {
    console.log(`  !! ${deletions.length} deletion(s) or replacement(s): review before deploying.`);
  }
}

function main(): void {
  synthesize();
  const wanted = process.argv.slice(2);
  const all = synthesizedStacks(outdir);
  const stacks = all.filter((s) => wanted.length === 0 || wanted.includes(s.name));
  const defaults = remoteStateDefaults(all);
  let failed = false;
  for (const stack of stacks) {
    initOffline(stack, defaults[stack.name]);
    const validation = validate(stack);
    if (!validation.valid) {
      failed = true;
      console.log(`\n== ${stack.name}: terraform validate failed`);
      for (const d of validation.diagnostics)
        console.log(`  ${d.severity}: ${d.summary} ${d.detail ?? ""}`);
      continue;
    }
    summarize(stack, changes(planOffline(stack)));
  }
  console.log(
    `\nPlans were made offline with dummy credentials in ${outdir}; nothing was deployed.`,
  );
  process.exit(failed ? 1 : 0);
}

main();
