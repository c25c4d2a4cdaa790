import { execFileSync, spawnSync } from "node:child_process";
import { appendFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fleetCheckout, projectCopy } from "../../test-support/project-copy";
import { clientInput, hubWithClients } from "../../test-support/hub";

/** `npm run stacks` in `dir`: exit status, stdout, stderr. */
function stacks(dir: string, ...args: string[]) {
  const result = spawnSync("node", ["scripts/run-command.js", "stacks", ...args], {
    cwd: dir,
    env: { ...process.env, SES_CONFIG: "fleet.json" },
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run stacks -- --changed", () => {
  let dir: string;
  /** `--json --changed` after one account's edit: the run the first two tests read. */
  let edited: ReturnType<typeof stacks>;

  beforeAll(() => {
    dir = fleetCheckout("ses-changed-test-", hubWithClients(3));
    const input = hubWithClients(3);
    input.accounts[2] = clientInput(3, {
      tags: { Team: "billing" },
      smtp: { vpcId: "vpc-00000000000000003", cidrs: ["10.0.3.0/24", "10.9.0.0/24"] },
    });
    writeFileSync(join(dir, "fleet.json"), JSON.stringify(input));
    edited = stacks(dir, "--json", "--changed");
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("synthesizes the reference from a worktree and lists only affected stacks, in waves", () => {
    expect(edited.status).toBe(0);
    expect(JSON.parse(edited.stdout)).toEqual({
      reference: expect.stringMatching(/^merge base with main \([0-9a-f]{12}\)$/),
      waves: [
        [
          expect.objectContaining({
            stack: "smtp-hub-us-east-1",
            roleArn: "arn:aws:iam::999999999999:role/terraform",
          }),
        ],
        [
          {
            stack: "ses-client-003",
            accountId: "100000000003",
            region: "us-east-1",
            roleArn: "arn:aws:iam::100000000003:role/terraform",
            planRoleArn: null,
          },
        ],
      ],
      removed: [],
    });
    expect(edited.stderr).toContain("~ ses-client-003: provider changed");
    expect(
      execFileSync("git", ["worktree", "list"], { cwd: dir, encoding: "utf8" }).trim().split("\n"),
    ).toHaveLength(1);
  });

  test("run again against the same reference, it reuses the reference's synthesis", () => {
    const hubFile = join(
      dir,
      ".offline-plan",
      "reference",
      "stacks",
      "smtp-hub-us-east-1",
      "cdk.tf.json",
    );
    const before = statSync(hubFile).mtimeMs;
    const again = stacks(dir, "--json", "--changed");
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual(JSON.parse(edited.stdout));
    expect(statSync(hubFile).mtimeMs).toBe(before);
  }, 120_000);

  test("a reference whose code differs is synthesized by its own app, with the same result", () => {
    appendFileSync(join(dir, "src", "app.ts"), "\n// a change to the code, none to the stacks\n");
    // The reference's sources are those the last run synthesized: forget it to run its own app.
    rmSync(join(dir, ".offline-plan", "reference", "reference.stamp"));
    const after = stacks(dir, "--json", "--changed");
    expect(after.status).toBe(0);
    expect(JSON.parse(after.stdout)).toEqual(JSON.parse(edited.stdout));
  }, 120_000);

  test("a ref that does not exist is a one-line error naming it", () => {
    const result = stacks(dir, "--changed=no-such-branch");
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `--changed=no-such-branch: no commit named "no-such-branch" in ${dir}.\n`,
    );
  }, 60_000);

  test("outside a git checkout it is a one-line error naming the ref", () => {
    const outside = projectCopy("ses-not-git-");
    const result = stacks(outside, "--changed=main");
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`--changed=main: ${outside} is not inside a git checkout.\n`);
    rmSync(outside, { recursive: true, force: true });
  }, 60_000);

  test("a stack name that does not exist lists the known stacks", () => {
    const result = stacks(dir, "ses-nobody");
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'no stack named "ses-nobody"; known stacks: ses-client-001, ses-client-002, ses-client-003, smtp-hub-us-east-1.\n',
    );
  }, 60_000);
});
