import { readFileSync } from "node:fs";
import { join } from "node:path";
import { satisfies, subset } from "semver";
import { config, exampleInput, synthToDisk } from "../../test-support/synth";
import { docSection } from "../../test-support/docs";

const root = join(__dirname, "..", "..");
const { engines } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8"));

/** Every `engines.node` range of the locked packages, with one package that asks for it. */
const lockRanges = new Map<string, string>();
for (const [path, entry] of Object.entries<{ engines?: { node?: string } }>(lock.packages)) {
  if (entry.engines?.node) lockRanges.set(entry.engines.node, path);
}

describe("one home for the versions: package.json engines", () => {
  test("engines.node allows only Node versions every locked package accepts", () => {
    const refusing = [...lockRanges].filter(([range]) => !subset(engines.node, range));
    expect(refusing).toEqual([]);
  });

  test("engines.node is the whole intersection: each branch's lowest version runs everything, the one before does not", () => {
    const runsAll = (version: string) => [...lockRanges.keys()].every((r) => satisfies(version, r));
    for (const lowest of ["20.19.0", "22.13.0", "24.0.0"]) {
      expect([lowest, satisfies(lowest, engines.node), runsAll(lowest)]).toEqual([
        lowest,
        true,
        true,
      ]);
    }
    for (const below of ["20.18.3", "22.12.0", "23.11.0"]) {
      expect([below, satisfies(below, engines.node), runsAll(below)]).toEqual([
        below,
        false,
        false,
      ]);
    }
  });

  test("every stack requires exactly engines.terraform", () => {
    for (const stack of synthToDisk(config(exampleInput()))) {
      expect([stack.name, stack.json.terraform.required_version]).toEqual([
        stack.name,
        engines.terraform,
      ]);
    }
  });

  test("the README's prerequisites state the same ranges", () => {
    const prerequisites = docSection("Prerequisites");
    expect(prerequisites).toContain(`Node.js \`${engines.node}\``);
    expect(prerequisites).toContain(`Terraform \`${engines.terraform}\``);
  });
});
