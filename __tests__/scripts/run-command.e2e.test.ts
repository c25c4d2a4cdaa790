/**
 * scripts/run-command.js runs the fleet commands of package.json from cached esbuild bundles
 * (src/review/app-bundle.js): every such npm script goes through it, the bundle is rebuilt when
 * a source changes, and a bundled command behaves exactly as its TypeScript source run by tsx.
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { COMMANDS } from "../../src/review/app-bundle";
import { projectCopy } from "../../test-support/project-copy";

const root = resolve(__dirname, "..", "..");
const scripts: Record<string, string> = JSON.parse(
  readFileSync(join(root, "package.json"), "utf8"),
).scripts;

/** Runs in `cwd` with the example configuration (a project copy has no config/). */
const run = (cwd: string, command: string, args: string[]) =>
  spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, SES_CONFIG: join(root, "config", "example.yaml") },
  });

test("each command is an npm script through run-command.js, and no npm script runs one with tsx", () => {
  const throughRunner = Object.values(scripts)
    .map((s) => /^node scripts\/run-command\.js (\S+)/.exec(s)?.[1])
    .filter(Boolean);
  expect(new Set(throughRunner)).toEqual(new Set(COMMANDS));
  for (const name of COMMANDS) {
    expect(Object.values(scripts).some((s) => s.includes(`scripts/${name}.ts`))).toBe(false);
  }
});

test("an unknown command is refused with the known ones", () => {
  const result = run(root, "node", ["scripts/run-command.js", "nothing"]);
  expect(result.status).toBe(1);
  expect(result.stderr).toContain(`no command nothing: one of ${COMMANDS.join(", ")}`);
});

describe("in a copy of the project", () => {
  let dir: string;
  beforeAll(() => (dir = projectCopy("ses-run-command-")));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("the bundled command prints exactly what its source run by tsx prints", () => {
    const args = ["ses-grafana", "--json"];
    const bundled = run(dir, "node", ["scripts/run-command.js", "deploy-policy", ...args]);
    const source = run(dir, join(root, "node_modules", ".bin", "tsx"), [
      "scripts/deploy-policy.ts",
      ...args,
    ]);
    expect(bundled.status).toBe(0);
    expect({ status: bundled.status, stdout: bundled.stdout }).toEqual({
      status: source.status,
      stdout: source.stdout,
    });
  });

  test("a change to a source file is in the next run", () => {
    const policy = () =>
      run(dir, "node", ["scripts/run-command.js", "deploy-policy", "ses-grafana"]);
    expect(policy().stderr).not.toContain("edited in this test");
    const source = join(dir, "src", "deploy-policy", "deploy-policy.ts");
    appendFileSync(source, '\nconsole.error("edited in this test");\n');
    const edited = policy();
    expect(edited.status).toBe(0);
    expect(edited.stderr).toContain("edited in this test");
  });
});
