/**
 * Twenty-five client accounts on one hub, applied and destroyed against the AWS emulator: the
 * hub's rules and authorizations at that size, every account's cross-account association, and
 * the wall time of both (printed for the README's Performance section).
 */
import { Deployment, describeWithEmulator } from "../../test-support/emulator/fleet-run";
import { EmulatedAccount } from "../../test-support/emulator/readback";
import { hubWithClients } from "../../test-support/hub";

jest.setTimeout(1_200_000);

const ACCOUNTS = 25;
/** The hub account of `hubWithClients`. */
const HUB = "999999999999";

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

describeWithEmulator(`a ${ACCOUNTS}-account fleet applies and destroys`, () => {
  // One zone association per account stack: the applies wait on Route 53 change polling far
  // more than they compute, so 13 at a time (two waves for 25 accounts, about 7 GB) instead of
  // the default three.
  const deployment = new Deployment(13);

  beforeAll(async () => {
    await deployment.start();
    await deployment.seed(hubWithClients(ACCOUNTS));
  });

  afterAll(() => deployment.stop());

  test(`the hub and ${ACCOUNTS} account stacks apply, and the zone has every account's VPC`, async () => {
    const started = Date.now();
    await deployment.applyAll();
    console.log(`e2e scale: ${ACCOUNTS + 1} stacks applied in ${seconds(started)} s`);
    const hub = await EmulatedAccount.open(deployment.emulator.url, HUB, "us-east-1");
    const zone = await hub.privateZone("email-smtp.us-east-1.amazonaws.com");
    expect(zone?.vpcIds).toHaveLength(ACCOUNTS + 1);
    const { rules } = await hub.smtpEndpoint(deployment.input.smtpHubs[0].vpcId);
    expect(rules).toHaveLength(ACCOUNTS);
  });

  test("everything is destroyed, accounts first", async () => {
    const started = Date.now();
    await deployment.destroyAll();
    console.log(`e2e scale: ${ACCOUNTS + 1} stacks destroyed in ${seconds(started)} s`);
    const hub = await EmulatedAccount.open(deployment.emulator.url, HUB, "us-east-1");
    expect(await hub.leftovers()).toEqual({});
  });
});
