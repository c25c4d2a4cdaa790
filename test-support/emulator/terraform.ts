/**
 * Real Terraform against the emulator: an override file beside each synthesized stack (in the
 * test's own temporary output directory, never the repository's `cdktf.out/`) gives every
 * provider the emulator's base credentials and path-style S3; AWS_ENDPOINT_URL (set by the
 * Deployment for its emulator) points them at the emulator. `assume_role` and
 * `allowed_account_ids` stay as synthesized, so each provider really runs in its own emulated
 * account. State is the stacks' real local state, and account stacks read the hub's real outputs
 * through terraform_remote_state.
 *
 * Not a provider `endpoints` block: with one, configuring the provider costs about 4.5 s of CPU
 * (0.6 s without), on every terraform command, pooled or not.
 */
import { spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  SynthesizedStack,
  initArgs,
  terraform,
  terraformEnv,
} from "../../src/review/offline-terraform";
import { reattachable, withProvider } from "./provider-pool";

/** The override file's name; Terraform merges `*_override.tf.json` over the stack. */
const EMULATOR_OVERRIDE_FILE = "emulator_override.tf.json";

/** Access keys Terraform starts with, before each provider assumes its role. */
export interface BaseCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** Any keys of the emulator's default account: enough while it enforces no IAM policy. */
export const EMULATOR_CREDENTIALS: BaseCredentials = {
  accessKeyId: "test",
  secretAccessKey: "test",
};

/** Path-style S3 and base credentials for every aws provider of the stack. */
function emulatorOverride(stack: SynthesizedStack, keys: BaseCredentials): object {
  const providers = (stack.json.provider?.aws ?? []).map((p: { alias?: string }) => ({
    alias: p.alias,
    access_key: keys.accessKeyId,
    secret_key: keys.secretAccessKey,
    skip_metadata_api_check: true,
    s3_use_path_style: true,
    // An API the emulator lacks answers 500, which the SDK would retry for minutes.
    max_retries: 2,
  }));
  return { provider: { aws: providers } };
}

/** Writes the override and, once per stack directory, runs `terraform init` from the mirror. */
export function initForEmulator(
  stack: SynthesizedStack,
  keys: BaseCredentials = EMULATOR_CREDENTIALS,
): void {
  writeFileSync(
    join(stack.dir, EMULATOR_OVERRIDE_FILE),
    JSON.stringify(emulatorOverride(stack, keys), null, 2),
  );
  if (!existsSync(join(stack.dir, ".terraform"))) terraform(stack.dir, initArgs());
}

/** One line of Terraform's machine-readable UI (`-json`). */
export interface TerraformLogLine {
  readonly "@level": string;
  readonly "@message": string;
  readonly "@timestamp": string;
  readonly type: string;
  readonly hook?: { resource?: { addr: string; resource_type: string }; action?: string };
  readonly diagnostic?: { severity: string; summary: string; detail?: string };
  /** A `planned_change` line's resource and action (`create`, `update`, `replace`, ...). */
  readonly change?: { resource: { addr: string }; action: string };
}

/** The outcome of a Terraform command run asynchronously (several stacks apply at once). */
export interface TerraformRun {
  readonly status: number;
  readonly lines: TerraformLogLine[];
  readonly output: string;
}

/** Runs terraform in `dir`; resolves with its status, stdout, and stdout and stderr together. */
function run(
  dir: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number; stdout: string; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn("terraform", args, { cwd: dir, env });
    const out: Buffer[] = [];
    const all: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => (out.push(c), all.push(c)));
    child.stderr.on("data", (c: Buffer) => all.push(c));
    child.on("error", fail);
    child.on("close", (status) =>
      done({
        status: status ?? 1,
        stdout: Buffer.concat(out).toString("utf8"),
        output: Buffer.concat(all).toString("utf8"),
      }),
    );
  });
}

/** `terraform <command> -json ...` as Terraform's machine-readable log. */
async function runJson(
  dir: string,
  [command, ...rest]: string[],
  env: NodeJS.ProcessEnv,
): Promise<TerraformRun> {
  // Options before the arguments: `apply PLANFILE` takes none after the plan file.
  const args = [command, "-json", "-input=false", "-no-color", ...rest];
  const { status, output } = await run(dir, args, env);
  const lines = output
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as TerraformLogLine);
  return { status, lines, output };
}

/** Runs terraform with `-json` output, without blocking the test process. */
export function terraformJson(
  dir: string,
  args: string[],
  env: NodeJS.ProcessEnv = terraformEnv(),
): Promise<TerraformRun> {
  return runJson(dir, args, env);
}

/**
 * Runs `task` with the environment a command of `stack` runs with: a pooled, reattached provider
 * (provider-pool.ts) when the stack has exactly one aws provider block.
 */
function inStackEnv<T>(
  stack: SynthesizedStack,
  task: (env: NodeJS.ProcessEnv) => Promise<T>,
): Promise<T> {
  const env = terraformEnv();
  if (!reattachable(stack.json)) return task(env);
  return withProvider((reattach) => task({ ...env, TF_REATTACH_PROVIDERS: reattach }));
}

/** The error diagnostics of a run, one paragraph each. */
export function errors(run: TerraformRun): string {
  return run.lines
    .filter((l) => l.diagnostic?.severity === "error")
    .map((l) => `${l.diagnostic!.summary}: ${l.diagnostic!.detail ?? ""}`)
    .join("\n\n");
}

async function mustSucceed(stack: SynthesizedStack, args: string[]): Promise<TerraformRun> {
  const outcome = await inStackEnv(stack, (env) => runJson(stack.dir, args, env));
  if (outcome.status !== 0) {
    const why = errors(outcome) || outcome.output;
    throw new Error(`terraform ${args[0]} of ${stack.name} failed:\n${why}`);
  }
  return outcome;
}

/** `terraform apply -auto-approve`; resolves with the JSON log (for ordering assertions). */
export const apply = (stack: SynthesizedStack): Promise<TerraformRun> =>
  mustSucceed(stack, ["apply", "-auto-approve"]);

/** `terraform destroy -auto-approve`. */
export const destroy = (stack: SynthesizedStack): Promise<TerraformRun> =>
  mustSucceed(stack, ["destroy", "-auto-approve"]);

/**
 * A refreshed plan against the emulator (`options` such as `-refresh=false` added), as
 * `terraform show -json` of the saved plan.
 */

export async function planJson(stack: SynthesizedStack, options: string[] = []): Promise<any> {
  await mustSucceed(stack, ["plan", "-out=emulator.tfplan", ...options]);
  const show = await inStackEnv(stack, (env) =>
    run(stack.dir, ["show", "-json", "emulator.tfplan"], env),
  );
  if (show.status !== 0) throw new Error(`terraform show of ${stack.name} failed:\n${show.output}`);
  return JSON.parse(show.stdout);
}

/** `address: actions` of every managed resource a plan would change (no-ops left out). */

export function changes(plan: any): string[] {
  return (plan.resource_changes ?? [])
    .filter((c: any) => c.mode === "managed" && !c.change.actions.includes("no-op"))
    .map((c: any) => `${c.address}: ${c.change.actions.join("+")}`)
    .sort();
}

/**
 * A plan log's actions as `changes` spells them. Left out, as `changes` leaves out their no-op:
 * a move or an import alone, and data sources read. A replacement is `replace` here: the log does
 * not say whether the new object comes first.
 */
const LOGGED_ACTIONS: Record<string, string> = {
  create: "create",
  update: "update",
  delete: "delete",
  replace: "replace",
  remove: "forget",
};

/**
 * `address: action` of every managed resource a refreshed plan (`options` added) would change,
 * read from the plan's own JSON log: one terraform command where `changes(await planJson(...))`
 * takes two (plan, then `show -json`), for checks that need no attribute values.
 */
export async function planChanges(
  stack: SynthesizedStack,
  options: string[] = [],
): Promise<string[]> {
  const run = await mustSucceed(stack, ["plan", ...options]);
  return run.lines
    .filter((l) => l.type === "planned_change" && LOGGED_ACTIONS[l.change!.action])
    .map((l) => `${l.change!.resource.addr}: ${LOGGED_ACTIONS[l.change!.action]}`)
    .sort();
}

/** Runs `task` over `items` with at most `limit` at a time, keeping the results in order. */
export async function inParallel<T, R>(
  items: T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** `terraform apply` of the plan `planJson` saved, so what was asserted is what is applied. */
export const applySavedPlan = (stack: SynthesizedStack): Promise<TerraformRun> =>
  mustSucceed(stack, ["apply", "emulator.tfplan"]);
