/**
 * Terraform addresses come from names, never from list positions: reordering, adding or removing
 * an account, a configuration set or a destination changes only what was added or removed.
 */
import { fleetInput } from "../test-support/fleet";
import { addresses, config, synthToDisk } from "../test-support/synth";

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
    expect.stringMatching(
      /^aws_ses_event_destination\.event-publishing_set-statements_destination-bounces_[0-9A-F]{8}$/,
    ),
  ]);
  expect(before.filter((a) => !after.includes(a))).toEqual([]);
});
