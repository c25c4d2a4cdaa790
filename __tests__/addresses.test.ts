/**
 * Terraform addresses come from names, never from list positions: reordering, adding or removing
 * an account, a configuration set or a destination changes only what was added or removed.
 */
import { fleetInput } from "../test-support/fleet";
import { hubWithClients } from "../test-support/hub";
import { addresses, config, exampleConfig, synthToDisk } from "../test-support/synth";

const HUB = "smtp-hub-us-east-1";

type Fleet = ReturnType<typeof fleetInput>;

function stacksByName(input: Fleet): Map<string, any> {
  return new Map(synthToDisk(config(input)).map((s) => [s.name, s.json]));
}

let original: Map<string, any>;
beforeAll(() => {
  original = stacksByName(fleetInput());
});

test("reordering the accounts changes no stack at all", () => {
  const input = fleetInput();
  input.accounts.reverse();
  const reordered = stacksByName(input);
  expect([...reordered.keys()].sort()).toEqual([...original.keys()].sort());
  for (const [name, json] of reordered) expect(json).toEqual(original.get(name));
});

test("reordering configuration sets and destinations changes no stack at all", () => {
  const input = fleetInput();
  const payments = input.accounts[0].eventPublishing as any;
  payments.configurationSets.reverse();
  for (const set of payments.configurationSets) set.eventDestinations.reverse();
  const reordered = stacksByName(input);
  expect(reordered.get("ses-payments")).toEqual(original.get("ses-payments"));
});

test("removing an account removes only its stack", () => {
  const input = fleetInput();
  input.accounts.splice(1, 1);
  const trimmed = stacksByName(input);
  expect([...trimmed.keys()].sort()).toEqual(["ses-payments", "ses-support"]);
  for (const [name, json] of trimmed) expect(json).toEqual(original.get(name));
});

test("adding a destination adds exactly one resource and leaves every other address alone", () => {
  const input = fleetInput();
  const statements = (input.accounts[0].eventPublishing as any).configurationSets[1];
  statements.eventDestinations.unshift({
    name: "bounces",
    matchingTypes: ["bounce"],
    sns: { topicArn: "arn:aws:sns:eu-west-1:222222222222:b" },
  });
  const before = addresses(original.get("ses-payments"));
  const after = addresses(stacksByName(input).get("ses-payments"));
  expect(after.filter((a) => !before.includes(a))).toEqual([
    "aws_ses_event_destination.statements_bounces",
  ]);
  expect(before.filter((a) => !after.includes(a))).toEqual([]);
});

test("adding an SMTP client adds only its authorization and rules to the hub", () => {
  const hubAddresses = (count: number) =>
    addresses(synthToDisk(config(hubWithClients(count))).find((s) => s.name === HUB)!.json);
  const before = hubAddresses(2);
  const after = hubAddresses(3);
  expect(after.filter((a) => !before.includes(a))).toEqual([
    "aws_route53_vpc_association_authorization.client-003",
    "aws_vpc_security_group_ingress_rule.client-003_10-0-3-0-24_587",
  ]);
  expect(before.filter((a) => !after.includes(a))).toEqual([]);
});

test("every address is a name a person would write in HCL: no generated hash", () => {
  const stacks = [
    ...original.values(),
    ...synthToDisk(exampleConfig()).map((s) => s.json),
    ...synthToDisk(config(hubWithClients(2))).map((s) => s.json),
  ];
  expect(stacks).toHaveLength(3 + 3 + 3);
  const all = stacks.flatMap((json) => addresses(json));
  expect(all.filter((a) => !/^(data\.)?[a-z0-9_]+\.[A-Za-z_][A-Za-z0-9_-]*$/.test(a))).toEqual([]);
  expect(all.filter((a) => /_[0-9A-F]{8}$/.test(a))).toEqual([]);
});
