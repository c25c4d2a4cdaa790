import { planStack } from "../../scripts/plan";
import { remoteStateDefaults } from "../../scripts/remote-state-defaults";
import type { SynthesizedStack } from "../../scripts/offline-terraform";
import { exampleConfig, synthToDisk } from "../../test-support/synth";

describe("npm run plan's stack plan (terraform plan -json)", () => {
  let stacks: SynthesizedStack[];

  beforeAll(() => {
    stacks = synthToDisk(exampleConfig());
  });

  const plan = (name: string) =>
    planStack(
      stacks.find((s) => s.name === name)!,
      remoteStateDefaults(stacks)[name],
    );

  test("the example hub plans only creates, each with the hub's provider", async () => {
    const hub = await plan("smtp-hub-us-east-1");
    expect(hub.errors).toEqual([]);
    expect(hub.changes.map((c) => c.address)).toContainEqual(
      expect.stringMatching(/^aws_vpc_endpoint\./),
    );
    expect(new Set(hub.changes.map((c) => `${c.action} ${c.provider}`))).toEqual(
      new Set(["create aws.hub-us-east-1"]),
    );
  }, 120_000);

  test("an account that reads the hub's outputs plans its zone association", async () => {
    const account = await plan("ses-grafana");
    expect(account.errors).toEqual([]);
    expect(account.changes).toContainEqual({
      address: expect.stringMatching(/^aws_route53_zone_association\./),
      action: "create",
      provider: "aws.grafana",
    });
  }, 120_000);
});
