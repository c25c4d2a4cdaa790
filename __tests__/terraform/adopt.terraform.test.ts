import { initOffline } from "../../src/review/offline-terraform";
import { remoteStateDefaults } from "../../src/review/remote-state-defaults";
import { adoptedInput } from "../../test-support/adopt";
import { config, synthToDisk } from "../../test-support/synth";
import { testValidates, attachOneProvider } from "../../test-support/terraform";

jest.setTimeout(300_000);
attachOneProvider();

// Import blocks, their `//` comments, the adopted endpoint's, zone's, group's and roles' data
// sources and preconditions, and the group's recorded name and description are valid against the
// real provider.
// (A plan would read the imported objects, so it needs AWS: the e2e suite plans them.)
describe("stacks that adopt existing resources", () => {
  const stacks = synthToDisk(config(adoptedInput()));
  beforeAll(() => {
    const defaults = remoteStateDefaults(stacks);
    for (const stack of stacks) initOffline(stack, defaults[stack.name]);
  });
  testValidates(stacks);
});
