/**
 * `npm run stacks [-- STACK|GLOB ...] [--changed[=<ref>]] [--json]`: the stacks in deploy waves
 * (hubs, then the accounts that read their outputs). With --json, one JSON document on stdout for
 * CI matrices: each wave lists its stacks with the account, region and role ARN their provider
 * uses; with --changed, only affected stacks, and the removed ones apart.
 */
import { join } from "node:path";
import { projectRoot } from "./app-synthesis";
import { FleetSelection, parseFleetArgs, runMain, selectFleet } from "./fleet-cli";
import type { SynthesizedStack } from "./offline-terraform";
import { describeChanges } from "./stack-changes";
import { deployWaves, stackDependencies } from "./stack-waves";

const outdir = join(projectRoot, ".offline-plan", "cdktf.out");

/** One stack as a CI job needs it. */
export interface StackEntry {
  readonly stack: string;
  readonly accountId: string;
  readonly region: string;
  /** The role the stack's provider assumes, from the configuration; null when none is set. */
  readonly roleArn: string | null;
}

/** A stack's account, region and role, from its one aws provider. */
export function stackEntry(stack: SynthesizedStack): StackEntry {
  const provider = stack.json.provider?.aws?.[0] ?? {};
  return {
    stack: stack.name,
    accountId: provider.allowed_account_ids?.[0] ?? "",
    region: provider.region ?? "",
    roleArn: provider.assume_role?.[0]?.role_arn ?? null,
  };
}

/** The JSON `npm run stacks -- --json` prints. */
export function wavesDocument(selection: FleetSelection, waves: string[][]): object {
  const byName = new Map(selection.stacks.map((s) => [s.name, s]));
  return {
    ...(selection.changed && { reference: selection.changed.reference }),
    waves: waves.map((wave) => wave.map((name) => stackEntry(byName.get(name)!))),
    removed: selection.changed?.changes.removed ?? [],
  };
}

async function main(): Promise<number> {
  const options = parseFleetArgs(process.argv.slice(2));
  const selection = await selectFleet(options, outdir);
  const waves = deployWaves(stackDependencies(outdir), selection.selected);
  const changed = selection.changed;
  const explanation = changed
    ? [...changed.notes, ...describeChanges(changed.changes, changed.reference)]
    : [];
  if (options.json) {
    for (const line of explanation) console.error(line);
    console.log(JSON.stringify(wavesDocument(selection, waves)));
    return 0;
  }
  for (const line of explanation) console.log(line);
  waves.forEach((wave, i) => console.log(`wave ${i + 1}: ${wave.join(" ")}`));
  if (waves.length === 0) console.log("no stacks selected");
  return 0;
}

if (require.main === module) runMain(main);
