/**
 * The CI side of `npm run stacks -- --json`: each wave's stacks grouped into at most N batches, one CI job each, so a
 * fleet of any size fits GitHub's 256 jobs per matrix and pays `npm ci` and synthesis once per
 * batch.
 */
import { UsageError } from "./git-ref";

/** GitHub Actions runs at most 256 jobs per matrix. */
export const MAX_BATCHES = 256;

/** The waves `.github/workflows/fleet.yml` has jobs for: hubs, then the accounts that read them. */
export const WORKFLOW_WAVES = 2;

/** One stack as a CI job needs it. */
export interface StackEntry {
  readonly stack: string;
  readonly accountId: string;
  readonly region: string;
  /** The role the stack's provider assumes to apply, from the configuration; null when none. */
  readonly roleArn: string | null;
  /** The read-only role pull requests and drift checks plan with (`planRoleArn`); null when none. */
  readonly planRoleArn: string | null;
}

/** One CI job: a name for its title and the stacks it plans or applies. */
export interface Batch {
  readonly name: string;
  readonly stacks: StackEntry[];
}

/** Parses `--batches N`: a whole number from 1 to 256. */
export function parseBatches(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_BATCHES) {
    throw new UsageError(
      `--batches must be a whole number from 1 to ${MAX_BATCHES} (GitHub runs at most ${MAX_BATCHES} jobs per matrix); got "${value}".`,
    );
  }
  return n;
}

/**
 * The entries split into at most `max` batches of consecutive entries whose sizes differ by at
 * most one; every entry is in exactly one batch, in order.
 */
export function batches(entries: readonly StackEntry[], max: number, label: string): Batch[] {
  const count = Math.min(max, entries.length);
  return Array.from({ length: count }, (_, i) => {
    const stacks = entries.slice(
      Math.floor((i * entries.length) / count),
      Math.floor(((i + 1) * entries.length) / count),
    );
    const size = `${stacks.length} stack${stacks.length === 1 ? "" : "s"}`;
    return { name: `${label}batch ${i + 1}/${count}: ${size}`, stacks };
  });
}

/** The JSON `npm run stacks -- --json` prints. */
export interface WavesDocument {
  readonly reference?: string;
  /** The selected stacks in deploy waves. */
  readonly waves: StackEntry[][];
  /** With `--batches`: each wave's stacks in at most N batches (apply jobs, wave after wave). */
  readonly batches?: Batch[][];
  /** With `--batches`: every selected stack in at most N batches (plan and drift jobs, at once). */
  readonly planBatches?: Batch[];
  /** Stacks only in the reference: destroy them by hand. */
  readonly removed: string[];
}

/**
 * The batches of the workflow's jobs. A selection that needs more waves than the workflow has
 * jobs for is refused, naming the stacks of the extra waves.
 */
export function workflowBatches(
  waves: StackEntry[][],
  max: number,
): Pick<WavesDocument, "batches" | "planBatches"> {
  if (waves.length > WORKFLOW_WAVES) {
    const extra = waves
      .slice(WORKFLOW_WAVES)
      .flat()
      .map((e) => e.stack);
    throw new UsageError(
      `the stacks need ${waves.length} deploy waves (wave ${WORKFLOW_WAVES + 1}: ${extra.join(", ")}); .github/workflows/fleet.yml runs ${WORKFLOW_WAVES}: hubs, then the accounts that read their outputs.`,
    );
  }
  return {
    batches: waves.map((wave, i) => batches(wave, max, `wave ${i + 1}, `)),
    planBatches: batches(waves.flat(), max, ""),
  };
}
