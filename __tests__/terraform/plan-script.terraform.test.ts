import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Fleet, planBasis, planStack, planningFleet } from "../../scripts/plan";
import { OFFLINE_STATE, SynthesizedStack } from "../../scripts/offline-terraform";
import {
  countingProxy,
  removeReviewProject,
  reviewerEnv,
  reviewPlan,
  reviewProject,
  stackGroups,
} from "../../test-support/plan-review";
import { adoptedInput } from "../../test-support/adopt";
import { exampleConfig, exampleInput, synthToDisk } from "../../test-support/synth";

describe("npm run plan's stack plan (terraform plan -json, then show -json)", () => {
  let stacks: SynthesizedStack[];
  let fleet: Fleet;
  let root: string;

  beforeAll(() => {
    stacks = synthToDisk(exampleConfig());
    root = mkdtempSync(join(tmpdir(), "ses-no-state-"));
    writeFileSync(join(root, "cdktf.json"), "{}");
    fleet = planningFleet(stacks, root); // no state anywhere: every stack is new
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const plan = async (name: string) => {
    const stack = stacks.find((s) => s.name === name)!;
    return planStack(stack, await planBasis(stack, fleet));
  };

  test("the example hub plans only creates, each with the hub's provider", async () => {
    const hub = await plan("smtp-hub-us-east-1");
    expect(hub.errors).toEqual([]);
    expect(hub.against).toBeUndefined();
    expect(hub.changes.map((c) => c.address)).toContainEqual(
      expect.stringMatching(/^aws_vpc_endpoint\./),
    );
    expect(new Set(hub.changes.map((c) => `${c.action} ${c.provider}`))).toEqual(
      new Set(["create aws.hub-us-east-1"]),
    );
  }, 120_000);

  test("an account that reads the hub's outputs plans its zone association, on placeholders", async () => {
    const account = await plan("ses-grafana");
    expect(account.errors).toEqual([]);
    expect(account.notes).toEqual([
      "smtp-hub-us-east-1 has no state yet: the outputs read from it are placeholders.",
    ]);
    expect(account.changes).toContainEqual({
      address: "aws_route53_zone_association.email-smtp",
      action: "create",
      provider: "aws.grafana",
      attributes: [],
    });
  }, 120_000);

  test("control: with -refresh=false the provider calls nothing; with refresh on, the same plan calls AWS at once", async () => {
    const stack = stacks.find((s) => s.name === "ses-grafana")!;
    await plan("ses-grafana"); // leaves the override and the initialized provider in place
    const topic = "arn:aws:sns:us-east-1:222222222222:ses-reputation-alarms";
    writeFileSync(
      join(stack.dir, OFFLINE_STATE),
      JSON.stringify({
        version: 4,
        serial: 1,
        lineage: "control",
        outputs: {},
        resources: [
          {
            mode: "managed",
            type: "aws_sns_topic",
            name: "reputation-alarms",
            provider: 'provider["registry.terraform.io/hashicorp/aws"].grafana',
            instances: [{ schema_version: 0, attributes: { id: topic, arn: topic } }],
          },
        ],
      }),
    );
    const calls = async (refresh: boolean) => {
      const proxy = await countingProxy();
      const args = ["plan", "-input=false", "-lock=false", `-refresh=${refresh}`];
      const child = spawn("terraform", args, {
        cwd: stack.dir,
        env: reviewerEnv(proxy.url),
        detached: true,
        stdio: "ignore",
      });
      const exited = new Promise<number | null>((done) => child.on("close", done));
      let timer: NodeJS.Timeout | undefined;
      const called = new Promise<"called">((done) => {
        timer = setInterval(() => proxy.connections() > 0 && done("called"), 100);
      });
      const status = await Promise.race([exited, called]);
      clearInterval(timer);
      if (status === "called") process.kill(-child.pid!, "SIGKILL");
      await proxy.close();
      return { status, connections: proxy.connections() };
    };
    try {
      expect(await calls(false)).toEqual({ status: 0, connections: 0 });
      expect((await calls(true)).connections).toBeGreaterThan(0);
    } finally {
      rmSync(join(stack.dir, OFFLINE_STATE), { force: true });
    }
  }, 180_000);
});

describe("npm run plan with a state file that is not the stack's", () => {
  let states: string;
  let project: string;

  beforeAll(() => {
    states = mkdtempSync(join(tmpdir(), "ses-bad-state-"));
    project = reviewProject(states);
  });

  afterAll(() => {
    removeReviewProject(project);
    rmSync(states, { recursive: true, force: true });
  });

  test("refuses it with the path and what was expected, plans nothing against it, exits 1", async () => {
    writeFileSync(join(states, "ses-grafana.tfstate"), '{"not": "a state"}');
    const run = await reviewPlan(project, exampleInput(), ["ses-grafana"]);
    expect(run.status).toBe(1);
    expect(stackGroups(run.stdout)).toEqual({
      "ses-grafana": {
        head: "not planned",
        lines: [
          'error: terraform-state/ses-grafana.tfstate is not Terraform state; expected the Terraform state of ses-grafana (JSON with "version": 4, "lineage" and "resources", as terraform state pull prints it).',
        ],
      },
    });
    expect(run.stdout).toMatch(/^ses-grafana \(NOT PLANNED\) +local +0 +0 +0 +0 /m);
    expect(run.connections).toBe(0);
  }, 120_000);

  test("an empty (zero-byte) state is refused, never planned as a new stack: exit 1", async () => {
    writeFileSync(join(states, "ses-grafana.tfstate"), "");
    const run = await reviewPlan(project, exampleInput(), ["ses-grafana"]);
    expect(run.status).toBe(1);
    expect(stackGroups(run.stdout)["ses-grafana"]).toEqual({
      head: "not planned",
      lines: [
        expect.stringMatching(
          /^error: terraform-state\/ses-grafana\.tfstate is empty \(0 bytes\): a deployed stack's state is never empty/,
        ),
      ],
    });
    expect(run.connections).toBe(0);
  }, 120_000);

  test("a stack with adopt entries is not planned either: one line, exit 1, no call", async () => {
    const run = await reviewPlan(project, adoptedInput(), ["smtp-hub-us-east-1"]);
    expect(run.status).toBe(1);
    expect(stackGroups(run.stdout)["smtp-hub-us-east-1"]).toEqual({
      head: "not planned",
      lines: [expect.stringMatching(/^error: it has adopt entries \(6 import block\(s\), data\./)],
    });
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.connections).toBe(0);
  }, 120_000);
});
