/**
 * The shell of .github/workflows/fleet.yml's steps (scripts/ci/*.sh), run as the workflow runs
 * it: in a throw-away git checkout of a generated fleet, with fake GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files, each matrix entry handed to the batch step as its job would get it.
 */
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fleetCheckout, git } from "../../test-support/project-copy";
import { parse } from "yaml";
import { generatedFleet } from "../../test-support/fleet";

/** The workflow's own env: BATCHES, PARALLELISM and the rest, as its steps get them. */
const workflowEnv: Record<string, string> = parse(
  readFileSync(join(__dirname, "..", "..", ".github", "workflows", "fleet.yml"), "utf8"),
).env;

interface Job {
  readonly name: string;
  readonly stacks: string;
}

/**
 * Runs the checkout's `scripts/ci/<step>.sh` in `cwd` (default: the checkout `dir`) with `env`;
 * its outputs and the summary file.
 */
function step(
  dir: string,
  script: string,
  env: Record<string, string>,
  args: string[] = [],
  cwd = dir,
) {
  const files = mkdtempSync(join(tmpdir(), "ci-step-"));
  const output = join(files, "output");
  const summary = join(files, "summary");
  writeFileSync(output, "");
  writeFileSync(summary, "");
  const run = spawnSync("bash", [join(dir, "scripts", "ci", `${script}.sh`), ...args], {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      ...workflowEnv,
      TF_PLUGIN_CACHE_DIR: process.env.TF_PLUGIN_CACHE_DIR ?? "",
      SES_CONFIG: "fleet.json",
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      ...env,
    },
  });
  const outputs = Object.fromEntries(
    readFileSync(output, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
  const result = { ...run, outputs, summary: readFileSync(summary, "utf8") };
  rmSync(files, { recursive: true, force: true });
  return result;
}

/** What `fromJSON(needs.stacks.outputs.<name>)` expands the matrix to. */
const matrix = (outputs: Record<string, string>, name: string): Job[] => JSON.parse(outputs[name]);
const stacksOf = (jobs: Job[]) => jobs.flatMap((j) => j.stacks.split(" "));

describe("the stacks step on a 1,000-account fleet", () => {
  const regions = ["us-east-1", "eu-west-1", "ap-southeast-2", "eu-central-1"];
  const fleet = generatedFleet(1000, { regions, planRoles: true, eventPublishing: false });
  let dir: string;
  let run: ReturnType<typeof step>;

  beforeAll(() => {
    dir = fleetCheckout("ci-steps-1000-", fleet);
    run = step(dir, "stacks", { BASE: "" });
  }, 180_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("every matrix fits GitHub's limits: at most 64 jobs, outputs far under 1 MB", () => {
    expect(run.status).toBe(0);
    expect(matrix(run.outputs, "plan")).toHaveLength(64);
    expect(matrix(run.outputs, "wave1")).toHaveLength(4);
    expect(matrix(run.outputs, "wave2")).toHaveLength(64);
    const bytes = Object.values(run.outputs).reduce((n, v) => n + v.length, 0);
    expect(bytes).toBeLessThan(100_000);
  });

  test("every stack is in exactly one job of each matrix, hubs in wave 1, accounts in wave 2", () => {
    const hubs = regions.map((r) => `smtp-hub-${r}`).sort();
    const accounts = fleet.accounts.map((a) => `ses-${a.name}`).sort();
    const wave1 = stacksOf(matrix(run.outputs, "wave1"));
    const wave2 = stacksOf(matrix(run.outputs, "wave2"));
    expect(wave1).toEqual(hubs);
    expect(wave2).toEqual(accounts);
    expect(stacksOf(matrix(run.outputs, "plan"))).toEqual([...hubs, ...accounts]);
  });

  test("the account jobs take 15 or 16 stacks each", () => {
    const sizes = matrix(run.outputs, "wave2").map((j) => j.stacks.split(" ").length);
    expect([Math.min(...sizes), Math.max(...sizes)]).toEqual([15, 16]);
  });

  test("each job is named for its title", () => {
    const wave2 = matrix(run.outputs, "wave2");
    expect(wave2[0]).toEqual({
      name: "wave 2, batch 1/64: 15 stacks",
      stacks: accounts(1, 15),
    });
  });

  test("BATCHES=0 stops the step with what is allowed", () => {
    const refused = step(dir, "stacks", { BASE: "", BATCHES: "0" });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain(
      '--batches must be a whole number from 1 to 256 (GitHub runs at most 256 jobs per matrix); got "0".',
    );
    expect(refused.outputs).toEqual({});
  });
});

/** `ses-account-<from>` … `ses-account-<to>`, space-separated. */
function accounts(from: number, to: number): string {
  return Array.from(
    { length: to - from + 1 },
    (_, i) => `ses-account-${String(from + i).padStart(3, "0")}`,
  ).join(" ");
}

describe("a pull request that adds an account, through the workflow's steps", () => {
  let dir: string;
  let base: string;
  let stacksStep: ReturnType<typeof step>;

  beforeAll(() => {
    const fleet = generatedFleet(2, { eventPublishing: false });
    dir = fleetCheckout("ci-steps-pr-", fleet);
    base = git(dir, "rev-parse", "HEAD").trim();
    // The hub is applied with the two accounts: its state's outputs authorize only them.
    const hubState = {
      version: 4,
      serial: 3,
      lineage: "ci-steps",
      outputs: {
        authorized_vpc_ids: {
          value: {
            "account-001": (fleet.accounts[0].smtp as { vpcId: string }).vpcId,
            "account-002": (fleet.accounts[1].smtp as { vpcId: string }).vpcId,
          },
          type: ["map", "string"],
        },
        private_hosted_zone_id: { value: "Z0123456789ABCDEFGHIJ", type: "string" },
        smtp_host: { value: "email-smtp.us-east-1.amazonaws.com", type: "string" },
        smtp_ports: { value: [587], type: ["list", "number"] },
      },
      resources: [],
    };
    mkdirSync(join(dir, "terraform-state"));
    writeFileSync(
      join(dir, "terraform-state", "smtp-hub-us-east-1.tfstate"),
      JSON.stringify(hubState),
    );
    git(dir, "checkout", "--quiet", "-b", "add-account");
    writeFileSync(
      join(dir, "fleet.json"),
      JSON.stringify(generatedFleet(3, { eventPublishing: false })),
    );
    git(dir, "commit", "--quiet", "-am", "add account-003");
    stacksStep = step(dir, "stacks", { BASE: base });
  }, 180_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("the stacks step selects the hub and the new account, one plan job, no apply before merge", () => {
    expect(stacksStep.status).toBe(0);
    expect(matrix(stacksStep.outputs, "plan")).toEqual([
      { name: "batch 1/2: 1 stack", stacks: "smtp-hub-us-east-1" },
      { name: "batch 2/2: 1 stack", stacks: "ses-account-003" },
    ]);
  });

  test("each plan job plans its stacks (the new account too, offline without a plan role) and the summary step tables them", () => {
    const rows = mkdtempSync(join(tmpdir(), "ci-rows-"));
    const jobs = matrix(stacksStep.outputs, "plan").map((job) =>
      step(dir, "batch", { COMMAND: "plan", STACKS: job.stacks, FLEET_SUMMARY_DIR: rows }),
    );
    const offlineOverride = join(
      dir,
      ".fleet-run",
      "stacks",
      "ses-account-003",
      "offline_override.tf.json",
    );
    expect(existsSync(offlineOverride)).toBe(true); // the next test's run must not inherit it
    expect(jobs.map((j) => [j.status, j.stderr])).toEqual([
      [0, ""],
      [0, ""],
    ]);
    expect(jobs[1].stdout).toContain(
      [
        "== ses-account-003: 1 to create (new stack: everything is created)",
        "  note: not in smtp-hub-us-east-1's last applied state, so placeholders: authorized_vpc_ids.account-003 (deploy smtp-hub-us-east-1 first).",
        "  +  aws_route53_zone_association.email-smtp  [aws.account-003]",
      ].join("\n"),
    );
    expect(jobs[0].stdout).toContain(
      "  +  aws_route53_vpc_association_authorization.account-003  [aws.hub-us-east-1]",
    );
    expect(readdirSync(rows).sort()).toEqual([
      "summary-ses-account-003.md",
      "summary-smtp-hub-us-east-1.md",
    ]);
    const summary = step(dir, "summary", {}, ["Plans of the affected stacks (success)"], rows);
    expect(summary.status).toBe(0);
    expect(summary.summary).toMatch(
      /^### Plans of the affected stacks \(success\)\n\n\| stack \| result \| time \|\n\| --- \| --- \| --- \|\n\| ses-account-003 \| \d+ to change \(offline plan: no planRoleArn\) \| \d+ s \|\n\| smtp-hub-us-east-1 \| \d+ to change \(offline plan: no planRoleArn\) \| \d+ s \|\n\n2 stacks reported.\n$/,
    );
    rmSync(rows, { recursive: true, force: true });
  }, 300_000);

  test("a stack with a plan role is planned only as that role: without an OIDC token the job says so", () => {
    const fleet = generatedFleet(3, { eventPublishing: false, planRoles: true });
    writeFileSync(join(dir, "fleet.json"), JSON.stringify(fleet));
    const job = step(dir, "batch", {
      COMMAND: "plan",
      STACKS: "ses-account-003",
      GITHUB_ACTIONS: "true",
    });
    expect(job.status).toBe(1);
    expect(job.stdout).toContain(
      "== ses-account-003: error: no OIDC token in this job: give it permissions: id-token: write.",
    );
    // The offline plan's override from the job before (dummy keys) did not carry over.
    const stackDir = join(dir, ".fleet-run", "stacks", "ses-account-003");
    expect(existsSync(join(stackDir, "cdk.tf.json"))).toBe(true);
    expect(existsSync(join(stackDir, "offline_override.tf.json"))).toBe(false);
  }, 120_000);

  test("the drift job checks only stacks with a plan role, never with the apply role", () => {
    writeFileSync(
      join(dir, "fleet.json"),
      JSON.stringify(generatedFleet(3, { eventPublishing: false })),
    );
    const rows = mkdtempSync(join(tmpdir(), "ci-rows-"));
    const job = step(dir, "batch", {
      COMMAND: "drift",
      STACKS: "ses-account-001",
      FLEET_SUMMARY_DIR: rows,
    });
    expect(job.status).toBe(0);
    expect(job.stdout).toContain("ses-account-001: not checked: no planRoleArn");
    expect(readFileSync(join(rows, "summary-ses-account-001.md"), "utf8")).toBe(
      "| ses-account-001 | not checked: no planRoleArn | 0 s |\n",
    );
    rmSync(rows, { recursive: true, force: true });
  }, 120_000);
});
