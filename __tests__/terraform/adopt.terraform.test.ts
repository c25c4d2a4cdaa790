import { initOffline } from "../../scripts/offline-terraform";
import { remoteStateDefaults } from "../../scripts/remote-state-defaults";
import { adoptedInput } from "../../test-support/adopt";
import { config, synthToDisk } from "../../test-support/synth";
import { testValidates } from "../../test-support/terraform";

jest.setTimeout(300_000);

// Import blocks, their `//` comments, the adopted endpoint's and zone's data sources and
// preconditions, and the adopted group's ignore_changes are valid against the real provider.
// (A plan would read the imported objects, so it needs AWS: the e2e suite plans them.)
describe("stacks that adopt existing resources", () => {
  const stacks = synthToDisk(config(adoptedInput()));
  beforeAll(() => {
    const defaults = remoteStateDefaults(stacks);
    for (const stack of stacks) initOffline(stack, defaults[stack.name]);
  });
  testValidates(stacks);
});
