/**
 * Twenty-five client accounts on one hub, applied and destroyed against the AWS emulator: the
 * hub's rules and authorizations at that size, every account's cross-account association, and
 * the wall time of both (printed for the README's Performance section).
 */
import { Deployment, describeWithEmulator } from "../../test-support/emulator/fleet-run";
import { EmulatedAccount } from "../../test-support/emulator/readback";
import { ConfigInput } from "../../test-support/emulator/world";

jest.setTimeout(1_200_000);

const ACCOUNTS = 25;
const HUB = "999999999999";

function scaleInput(): ConfigInput {
  const accounts = Array.from({ length: ACCOUNTS }, (_, i) => {
    const id = String(100000000000 + i + 1);
    return {
      name: `client-${String(i + 1).padStart(2, "0")}`,
      accountId: id,
      region: "us-east-1",
      roleArn: `arn:aws:iam::${id}:role/terraform`,
      smtp: { vpcId: "vpc-00000000000000000", cidrs: [`10.${100 + i}.0.0/16`] },
    };
  });
  return {
    smtpHubs: [
      {
        region: "us-east-1",
        accountId: HUB,
        roleArn: `arn:aws:iam::${HUB}:role/terraform`,
        vpcId: "vpc-00000000000000000",
        subnetIds: ["subnet-00000000000000000", "subnet-00000000000000001"],
      },
    ],
    accounts,
  };
}

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

describeWithEmulator(`a ${ACCOUNTS}-account fleet applies and destroys`, () => {
  // One zone association per account stack: the applies wait on Route 53 change polling far
  // more than they compute, so ten at a time (about 5 GB) instead of the default three.
  const deployment = new Deployment(10);

  beforeAll(async () => {
    await deployment.start();
    await deployment.seed(scaleInput());
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
