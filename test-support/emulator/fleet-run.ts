/**
 * One emulated deployment for an end-to-end test file: the emulator, the world a configuration
 * references, the synthesized stacks, and apply / plan / destroy in the README's order.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { SynthesizedStack, synthesizedStacks } from "../../src/review/offline-terraform";
import { buildStacks } from "../../src/app";
import { parseConfig } from "../../src/config/load";
import type { SesConfig } from "../../src/config/schema";
import { meteredSync } from "../cpu-meter";
import { Emulator, emulatorUnavailable, failureLog, startEmulator } from "./emulator";
import {
  BaseCredentials,
  EMULATOR_CREDENTIALS,
  apply,
  destroy,
  inParallel,
  initForEmulator,
  planChanges,
} from "./terraform";
import { overrideEnv } from "../env";
import { stopProviders } from "./provider-pool";
import { ConfigInput, seedWorld } from "./world";

/**
 * Stacks applied, planned or destroyed at once by default. Each provider is a ~0.5 GB process;
 * applies mostly wait (Route 53 change polling, S3 lifecycle confirmation), so more than the
 * cores pays off where stacks are small.
 */
export const PARALLEL_STACKS = 3;

/**
 * `describe` when the emulator can run here. Otherwise, under CI=true, one failing test that says
 * why; elsewhere a visible skip (never a silent pass): the suite's tests are reported as skipped
 * under a title with the reason, which test-support/skipped-e2e-reporter.js repeats after the
 * summary.
 */
export function describeWithEmulator(name: string, body: () => void): void {
  const reason = emulatorUnavailable();
  if (!reason) return describe(name, body);
  if (process.env.CI === "true") {
    return describe(name, () =>
      test("the AWS emulator runs (CI=true: an end-to-end suite may not be skipped)", () => {
        throw new Error(`The AWS emulator cannot start: ${reason}`);
      }),
    );
  }
  describe.skip(`${name} (skipped: ${reason})`, body);
}

const isHub = (stack: SynthesizedStack): boolean => stack.name.startsWith("smtp-hub-");

/**
 * A deployment in one project directory: every synthesis writes to the same `cdktf.out/` (as a
 * user's repeated `cdktf synth` would), so local state in `terraform-state/` carries over.
 */
export class Deployment {
  readonly root = mkdtempSync(join(tmpdir(), "ses-e2e-"));

  /** @param parallelStacks stacks run at once (memory: about 0.5 GB each) */
  constructor(private readonly parallelStacks = PARALLEL_STACKS) {}

  emulator!: Emulator;
  /** The keys Terraform starts with (each provider then assumes its configured role). */
  credentials: BaseCredentials = EMULATOR_CREDENTIALS;
  config!: SesConfig;
  input!: ConfigInput;
  stacks: SynthesizedStack[] = [];

  /** Puts back the environment `start` changed. */
  private restoreEnv: () => void = () => undefined;

  /**
   * Starts the emulator and points every AWS client this process starts at it: terraform and
   * its providers (pooled ones too), cdktf, the review scripts' refreshed plans
   * (AWS_ENDPOINT_URL).
   */
  async start(): Promise<void> {
    this.emulator = await startEmulator();
    this.restoreEnv = overrideEnv({ AWS_ENDPOINT_URL: this.emulator.url });
  }

  async stop(): Promise<void> {
    await stopProviders();
    await this.emulator?.stop();
    this.restoreEnv();
    rmSync(this.root, { recursive: true, force: true });
  }

  /** Creates what `input` references and synthesizes it. */
  async seed(input: ConfigInput): Promise<void> {
    this.input = await seedWorld(this.emulator.url, input);
    this.synth(this.input);
  }

  /** Synthesizes `input` (ids already seeded) into this deployment's `cdktf.out/`. */
  synth(input: ConfigInput): SynthesizedStack[] {
    this.input = input;
    this.config = parseConfig(input, "e2e-config");
    const outdir = join(this.root, "cdktf.out");
    meteredSync("synthesis (in the Jest process)", () => {
      const app = new App({ outdir, skipValidation: true });
      buildStacks(app, this.config);
      app.synth();
    });
    // Stack directories of accounts no longer configured stay on disk: only the manifest counts.
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
    this.stacks = synthesizedStacks(outdir).filter((s) => s.name in manifest.stacks);
    for (const stack of this.stacks) initForEmulator(stack, this.credentials);
    return this.stacks;
  }

  stack(name: string): SynthesizedStack {
    const found = this.stacks.find((s) => s.name === name);
    if (!found) throw new Error(`no stack ${name} in ${this.stacks.map((s) => s.name)}`);
    return found;
  }

  get hubs(): SynthesizedStack[] {
    return this.stacks.filter(isHub);
  }

  get accounts(): SynthesizedStack[] {
    return this.stacks.filter((s) => !isHub(s));
  }

  /** Deploy order: every hub, then the accounts that read the hubs' outputs. */
  async applyAll(): Promise<Map<string, Awaited<ReturnType<typeof apply>>>> {
    const runs = new Map();
    for (const group of [this.hubs, this.accounts]) {
      const results = await inParallel(group, this.parallelStacks, (s) => this.explain(apply(s)));
      group.forEach((s, i) => runs.set(s.name, results[i]));
    }
    return runs;
  }

  /** Destroy order: accounts first (they read the hubs' state), then the hubs. */
  async destroyAll(): Promise<void> {
    for (const group of [this.accounts, this.hubs]) {
      await inParallel(group, this.parallelStacks, (s) => this.explain(destroy(s)));
    }
  }

  /**
   * Changes a refreshed plan of each stack would make, by stack name. `refresh: false` where a
   * refreshed plan has just found nothing and nothing has run against the emulator since: the
   * plan then shows what the configuration change alone does, with no API call for the resources it already manages.
   */
  async pendingChanges(
    stacks = this.stacks,
    { refresh = true } = {},
  ): Promise<Record<string, string[]>> {
    const options = refresh ? [] : ["-refresh=false"];
    const pending = await inParallel(stacks, this.parallelStacks, (s) =>
      this.explain(planChanges(s, options)),
    );
    return Object.fromEntries(stacks.map((s, i) => [s.name, pending[i]]));
  }

  /** Adds the emulator's failed requests and last log lines to a Terraform failure. */
  private async explain<T>(run: Promise<T>): Promise<T> {
    try {
      return await run;
    } catch (error) {
      (error as Error).message += `\n--- emulator log ---\n${failureLog(this.emulator.logFile)}`;
      throw error;
    }
  }
}
