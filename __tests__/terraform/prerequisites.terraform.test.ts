/**
 * A missing Terraform or a wrong provider mirror is one line saying what to do, in every command
 * that needs them (npm run plan, npm run deploy, the Jest global setup), never a stack trace; and
 * a configuration warning is printed on every path that synthesizes (the app through cdktf synth,
 * npm run plan), as npm run synth prints it (__tests__/scripts/synth.e2e.test.ts).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { engines } from "../../package.json";
import { hubInput } from "../../test-support/hub";
import { removeReviewProject, reviewPlan, reviewProject } from "../../test-support/plan-review";
import { accountInput } from "../../test-support/synth";

const root = resolve(__dirname, "..", "..");

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(command, args, {
    cwd: root,
    env: { ...process.env, DEBUG: "", ...env },
    encoding: "utf8",
  });
}

/** PATH without the directories that hold a terraform binary. */
const pathWithoutTerraform = () =>
  process.env
    .PATH!.split(delimiter)
    .filter((dir) => !existsSync(join(dir, "terraform")))
    .join(delimiter);

const NO_TERRAFORM = `terraform not found on PATH: install Terraform ${engines.terraform} (README "Prerequisites") and put it on PATH.`;

describe("prerequisites: one line saying what to do", () => {
  test.each([
    ["npm run plan", "plan"],
    ["npm run deploy", "deploy"],
  ])(
    "%s without terraform on PATH",
    (_name, command) => {
      const result = run("node", ["scripts/run-command.js", command], {
        PATH: pathWithoutTerraform(),
      });
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toBe(NO_TERRAFORM);
    },
    60_000,
  );

  test("npm run plan with a TF_PROVIDER_MIRROR that holds no provider", () => {
    const result = run("node", ["scripts/run-command.js", "plan"], {
      TF_PROVIDER_MIRROR: "/nonexistent",
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      `TF_PROVIDER_MIRROR=/nonexistent holds no hashicorp/aws 5.100.0: fill it with 'terraform providers mirror' (README "Prerequisites") or unset TF_PROVIDER_MIRROR to search for one.`,
    );
  }, 60_000);

  test("the Jest global setup stops with the same line; test:unit needs neither", () => {
    const one = "__tests__/private/addresses.test.ts";
    const all = run("npx", ["jest", one], { TF_PROVIDER_MIRROR: "/nonexistent" });
    expect(all.status).toBe(1);
    expect(all.stderr).toContain("TF_PROVIDER_MIRROR=/nonexistent holds no hashicorp/aws 5.100.0");
    expect(all.stderr).not.toMatch(/^\s+at /m);
    const unit = run("npx", ["jest", "--testPathIgnorePatterns", "terraform", "e2e", "--", one], {
      TF_PROVIDER_MIRROR: "/nonexistent",
      PATH: pathWithoutTerraform(),
    });
    expect(unit.status).toBe(0);
  }, 60_000);
});

describe("a configuration warning on every path", () => {
  let dir: string;
  let config: string;
  const input = {
    smtpHubs: [hubInput({ subnetIds: ["subnet-0a1b2c3d4e5f60001"] })],
    accounts: [accountInput({ smtp: { vpcId: "vpc-0111111111111111a", cidrs: ["10.1.0.0/16"] } })],
  };
  const warning =
    "[smtp-hub-us-east-1/smtp-endpoint]: The SMTP endpoint in us-east-1 has one subnet (subnet-0a1b2c3d4e5f60001): one Availability Zone is a single point of failure; list a subnet in a second zone.";

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "ses-warnings-"));
    config = join(dir, "one-subnet.json");
    writeFileSync(config, JSON.stringify(input));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("the app, through cdktf synth", () => {
    const out = mkdtempSync(join(tmpdir(), "ses-warnings-out-"));
    const result = run("npx", ["cdktf", "synth", "--output", out], { SES_CONFIG: config });
    expect(result.status).toBe(0);
    expect(result.stdout + result.stderr).toContain(`WARN ${warning}`);
  }, 120_000);

  test("npm run plan (in a project copy with no state: never the developer's)", async () => {
    const states = mkdtempSync(join(tmpdir(), "ses-warnings-state-"));
    const project = reviewProject(states);
    try {
      const result = await reviewPlan(project, input, ["smtp-hub-us-east-1"]);
      expect(result.stderr).toContain(`[WARN] ${warning.slice(1).replace("]:", ":")}`);
      expect(result.stdout).toContain("Planning 1 of 2 stacks");
      expect(result.status).toBe(0);
    } finally {
      removeReviewProject(project);
      rmSync(states, { recursive: true, force: true });
    }
  }, 120_000);
});
