/**
 * Plans and applies with real credentials, one stack at a time, as the CI jobs and `npm run drift`
 * do: the credentials of the stack's role (through GitHub's OIDC token in Actions, else the
 * environment's), the stack's own backend, refresh on. A plan uses the read-only plan role and
 * never the apply role, and reads its hub's outputs with placeholders where the hub has not
 * deployed a key yet (an account being added), as `npm run plan` does.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { StackEntry } from "./ci-batches";
import {
  RemoteStateDefaults,
  SynthesizedStack,
  initArgs,
  offlineOverride,
  terraformAsync,
} from "./offline-terraform";
import { planRoleOverride, sessionName } from "./plan-role";
import { planStream } from "./plan-summary";

/** The override file a refreshed plan writes beside the stack (removed by the next synthesis). */
export const REFRESHED_OVERRIDE = "refreshed_override.tf.json";

/**
 * The override of a refreshed plan: every aws provider assumes the plan role instead of the apply
 * role (plan-role.ts), and each remote state read gets `remoteStateDefaults` (the producer's
 * applied outputs with placeholders).
 */
export function refreshedOverride(
  stack: SynthesizedStack,
  planRoleArn: string,
  remoteStateDefaults: RemoteStateDefaults,
): object {
  const { data } = offlineOverride(stack, remoteStateDefaults) as { data?: object };
  return { ...planRoleOverride(stack, planRoleArn), ...(data && { data }) };
}

/** What a refreshed plan found in one stack. */
export interface RefreshedPlan {
  readonly stack: string;
  /** Resources changed or deleted outside Terraform since the last apply (`resource_drift`). */
  readonly drifted: string[];
  /** Changes the plan would make (configuration not applied yet, or undoing drift). */
  readonly pending: string[];
  readonly errors: string[];
  /** Planned offline against its last applied state (no plan role), as `npm run plan`. */
  readonly offline?: boolean;
  /** Why the stack was not planned (no plan role in CI). */
  readonly skipped?: string;
  readonly seconds: number;
}

/** The drift, pending changes and errors of a `terraform plan -json` run. */
export function readPlanStream(
  stack: SynthesizedStack,
  stdout: string,
  status: number | null,
  stderr = "",
): Pick<RefreshedPlan, "drifted" | "pending" | "errors"> {
  const { changes, errors } = planStream(stack, stdout);
  const drifted = stdout
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l))
    .filter((m) => m.type === "resource_drift")
    .map((m) => `${m.change.resource.addr} (${m.change.action})`);
  const pending = changes.map((c) => `${c.address} (${c.action})`);
  if (status !== 0 && errors.length === 0)
    errors.push(stderr.trim() || `terraform exited ${status}`);
  return { drifted: drifted.sort(), pending, errors };
}

/** Credentials of the job itself (a state-reading role) that must not reach a stack's run. */
const STATIC_CREDENTIALS = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_PROFILE",
];

/**
 * The environment of a stack's Terraform run: in GitHub Actions (ACTIONS_ID_TOKEN_REQUEST_URL),
 * a fresh OIDC token for `role` written beside the stack, for the AWS SDKs' web identity
 * credentials; elsewhere the environment as it is.
 */
export async function roleEnvironment(
  role: string,
  stack: SynthesizedStack,
): Promise<{ env: NodeJS.ProcessEnv }> {
  const url = process.env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const bearer = process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  if (!url || !bearer) {
    if (process.env.GITHUB_ACTIONS === "true")
      throw new Error("no OIDC token in this job: give it permissions: id-token: write.");
    return { env: process.env };
  }
  const response = await fetch(`${url}&audience=sts.amazonaws.com`, {
    headers: { Authorization: `bearer ${bearer}` },
  });
  if (!response.ok) throw new Error(`GitHub gave no OIDC token (HTTP ${response.status}).`);
  const file = join(stack.dir, ".oidc-token");
  writeFileSync(file, ((await response.json()) as { value: string }).value, { mode: 0o600 });
  const env = { ...process.env };
  for (const key of STATIC_CREDENTIALS) delete env[key]; // they would win over the web identity
  return {
    env: {
      ...env,
      AWS_ROLE_ARN: role,
      AWS_WEB_IDENTITY_TOKEN_FILE: file,
      AWS_ROLE_SESSION_NAME: sessionName(stack),
    },
  };
}

/** `terraform init` against the stack's own backend (from the provider mirror if one is set). */
export function initArguments(): string[] {
  return process.env.TF_PROVIDER_MIRROR ? initArgs() : ["init", "-input=false", "-no-color"];
}

/**
 * Plans `stack` with refresh on as its plan role (see {@link refreshedOverride}), saving the
 * plan as `tfplan` and its text as `plan.txt` beside it.
 */
export async function refreshedPlan(
  stack: SynthesizedStack,
  entry: StackEntry,
  role: string,
  remoteStateDefaults: RemoteStateDefaults,
  terraform = terraformAsync,
): Promise<RefreshedPlan> {
  const started = Date.now();
  const done = (result: Pick<RefreshedPlan, "drifted" | "pending" | "errors">) => ({
    stack: entry.stack,
    ...result,
    seconds: (Date.now() - started) / 1000,
  });
  try {
    const { env } = await roleEnvironment(role, stack);
    const override = refreshedOverride(stack, role, remoteStateDefaults);
    writeFileSync(join(stack.dir, REFRESHED_OVERRIDE), JSON.stringify(override, null, 2));
    const init = await terraform(stack.dir, initArguments(), env);
    if (init.status !== 0) return done({ drifted: [], pending: [], errors: [init.stderr.trim()] });
    const args = ["plan", "-json", "-input=false", "-lock=false", "-out=tfplan"];
    const run = await terraform(stack.dir, args, env);
    const result = readPlanStream(stack, run.stdout, run.status, run.stderr);
    if (run.status === 0) {
      const text = await terraform(stack.dir, ["show", "-no-color", "tfplan"], env);
      writeFileSync(join(stack.dir, "plan.txt"), text.stdout);
    }
    return done(result);
  } catch (error) {
    return done({ drifted: [], pending: [], errors: [(error as Error).message] });
  }
}
