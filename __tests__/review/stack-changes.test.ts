import { compareStacks, describeChanges, selectedStacks } from "../../src/review/stack-changes";
import { clientInput, hubWithClients } from "../../test-support/hub";
import { config, synthToDisk } from "../../test-support/synth";

/** name → JSON of every stack a configuration synthesizes. */
function stacksOf(input: Record<string, unknown>): Map<string, any> {
  return new Map(synthToDisk(config(input)).map((s) => [s.name, s.json]));
}

describe("change detection", () => {
  let base: any;
  let reference: Map<string, any>;

  beforeEach(() => {
    base = { tags: { CostCenter: "email" }, ...hubWithClients(3) };
    reference = stacksOf(base);
  });

  test("an edit to one account selects exactly its stack and its hub", () => {
    base.accounts[1].smtp.cidrs = ["10.0.2.0/24", "10.200.0.0/24"];
    base.accounts[1].tags = { Team: "billing" };
    const changes = compareStacks(reference, stacksOf(base));
    expect(selectedStacks(changes)).toEqual(["ses-client-002", "smtp-hub-us-east-1"]);
    expect(changes.changed).toEqual([
      { name: "ses-client-002", blocks: ["provider"] },
      { name: "smtp-hub-us-east-1", blocks: ["resource.aws_vpc_security_group_ingress_rule"] },
    ]);
  });

  test("an edit only the hub reads (an account's CIDRs) selects only the hub", () => {
    base.accounts[1].smtp.cidrs = ["10.200.0.0/24"];
    expect(selectedStacks(compareStacks(reference, stacksOf(base)))).toEqual([
      "smtp-hub-us-east-1",
    ]);
  });

  test("an edit to the top-level tags selects every stack", () => {
    base.tags = { CostCenter: "mail" };
    const changes = compareStacks(reference, stacksOf(base));
    expect(selectedStacks(changes)).toEqual([...reference.keys()].sort());
    expect(changes.changed.every((c) => c.blocks.join() === "provider")).toBe(true);
  });

  test("reordering accounts selects no stack", () => {
    base.accounts.reverse();
    const changes = compareStacks(reference, stacksOf(base));
    expect(selectedStacks(changes)).toEqual([]);
    expect(changes.unchanged).toHaveLength(4);
  });

  test("an added account is a new stack, and its hub changes; a removed one is listed apart", () => {
    base.accounts = [...base.accounts.slice(1), clientInput(4)];
    const changes = compareStacks(reference, stacksOf(base));
    expect(changes.added).toEqual(["ses-client-004"]);
    expect(changes.removed).toEqual(["ses-client-001"]);
    expect(selectedStacks(changes)).toEqual(["ses-client-004", "smtp-hub-us-east-1"]);
    expect(describeChanges(changes, "main")).toEqual([
      "Compared with main: 3 of 5 stacks differ, 2 unchanged.",
      "  + ses-client-004: new stack (not in main)",
      expect.stringMatching(
        /^ {2}~ smtp-hub-us-east-1: .*resource\.aws_route53_vpc_association_authorization.* changed$/,
      ),
      "  - ses-client-001: removed; destroy it before merging (npx cdktf destroy ses-client-001)",
    ]);
  });

  test("cdktf's metadata and key order alone are no change", () => {
    const hub = reference.get("smtp-hub-us-east-1");
    const moved = { ...hub, "//": { metadata: { stackName: "elsewhere" } } };
    const reordered = Object.fromEntries(Object.entries(moved).reverse());
    const changes = compareStacks(
      reference,
      new Map([...reference, ["smtp-hub-us-east-1", reordered]]),
    );
    expect(selectedStacks(changes)).toEqual([]);
  });
});
