/**
 * Ten client accounts on one hub, applied at once and destroyed against the AWS emulator: the
 * hub's rules and authorizations for each, every account's cross-account association made
 * concurrently on one zone, and the wall time of both (printed for CONTRIBUTING's Performance).
 *
 * Why ten, not the 25 it was: each account adds the same three resources (an ingress rule and an
 * authorization in the hub, an association in its stack), addressed by its name; the AWS limits
 * these meet (60 inbound rules per security group, 300 VPCs per private zone) are far above
 * either figure, and ten stacks applied at once already race on the one zone as 25 did (13 at a
 * time). The 15 more stacks cost about 7 CPU-minutes on a busy machine (an account stack's init,
 * apply and destroy: about 28 CPU s before the provider pool) and proved nothing ten do not.
 */
import { Deployment, describeWithEmulator } from "../../test-support/emulator/fleet-run";
import { EmulatedAccount } from "../../test-support/emulator/readback";
import { SCALE_FLEET_ACCOUNTS, hubWithClients } from "../../test-support/hub";

jest.setTimeout(1_200_000);

const ACCOUNTS = SCALE_FLEET_ACCOUNTS;
/** The hub account of `hubWithClients`. */
const HUB = "999999999999";

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

describeWithEmulator(`a ${ACCOUNTS}-account fleet applies and destroys`, () => {
  // One zone association per account stack: the applies wait on Route 53 change polling far
  // more than they compute, so every account at once (one wave, about 5 GB) instead of the
  // default three.
  const deployment = new Deployment(ACCOUNTS);

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
