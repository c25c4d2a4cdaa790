import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { driftReport, driftStatus } from "../../src/review/fleet-run";
import {
  SynthesizedStack,
  offlineOverride,
  terraformAsync,
} from "../../src/review/offline-terraform";
import { REFRESHED_OVERRIDE, refreshedPlan } from "../../src/review/refreshed-plan";
import { remoteStateDefaults } from "../../src/review/remote-state-defaults";
import { stackEntry } from "../../src/review/stacks";
import { hubWithClients } from "../../test-support/hub";
import { config, synthToDisk } from "../../test-support/synth";

/**
 * Terraform as a CI job runs it, except that a last override file (merged after the refreshed
 * plan's) gives the provider dummy keys and no role, as no account is reachable here: a new
 * stack's refreshed plan reads nothing, so it plans without calling AWS.
 */
const withoutAws =
  (stack: SynthesizedStack) => (dir: string, args: string[], env?: NodeJS.ProcessEnv) => {
    const { provider } = offlineOverride(stack) as { provider: object };
    writeFileSync(join(dir, "zz_test_override.tf.json"), JSON.stringify({ provider }));
    return terraformAsync(dir, args, env);
  };

describe("a refreshed plan (CI plan jobs, npm run drift) of an account being added", () => {
  const stacks = synthToDisk(config(hubWithClients(2)));
  const account = stacks.find((s) => s.name.startsWith("ses-"))!;
  const planRole = `arn:aws:iam::${stackEntry(account).accountId}:role/terraform-plan`;

  test("plans with its real backend and the hub's outputs as placeholders, and reports what it would create", async () => {
    const defaults = remoteStateDefaults(stacks)[account.name];
    const result = await refreshedPlan(
      account,
      stackEntry(account, planRole),
      planRole,
      defaults,
      withoutAws(account),
    );
    expect(result.errors).toEqual([]);
    expect(result.drifted).toEqual([]);
    expect(result.pending).toContain("aws_route53_zone_association.email-smtp (create)");
    expect(result.pending.every((p) => p.endsWith(" (create)"))).toBe(true);
    expect(driftStatus([result])).toBe(3);
    expect(driftReport(result)[0]).toBe(`== ${account.name}: ${result.pending.length} to change`);
    // The saved plan's text is what the job uploads; the override names the plan role.
    expect(readFileSync(join(account.dir, "plan.txt"), "utf8")).toContain(
      "aws_route53_zone_association.email-smtp will be created",
    );
    const override = JSON.parse(readFileSync(join(account.dir, REFRESHED_OVERRIDE), "utf8"));
    expect(override.provider.aws[0].assume_role[0].role_arn).toBe(planRole);
    expect(existsSync(join(account.dir, "terraform.tfstate"))).toBe(false);
  }, 120_000);
});
