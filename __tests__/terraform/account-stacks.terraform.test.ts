/**
 * Real Terraform against the aws 5.100.0 provider from the local mirror: every synthesized
 * account stack validates, and an offline plan creates what it should, through the right
 * provider alias, deleting nothing.
 */
import { SynthesizedStack } from "../../src/review/offline-terraform";
import { fleetInput } from "../../test-support/fleet";
import { config, synthToDisk } from "../../test-support/synth";
import {
  managed,
  planStacks,
  testValidates,
  attachOneProvider,
} from "../../test-support/terraform";

jest.setTimeout(300_000);
attachOneProvider();

// The example configuration's stacks are checked in example-and-hub.terraform.test.ts.
const stacks: SynthesizedStack[] = synthToDisk(config(fleetInput()));
let plans: Map<string, any>;

beforeAll(() => {
  plans = planStacks(stacks);
});

const resourceChanges = (name: string): any[] => managed(plans.get(name));

test("the fleet configuration gives one stack per account", () => {
  expect(stacks.map((s) => s.name)).toEqual(["ses-marketing", "ses-payments", "ses-support"]);
});

testValidates(stacks);

test.each(stacks.map((s) => [s.name]))("%s plans only creations", (name) => {
  const actions = new Set(resourceChanges(name).flatMap((c) => c.change.actions));
  expect([...actions]).toEqual(["create"]);
});

test.each(stacks.map((s) => [s.name]))(
  "every resource of %s is planned through that account's aliased provider",
  (name) => {
    const plan = plans.get(name);
    const alias = name.replace(/^ses-/, "");
    const keys = new Set(
      plan.configuration.root_module.resources
        .filter((r: any) => r.type !== "terraform_data")
        .map((r: any) => r.provider_config_key),
    );
    expect([...keys]).toEqual([`aws.${alias}`]);
    // Terraform also lists the unconfigured default "aws" (from required_providers) and its
    // built-in "terraform" provider; the only configured aws provider is the account's alias.
    const configured = Object.entries(plan.configuration.provider_config)
      .filter(([, p]: [string, any]) => p.name === "aws" && p.expressions)
      .map(([key]) => key);
    expect(configured).toEqual([`aws.${alias}`]);
  },
);

test("event destinations are planned enabled, with the matching types configured", () => {
  const destinations = resourceChanges("ses-payments").filter(
    (c) => c.type === "aws_ses_event_destination",
  );
  expect(
    destinations
      .map((d) => [d.change.after.name, d.change.after.enabled, d.change.after.matching_types])
      .sort(),
  ).toEqual([
    ["alerts", true, ["reject", "renderingFailure"]],
    ["archive", true, ["bounce", "complaint", "delivery", "send"]],
    ["archive", true, ["send"]],
    ["metrics", true, ["click", "open", "send"]],
  ]);
});

test("an account without Firehose destinations plans no pipeline", () => {
  const types = new Set(resourceChanges("ses-marketing").map((c) => c.type));
  expect([...types].sort()).toEqual(["aws_ses_configuration_set", "aws_ses_event_destination"]);
});
