/**
 * Planning a stack with its read-only plan role (`planRoleArn`) instead of the apply role its
 * provider assumes as synthesized: an override file beside the stack points the provider's
 * `assume_role` at the plan role, with the same session name, so the apply role is never assumed.
 * Terraform merges `*_override.tf.json` over the stack, and a nested block of an override
 * replaces the original's, so the synthesized stack itself is untouched.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SesConfig } from "../config/schema";
import { accountStackName, smtpHubStackName } from "../private/stack-names";
import type { SynthesizedStack } from "./offline-terraform";

/** The override file's name (for plans against AWS; offline plans assume no role at all). */
export const PLAN_ROLE_OVERRIDE_FILE = "plan_role_override.tf.json";

/** The plan role of each stack that has one, by stack name. */
export function planRoles(config: SesConfig): Map<string, string> {
  const roles = new Map<string, string>();
  for (const hub of config.smtpHubs) {
    if (hub.planRoleArn) roles.set(smtpHubStackName(hub.region), hub.planRoleArn);
  }
  for (const account of config.accounts) {
    if (account.planRoleArn) roles.set(accountStackName(account.name), account.planRoleArn);
  }
  return roles;
}

/** The session name the provider assumes a role with: `cdktf-<stack>` (as stack-setup.ts sets). */
export function sessionName(stack: SynthesizedStack): string {
  return (
    stack.json.provider?.aws?.[0]?.assume_role?.[0]?.session_name ??
    `cdktf-${stack.name}`.slice(0, 64)
  );
}

/** Every aws provider of the stack assuming `planRoleArn` instead of its own role. */
export function planRoleOverride(stack: SynthesizedStack, planRoleArn: string): object {
  const providers = (stack.json.provider?.aws ?? []).map((p: { alias?: string }) => ({
    alias: p.alias,
    assume_role: [{ role_arn: planRoleArn, session_name: sessionName(stack) }],
  }));
  return { provider: { aws: providers } };
}

/** Writes the plan-role override beside the stack (delete it before applying). */
export function writePlanRoleOverride(stack: SynthesizedStack, planRoleArn: string): string {
  const file = join(stack.dir, PLAN_ROLE_OVERRIDE_FILE);
  writeFileSync(file, JSON.stringify(planRoleOverride(stack, planRoleArn), null, 2));
  return file;
}
