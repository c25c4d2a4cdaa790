import {
  MAX_BATCHES,
  StackEntry,
  batches,
  parseBatches,
  workflowBatches,
} from "../../src/review/ci-batches";
import { planRoles } from "../../src/review/plan-role";
import { parseFleetArgs } from "../../src/review/fleet-cli";
import { generatedFleet } from "../../test-support/fleet";
import { config } from "../../test-support/fixtures";

const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2", "eu-central-1"];

/** The waves of a generated fleet as npm run stacks gives them: hubs, then accounts. */
function fleetWaves(n: number): StackEntry[][] {
  const fleet = config(
    generatedFleet(n, { regions: REGIONS, planRoles: true, eventPublishing: false }),
  );
  const roles = planRoles(fleet);
  const entry = (stack: string, accountId: string, region: string, roleArn?: string) => ({
    stack,
    accountId,
    region,
    roleArn: roleArn ?? null,
    planRoleArn: roles.get(stack) ?? null,
  });
  return [
    fleet.smtpHubs.map((h) => entry(`smtp-hub-${h.region}`, h.accountId, h.region, h.roleArn)),
    fleet.accounts.map((a) => entry(`ses-${a.name}`, a.accountId, a.region, a.roleArn)),
  ];
}

const names = (list: { stacks: StackEntry[] }[]) =>
  list.flatMap((b) => b.stacks.map((s) => s.stack));

describe("batches of a 1,000-account fleet", () => {
  const waves = fleetWaves(1000);
  const all = waves.flat().map((e) => e.stack);
  const { batches: byWave, planBatches } = workflowBatches(waves, 64);

  test("every matrix has at most 64 jobs, within GitHub's 256", () => {
    expect(byWave!.map((w) => w.length)).toEqual([4, 64]);
    expect(planBatches).toHaveLength(64);
  });

  test("every stack is in exactly one batch of each kind, hubs before accounts", () => {
    expect(all).toHaveLength(1004);
    expect(names(planBatches!)).toEqual(all);
    expect(names(byWave!.flat())).toEqual(all);
    expect(names(byWave![0]).every((n) => n.startsWith("smtp-hub-"))).toBe(true);
    expect(names(byWave![1]).every((n) => n.startsWith("ses-account-"))).toBe(true);
  });

  test("batch sizes differ by at most one, and the name says which and how many", () => {
    const sizes = planBatches!.map((b) => b.stacks.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(sizes.reduce((a, b) => a + b)).toBe(1004);
    expect(byWave![1][6].name).toBe(`wave 2, batch 7/64: ${byWave![1][6].stacks.length} stacks`);
    expect(byWave![0][0].name).toBe("wave 1, batch 1/4: 1 stack");
  });

  test("each entry carries its apply role and its read-only plan role", () => {
    expect(waves[1][0]).toEqual({
      stack: "ses-account-001",
      accountId: "100000000001",
      region: "us-east-1",
      roleArn: "arn:aws:iam::100000000001:role/terraform",
      planRoleArn: "arn:aws:iam::100000000001:role/terraform-plan",
    });
    expect(waves[0][0].planRoleArn).toBe("arn:aws:iam::999999999999:role/terraform-plan");
  });
});

describe("batches", () => {
  const entries = fleetWaves(5)[1];

  test("fewer stacks than jobs make one job per stack; none make none", () => {
    expect(batches(entries, 64, "").map((b) => b.stacks.length)).toEqual([1, 1, 1, 1, 1]);
    expect(batches([], 64, "")).toEqual([]);
  });

  test("one job takes every stack", () => {
    expect(batches(entries, 1, "")).toEqual([{ name: "batch 1/1: 5 stacks", stacks: entries }]);
  });

  test("a plan role absent from the configuration is null", () => {
    const fleet = config(generatedFleet(2, { eventPublishing: false }));
    expect(planRoles(fleet).size).toBe(0);
  });
});

describe("bad input", () => {
  test.each(["0", "257", "1.5", "many", ""])(
    "--batches %p is refused with what is allowed",
    (value) => {
      expect(() => parseFleetArgs([`--batches=${value}`])).toThrow(
        `--batches must be a whole number from 1 to 256 (GitHub runs at most 256 jobs per matrix); got "${value}".`,
      );
    },
  );

  test("1 and 256 are allowed, as a separate argument too", () => {
    expect(parseBatches("1")).toBe(1);
    expect(parseFleetArgs(["--json", "--batches", String(MAX_BATCHES)]).batches).toBe(256);
  });

  test("a third wave is refused, naming its stacks and the workflow", () => {
    const [hubs, accounts] = fleetWaves(3);
    expect(() => workflowBatches([hubs, accounts.slice(0, 2), accounts.slice(2)], 64)).toThrow(
      "the stacks need 3 deploy waves (wave 3: ses-account-003); .github/workflows/fleet.yml runs 2: hubs, then the accounts that read their outputs.",
    );
  });
});
