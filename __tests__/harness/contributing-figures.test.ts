/** Figures CONTRIBUTING.md quotes about the end-to-end harness, tied to the harness. */
import { docText } from "../../test-support/docs";
import { MOTO_VERSION } from "../../test-support/emulator/moto-runtime";
import { SCALE_FLEET_ACCOUNTS } from "../../test-support/hub";

const contributing = docText("CONTRIBUTING.md");

test("the pip command installs the moto version the emulator lookup requires", () => {
  expect(contributing).toContain(`pip install "moto[server]==${MOTO_VERSION}"`);
});

test("the scale suite's row quotes the accounts it applies", () => {
  expect(contributing).toContain(
    `| ${SCALE_FLEET_ACCOUNTS} client accounts on one hub, applied at once`,
  );
});
