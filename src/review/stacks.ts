/**
 * `npm run stacks [-- STACK|GLOB ...] [--changed[=<ref>]] [--json [--batches N]]`: the stacks in
 * deploy waves (hubs, then the accounts that read their outputs). With --json, one JSON document
 * on stdout for CI matrices: each wave lists its stacks with the account, region, apply role and
 * plan role; with --changed, only affected stacks, and the removed ones apart; with --batches
 * (1 to 256), each wave's stacks and all of them in at most N batches, one CI job each.
 */
import { join } from "node:path";
import { loadConfig } from "../config/load";
import { configFile, projectRoot } from "./app-synthesis";
import { StackEntry, WavesDocument, workflowBatches } from "./ci-batches";
import { planRoles } from "./plan-role";
import { FleetSelection, parseFleetArgs, selectFleet } from "./fleet-cli";
import type { SynthesizedStack } from "./offline-terraform";
import { UsageError } from "./git-ref";
import { describeChanges } from "./stack-changes";
import { deployWaves, stackDependencies } from "./stack-waves";

const outdir = join(projectRoot, ".offline-plan", "cdktf.out");

/** A stack's account, region and role, from its one aws provider, and its plan role if any. */
export function stackEntry(stack: SynthesizedStack, planRoleArn?: string): StackEntry {
  const provider = stack.json.provider?.aws?.[0] ?? {};
  return {
    stack: stack.name,
    accountId: provider.allowed_account_ids?.[0] ?? "",
    region: provider.region ?? "",
    roleArn: provider.assume_role?.[0]?.role_arn ?? null,
    planRoleArn: planRoleArn ?? null,
  };
}

/** The JSON `npm run stacks -- --json` prints; with `batches`, the CI jobs' batches too. */
export function wavesDocument(
  selection: FleetSelection,
  waves: string[][],
  roles: ReadonlyMap<string, string>,
  batches?: number,
): WavesDocument {
  const byName = new Map(selection.stacks.map((s) => [s.name, s]));
  const entries = waves.map((wave) =>
    wave.map((name) => stackEntry(byName.get(name)!, roles.get(name))),
  );
  return {
    ...(selection.changed && { reference: selection.changed.reference }),
    waves: entries,
    ...(batches !== undefined && workflowBatches(entries, batches)),
    removed: selection.changed?.changes.removed ?? [],
  };
}

/** The command: runs with `process.argv`, resolves to the exit status. */
export async function main(): Promise<number> {
  const options = parseFleetArgs(process.argv.slice(2));
  if (options.batches !== undefined && !options.json)
    throw new UsageError("--batches needs --json: batches are for CI matrices.");
  const selection = await selectFleet(options, outdir);
  const waves = deployWaves(stackDependencies(outdir), selection.selected);
  const changed = selection.changed;
  const explanation = changed
    ? [...changed.notes, ...describeChanges(changed.changes, changed.reference)]
    : [];
  if (options.json) {
    const roles = planRoles(loadConfig(configFile()));
    const document = wavesDocument(selection, waves, roles, options.batches);
    for (const line of explanation) console.error(line);
    // Written in full before runMain exits: a pipe takes 64 KiB at a time, a fleet's JSON more.
    await new Promise((done) => process.stdout.write(`${JSON.stringify(document)}\n`, done));
    return 0;
  }
  for (const line of explanation) console.log(line);
  waves.forEach((wave, i) => console.log(`wave ${i + 1}: ${wave.join(" ")}`));
  if (waves.length === 0) console.log("no stacks selected");
  return 0;
}
