/**
 * A multi-account fleet with hubs in two regions, applied with Terraform in deploy order against
 * the AWS emulator (real local state, real terraform_remote_state), then changed the ways the
 * README describes: add an account, reorder the accounts, remove one. Each change is asserted on
 * a refreshed plan of every stack, and the fleet is destroyed to nothing at the end.
 */
import { Deployment, describeWithEmulator } from "../../test-support/emulator/fleet-run";
import { EmulatedAccount } from "../../test-support/emulator/readback";
import { TerraformRun, apply, destroy, planJson } from "../../test-support/emulator/terraform";
import { ConfigInput } from "../../test-support/emulator/world";

jest.setTimeout(900_000);

const HUB_EAST = "999999999999";
const HUB_WEST = "888888888888";

const smtpAccount = (name: string, id: string, region: string, cidr: string): ConfigInput => ({
  name,
  accountId: id,
  region,
  roleArn: `arn:aws:iam::${id}:role/terraform`,
  smtp: { vpcId: "vpc-00000000000000000", cidrs: [cidr] },
});

const hub = (region: string, id: string, ports: number[]): ConfigInput => ({
  region,
  accountId: id,
  roleArn: `arn:aws:iam::${id}:role/terraform`,
  vpcId: "vpc-00000000000000000",
  subnetIds: ["subnet-00000000000000000", "subnet-00000000000000001"],
  ports,
});

/** alpha also publishes events (Firehose and CloudWatch), to check first-apply ordering. */
function fleetInput(): ConfigInput {
  const alpha = smtpAccount("alpha", "111111111111", "us-east-1", "10.11.0.0/16");
  alpha.eventPublishing = {
    iamPropagationSeconds: 2,
    configurationSets: [
      {
        name: "alpha-events",
        eventDestinations: [
          { name: "archive", matchingTypes: ["send", "bounce", "complaint"], firehose: {} },
          {
            name: "metrics",
            matchingTypes: ["send", "delivery"],
            cloudwatch: { dimensions: [{ name: "campaign", defaultValue: "none" }] },
          },
        ],
      },
    ],
  };
  return {
    tags: { Project: "ses-e2e" },
    smtpHubs: [hub("us-east-1", HUB_EAST, [587, 2587]), hub("eu-west-1", HUB_WEST, [465])],
    accounts: [
      alpha,
      smtpAccount("beta", "222222222222", "us-east-1", "10.12.0.0/16"),
      smtpAccount("gamma", "333333333333", "eu-west-1", "10.13.0.0/16"),
      smtpAccount("delta", "444444444444", "us-east-1", "10.14.0.0/16"),
    ],
  };
}

const withoutAccount = (input: ConfigInput, name: string): ConfigInput => ({
  ...input,
  accounts: input.accounts.filter((a: ConfigInput) => a.name !== name),
});

describeWithEmulator("a two-region fleet: apply, re-plan, add, reorder, remove, destroy", () => {
  // Every stack of a group at once: applies mostly wait (S3 lifecycle confirmation, Route 53).
  const deployment = new Deployment(6);
  /** Every account's world is seeded up front; delta joins the configuration later. */
  let seeded: ConfigInput;
  let firstApply: Map<string, TerraformRun>;
  const east = () => EmulatedAccount.open(deployment.emulator.url, HUB_EAST, "us-east-1");
  const vpcOf = (name: string) =>
    seeded.accounts.find((a: ConfigInput) => a.name === name).smtp.vpcId;

  beforeAll(async () => {
    await deployment.start();
    await deployment.seed(fleetInput());
    seeded = deployment.input;
    deployment.synth(withoutAccount(seeded, "delta"));
    firstApply = await deployment.applyAll();
  });

  afterAll(() => deployment.stop());

  test("every stack applies in deploy order: both hubs, then the three accounts", () => {
    expect([...firstApply.keys()]).toEqual([
      "smtp-hub-eu-west-1",
      "smtp-hub-us-east-1",
      "ses-alpha",
      "ses-beta",
      "ses-gamma",
    ]);
  });

  test("each region's zone is associated with exactly its own accounts' VPCs, across accounts", async () => {
    const west = await EmulatedAccount.open(deployment.emulator.url, HUB_WEST, "eu-west-1");
    const eastZone = await (await east()).privateZone("email-smtp.us-east-1.amazonaws.com");
    const westZone = await west.privateZone("email-smtp.eu-west-1.amazonaws.com");
    expect(eastZone?.vpcIds).toEqual(
      [seeded.smtpHubs[0].vpcId, vpcOf("alpha"), vpcOf("beta")].sort(),
    );
    expect(westZone?.vpcIds).toEqual([seeded.smtpHubs[1].vpcId, vpcOf("gamma")].sort());
    expect([eastZone?.private, westZone?.private]).toEqual([true, true]);
  });

  test("the east hub's rules are every client CIDR times every hub port", async () => {
    const { rules } = await (await east()).smtpEndpoint(seeded.smtpHubs[0].vpcId);
    expect(rules).toEqual([
      "10.11.0.0/16:2587-2587",
      "10.11.0.0/16:587-587",
      "10.12.0.0/16:2587-2587",
      "10.12.0.0/16:587-587",
    ]);
  });

  test("the Firehose event destination is created only after the SES role's policy and the propagation wait", () => {
    const lines = firstApply.get("ses-alpha")!.lines;
    const index = (type: string, match: (addr: string, resourceType: string) => boolean) =>
      lines.findIndex(
        (l) => l.type === type && match(l.hook!.resource!.addr, l.hook!.resource!.resource_type),
      );
    const destinationStart = index(
      "apply_start",
      (addr, t) => t === "aws_ses_event_destination" && /archive/.test(addr),
    );
    const policyDone = index("apply_complete", (addr) => addr === "aws_iam_role_policy.ses");
    const waitDone = index("apply_complete", (_addr, t) => t === "terraform_data");
    expect(policyDone).toBeGreaterThan(-1);
    expect(waitDone).toBeGreaterThan(policyDone);
    expect(destinationStart).toBeGreaterThan(waitDone);
  });

  test("a second plan of every stack right after apply has no changes", async () => {
    expect(Object.values(await deployment.pendingChanges()).flat()).toEqual([]);
  });

  test("adding an account changes only its region's hub (rules and authorization); its stack plans once the hub is applied", async () => {
    deployment.synth(seeded);
    const existing = deployment.stacks.filter((s) => s.name !== "ses-delta");
    // Unrefreshed: the refreshed plans after the apply found nothing, and nothing ran since.
    const pending = await deployment.pendingChanges(existing, { refresh: false });
    expect(pending["smtp-hub-us-east-1"]).toEqual([
      "aws_route53_vpc_association_authorization.delta: create",
      "aws_vpc_security_group_ingress_rule.delta_10-14-0-0-16_2587: create",
      "aws_vpc_security_group_ingress_rule.delta_10-14-0-0-16_587: create",
    ]);
    for (const name of ["smtp-hub-eu-west-1", "ses-alpha", "ses-beta", "ses-gamma"]) {
      expect({ name, changes: pending[name] }).toEqual({ name, changes: [] });
    }
    // Until its hub is applied, the new account's stack cannot plan: the hub has not yet
    // authorized its VPC, and the plan error names the account.
    await expect(planJson(deployment.stack("ses-delta"))).rejects.toThrow(
      /does not have an attribute named "delta"/,
    );
    // The emulator keeps AWS's rule: without the zone owner's authorization, the association
    // made from the new account is refused.
    const zone = await (await east()).privateZone("email-smtp.us-east-1.amazonaws.com");
    const delta = await EmulatedAccount.open(deployment.emulator.url, "444444444444", "us-east-1");
    await expect(delta.associateVpc(zone!.id, vpcOf("delta"))).rejects.toThrow(
      /has not been authorized/,
    );
    await apply(deployment.stack("smtp-hub-us-east-1"));
    expect((await deployment.pendingChanges([deployment.stack("ses-delta")]))["ses-delta"]).toEqual(
      ["aws_route53_zone_association.email-smtp: create"],
    );
    await apply(deployment.stack("ses-delta"));
    expect(Object.values(await deployment.pendingChanges()).flat()).toEqual([]);
  });

  test("reordering the accounts and hubs changes nothing", async () => {
    deployment.synth({
      ...seeded,
      smtpHubs: [...seeded.smtpHubs].reverse(),
      accounts: [...seeded.accounts].reverse(),
    });
    // Unrefreshed: the previous test ended on refreshed plans that found nothing.
    expect(await deployment.pendingChanges(undefined, { refresh: false })).toEqual(
      Object.fromEntries(deployment.stacks.map((s) => [s.name, []])),
    );
  });

  test("removing an account, in the README's order, takes only its rules and authorization from the hub", async () => {
    await destroy(deployment.stack("ses-beta"));
    deployment.synth(withoutAccount(seeded, "beta"));
    const pending = await deployment.pendingChanges();
    expect(pending["smtp-hub-us-east-1"]).toEqual([
      "aws_route53_vpc_association_authorization.beta: delete",
      "aws_vpc_security_group_ingress_rule.beta_10-12-0-0-16_2587: delete",
      "aws_vpc_security_group_ingress_rule.beta_10-12-0-0-16_587: delete",
    ]);
    expect(
      Object.entries(pending).filter(([n, c]) => n !== "smtp-hub-us-east-1" && c.length),
    ).toEqual([]);
    // Only the hub has changes (asserted above on refreshed plans): applying the others would
    // re-plan them to nothing.
    await apply(deployment.stack("smtp-hub-us-east-1"));
    const zone = await (await east()).privateZone("email-smtp.us-east-1.amazonaws.com");
    expect(zone?.vpcIds).not.toContain(vpcOf("beta"));
  });

  test("destroying accounts, then hubs, leaves nothing of ours in any account or region", async () => {
    await deployment.destroyAll();
    const places: [string, string][] = [
      [HUB_EAST, "us-east-1"],
      [HUB_WEST, "eu-west-1"],
      ["111111111111", "us-east-1"],
      ["222222222222", "us-east-1"],
      ["333333333333", "eu-west-1"],
      ["444444444444", "us-east-1"],
    ];
    for (const [id, region] of places) {
      const account = await EmulatedAccount.open(deployment.emulator.url, id, region);
      expect({ id, region, left: await account.leftovers() }).toEqual({ id, region, left: {} });
    }
  });
});
