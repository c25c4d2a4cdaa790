/**
 * Runs real Terraform (init, validate, plan, show) on synthesized stacks without an AWS account:
 * the provider comes from a local mirror, and an override file written beside each stack supplies
 * dummy credentials and skip flags. The synthesized `cdk.tf.json` itself is never changed.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { satisfies } from "semver";
import { engines } from "../../package.json";

/** The override file's name; Terraform merges `*_override.tf.json` over the stack. */
export const OVERRIDE_FILE = "offline_override.tf.json";

/** A synthesized stack directory. */
export interface SynthesizedStack {
  readonly name: string;
  readonly dir: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly json: any;
}

/** Lists the stacks of a cdktf output directory. */
export function synthesizedStacks(outdir: string): SynthesizedStack[] {
  const stacksDir = join(outdir, "stacks");
  return readdirSync(stacksDir)
    .sort()
    .map((name) => {
      const dir = join(stacksDir, name);
      return { name, dir, json: JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")) };
    });
}

/**
 * A missing or unusable prerequisite (Terraform, the provider mirror). Its message is one line
 * saying what to do; the scripts print it without a stack trace.
 */
export class PrerequisiteError extends Error {}

let mirror: string | undefined;

/** The local provider mirror (TF_PROVIDER_MIRROR, or a one-time search by scripts/provider-mirror.sh). */
export function providerMirror(): string {
  try {
    mirror ??= execFileSync(resolve(__dirname, "..", "..", "scripts", "provider-mirror.sh"), {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    }).trim();
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? "").trim();
    throw new PrerequisiteError(stderr || (error as Error).message);
  }
  process.env.TF_PROVIDER_MIRROR = mirror;
  return mirror;
}

/** The Terraform versions the stacks accept (package.json `engines.terraform`, their required_version). */
const TERRAFORM_VERSIONS = engines.terraform;

const INSTALL_HINT = `install Terraform ${TERRAFORM_VERSIONS} (README "Prerequisites") and put it on PATH`;

/** What offline plans need: Terraform on PATH and the provider mirror. */
export function requireOfflineTerraform(): void {
  requireTerraform();
  providerMirror();
}

/** Checks that `terraform` runs and is a version the stacks accept; returns the version. */
export function requireTerraform(): string {
  const run = spawnSync("terraform", ["version", "-json"], {
    env: terraformEnv(),
    encoding: "utf8",
  });
  if (run.error || run.status !== 0) {
    const reason =
      (run.error as NodeJS.ErrnoException)?.code === "ENOENT" ? "not found" : "does not run";
    throw new PrerequisiteError(`terraform ${reason} on PATH: ${INSTALL_HINT}.`);
  }
  const version: string = JSON.parse(run.stdout).terraform_version;
  if (!satisfies(version, TERRAFORM_VERSIONS)) {
    throw new PrerequisiteError(
      `terraform ${version} is outside the versions these stacks accept: ${INSTALL_HINT}.`,
    );
  }
  return version;
}

/** The environment Terraform runs with here (`base` and): no phoning home, no prompts. */
export function terraformEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...base,
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
  };
  // A CLI configuration that points at a missing file only prints a warning on every command.
  if (env.TF_CLI_CONFIG_FILE && !existsSync(env.TF_CLI_CONFIG_FILE)) delete env.TF_CLI_CONFIG_FILE;
  return env;
}

/** Runs terraform in `dir`; throws with Terraform's own output when it fails. */
export function terraform(dir: string, args: string[]): string {
  const result = spawnSync("terraform", args, {
    cwd: dir,
    env: terraformEnv(),
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw terraformFailure(dir, args, result.stderr + result.stdout);
  return result.stdout;
}

function terraformFailure(dir: string, args: string[], output: string): Error {
  return new Error(`terraform ${args.join(" ")} failed in ${dir}:\n${output}`);
}

/** A finished terraform run that may have failed: its status and output. */
export interface TerraformRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs terraform in `dir` (with `env`) without blocking, so several stacks run at once. */
export function terraformAsync(
  dir: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<TerraformRun> {
  return new Promise((done, fail) => {
    const child = spawn("terraform", args, { cwd: dir, env: terraformEnv(env) });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", fail);
    child.on("close", (status) =>
      done({
        status,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
      }),
    );
  });
}

/** {@link terraformAsync} that throws with Terraform's own output when it fails. */
export async function terraformChecked(dir: string, args: string[]): Promise<string> {
  const run = await terraformAsync(dir, args);
  if (run.status !== 0) throw terraformFailure(dir, args, run.stderr + run.stdout);
  return run.stdout;
}

/** The state file of every offline plan, in the stack's directory. */
export const OFFLINE_STATE = "offline.tfstate";

/** The backend of every offline plan: a local state file in the stack's directory. */
export const OFFLINE_BACKEND = { backend: { local: { path: OFFLINE_STATE } } };

/** A state with no resources and no outputs: remote state reads fall back to `defaults`. */
const EMPTY_STATE = { version: 4, serial: 1, lineage: "offline-plan", outputs: {}, resources: [] };

/** Placeholder outputs for each `terraform_remote_state` data source, by its name. */
export type RemoteStateDefaults = Record<string, Record<string, unknown>>;

/**
 * The override that lets a stack plan offline: for every aws provider alias, dummy keys, skip
 * flags, no assume_role and no account pinning; a local backend; and each remote state read from
 * an empty state file with placeholder outputs.
 */
export function offlineOverride(
  stack: SynthesizedStack,
  remoteStateDefaults: RemoteStateDefaults = {},
): object {
  const providers = (stack.json.provider?.aws ?? []).map(
    (p: { alias?: string; region: string }) => ({
      alias: p.alias,
      region: p.region,
      access_key: "offline",
      secret_key: "offline",
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      assume_role: [{ role_arn: "" }],
      allowed_account_ids: [],
    }),
  );
  const override: Record<string, unknown> = {
    terraform: OFFLINE_BACKEND,
    provider: { aws: providers },
  };
  const remoteStates = Object.keys(stack.json.data?.terraform_remote_state ?? {});
  if (remoteStates.length > 0) {
    const emptyState = join(stack.dir, "offline-empty.tfstate");
    writeFileSync(emptyState, JSON.stringify(EMPTY_STATE));
    override.data = {
      terraform_remote_state: Object.fromEntries(
        remoteStates.map((name) => [
          name,
          {
            backend: "local",
            config: { path: emptyState },
            defaults: remoteStateDefaults[name] ?? {},
          },
        ]),
      ),
    };
  }
  return override;
}

/** Writes the offline override file beside the stack. */
export function writeOfflineOverride(
  stack: SynthesizedStack,
  remoteStateDefaults?: RemoteStateDefaults,
): void {
  const override = offlineOverride(stack, remoteStateDefaults);
  writeFileSync(join(stack.dir, OVERRIDE_FILE), JSON.stringify(override, null, 2));
}

/** Arguments of `terraform init` from the local provider mirror. */
export function initArgs(): string[] {
  return ["init", "-input=false", "-reconfigure", "-no-color", `-plugin-dir=${providerMirror()}`];
}

/** `terraform init` from the local mirror, with the offline override in place. */
export function initOffline(
  stack: SynthesizedStack,
  remoteStateDefaults?: RemoteStateDefaults,
): void {
  writeOfflineOverride(stack, remoteStateDefaults);
  terraform(stack.dir, initArgs());
}

export interface ValidateResult {
  valid: boolean;
  error_count: number;
  warning_count: number;
  diagnostics: { severity: string; summary: string; detail?: string }[];
}

/** `terraform validate -json`. */
export function validate(stack: SynthesizedStack): ValidateResult {
  const result = spawnSync("terraform", ["validate", "-json", "-no-color"], {
    cwd: stack.dir,
    env: terraformEnv(),
    encoding: "utf8",
  });
  return JSON.parse(result.stdout) as ValidateResult;
}

/** `terraform plan` then `terraform show -json` of the saved plan. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function planOffline(stack: SynthesizedStack): any {
  terraform(stack.dir, ["plan", "-input=false", "-lock=false", "-no-color", "-out=offline.tfplan"]);
  return JSON.parse(terraform(stack.dir, ["show", "-json", "offline.tfplan"]));
}
