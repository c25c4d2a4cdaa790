/** The deploy-policy CLI as a user runs it: its own process, as `npm run deploy-policy` starts it. */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import type { DeployPolicy } from "../../src/deploy-policy/deploy-policy";

const root = resolve(__dirname, "..", "..");

test("prints one stack as JSON; an unknown stack is one line listing the known ones", () => {
  const run = (args: string[]) =>
    spawnSync("node", ["scripts/run-command.js", "deploy-policy", ...args], {
      cwd: root,
      encoding: "utf8",
    });
  const json = run(["ses-grafana", "--json"]);
  expect(json.status).toBe(0);
  const { policies } = JSON.parse(json.stdout);
  expect(policies.map((p: DeployPolicy) => p.stack)).toEqual(["ses-grafana"]);
  const unknown = run(["ses-nobody"]);
  expect(unknown.status).toBe(2);
  expect(unknown.stderr.trim().split("\n").pop()).toBe(
    'no stack named "ses-nobody"; known stacks: ses-grafana, ses-tutorial, smtp-hub-us-east-1.',
  );
}, 60_000);
