/**
 * SesStack empties cdktf's prepareStack (a resolve pass that only discovers implicit cross-stack
 * references; a quarter of the synthesis time of 300 accounts). These tests fail loudly when a
 * cdktf update stops calling it, or when the pass would add something to these stacks.
 */
import { TerraformStack } from "cdktf";
import { SesStack } from "../../src/stacks/ses-stack";
import { exampleConfig, synthToDisk } from "../../test-support/synth";
import type { SesConfig } from "../../src/config/schema";

function stackJson(cfg: SesConfig): Record<string, unknown> {
  return Object.fromEntries(synthToDisk(cfg).map((s) => [s.name, s.json]));
}

let lean: Record<string, unknown>;
let prepareCalls: number;
beforeAll(() => {
  const prepare = jest.spyOn(SesStack.prototype, "prepareStack");
  lean = stackJson(exampleConfig());
  prepareCalls = prepare.mock.calls.length;
  prepare.mockRestore();
});

test("cdktf's App.synth still prepares each stack through prepareStack, the method SesStack empties", () => {
  expect(Object.keys(lean)).toHaveLength(3);
  expect(prepareCalls).toBe(3);
});

test("cdktf's own preparing pass would change nothing in these stacks (the account stacks read the hub's outputs)", () => {
  const prepare = jest.spyOn(SesStack.prototype, "prepareStack").mockImplementation(function (
    this: SesStack,
  ) {
    TerraformStack.prototype.prepareStack.call(this);
  });
  expect(stackJson(exampleConfig())).toEqual(lean);
  expect(prepare).toHaveBeenCalledTimes(3);
  prepare.mockRestore();
});
