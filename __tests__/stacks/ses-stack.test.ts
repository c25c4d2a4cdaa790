/**
 * SesStack empties cdktf's prepareStack (a resolve pass that only discovers implicit cross-stack
 * references; a quarter of the synthesis time of 300 accounts). These tests fail loudly when a
 * cdktf update stops calling it, or when the pass would add something to these stacks.
 */
import { TerraformStack } from "cdktf";
import { SesStack } from "../../src/stacks/ses-stack";
import { fleetInput } from "../../test-support/fleet";
import { hubWithClients } from "../../test-support/hub";
import { config, exampleConfig, synthToDisk } from "../../test-support/synth";
import type { SesConfig } from "../../src/config/schema";

function stackJson(cfg: SesConfig): Record<string, unknown> {
  return Object.fromEntries(synthToDisk(cfg).map((s) => [s.name, s.json]));
}

function everything(): SesConfig {
  const fleet = fleetInput();
  const hub = hubWithClients(2);
  return config({ ...fleet, ...hub, accounts: [...fleet.accounts, ...hub.accounts] });
}

afterEach(() => jest.restoreAllMocks());

test("cdktf's App.synth still prepares each stack through prepareStack, the method SesStack empties", () => {
  const prepare = jest.spyOn(SesStack.prototype, "prepareStack");
  synthToDisk(exampleConfig());
  expect(prepare).toHaveBeenCalledTimes(3);
});

test("cdktf's own preparing pass would change nothing in these stacks", () => {
  const lean = stackJson(everything());
  jest.spyOn(SesStack.prototype, "prepareStack").mockImplementation(function (this: SesStack) {
    TerraformStack.prototype.prepareStack.call(this);
  });
  expect(stackJson(everything())).toEqual(lean);
});
