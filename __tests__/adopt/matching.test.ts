import type { SecurityGroupIdentifier, SecurityGroupRule } from "@aws-sdk/client-ec2";
import { adoptGroupsAndRules, allPages } from "../../src/adopt/matching";
import { adoptedInput } from "../../test-support/adopt";
import { config } from "../../test-support/synth";

/** A tcp rule of `group` from `cidr` to `port` (egress when `egress`). */
function rule(id: string, group: string, cidr: string, port: number, egress = false) {
  return {
    SecurityGroupRuleId: id,
    GroupId: group,
    IsEgress: egress,
    IpProtocol: egress ? "-1" : "tcp",
    FromPort: egress ? -1 : port,
    ToPort: egress ? -1 : port,
    CidrIpv4: cidr,
  } satisfies SecurityGroupRule;
}

/**
 * What is adopted of `groups` and `rules` for the adopted configuration, its tutorial account
 * reaching SMTP from two CIDRs, and the notes.
 */
function adopt(groups: SecurityGroupIdentifier[], rules: SecurityGroupRule[]) {
  const input = adoptedInput();
  input.accounts[0].smtp.cidrs = ["10.1.0.0/16", "10.2.0.0/16"];
  const { smtpHubs, accounts } = config(input);
  const notes: string[] = [];
  return { found: adoptGroupsAndRules(smtpHubs[0], accounts, groups, rules, notes), notes };
}

describe("npm run adopt: which of the endpoint's groups and rules are adopted", () => {
  test("the VPC's default group is never adopted, even listed first; its rules are not looked at", () => {
    const { found, notes } = adopt(
      [
        { GroupId: "sg-0d0d0d0d0d0d0d0d0", GroupName: "default" },
        { GroupId: "sg-0a0a0a0a0a0a0a0a0", GroupName: "ses-smtp" },
      ],
      [
        rule("sgr-0000000000000000d", "sg-0d0d0d0d0d0d0d0d0", "10.1.0.0/16", 587),
        rule("sgr-0000000000000000e", "sg-0d0d0d0d0d0d0d0d0", "0.0.0.0/0", 0, true),
        rule("sgr-00000000000000001", "sg-0a0a0a0a0a0a0a0a0", "10.1.0.0/16", 587),
        rule("sgr-00000000000000002", "sg-0a0a0a0a0a0a0a0a0", "0.0.0.0/0", 0, true),
      ],
    );
    expect(found).toEqual({
      securityGroups: ["sg-0a0a0a0a0a0a0a0a0"],
      ingressRules: [
        { id: "sgr-00000000000000001", account: "tutorial", cidr: "10.1.0.0/16", port: 587 },
      ],
    });
    expect(notes).toEqual([
      "sg-0d0d0d0d0d0d0d0d0 is the VPC's default security group: not adopted (the endpoint's groups have no egress, and other resources rely on the default group's); the first apply detaches it from the endpoint",
      "egress rule sgr-00000000000000002 of sg-0a0a0a0a0a0a0a0a0 (-1 -1--1 0.0.0.0/0): removed by the first apply (the endpoint's groups have no egress)",
    ]);
  });

  test("a rule in another group than its shard's is left alone: importing it there would replace it", () => {
    // AWS lists group B first; group A holds more of shard 0's rules, so it is shard 0.
    const { found, notes } = adopt(
      [
        { GroupId: "sg-0b0b0b0b0b0b0b0b0", GroupName: "smtp-b" },
        { GroupId: "sg-0a0a0a0a0a0a0a0a0", GroupName: "smtp-a" },
      ],
      [
        rule("sgr-0000000000000000b", "sg-0b0b0b0b0b0b0b0b0", "10.2.0.0/16", 587),
        rule("sgr-00000000000000001", "sg-0a0a0a0a0a0a0a0a0", "10.1.0.0/16", 587),
        rule("sgr-00000000000000002", "sg-0a0a0a0a0a0a0a0a0", "10.2.0.0/16", 587),
      ],
    );
    expect(found).toEqual({
      securityGroups: ["sg-0a0a0a0a0a0a0a0a0"],
      ingressRules: [
        { id: "sgr-00000000000000001", account: "tutorial", cidr: "10.1.0.0/16", port: 587 },
        { id: "sgr-00000000000000002", account: "tutorial", cidr: "10.2.0.0/16", port: 587 },
      ],
    });
    expect(notes).toEqual([
      "security group sg-0b0b0b0b0b0b0b0b0 (smtp-b) of the endpoint holds no rule adopted here: not adopted; the first apply detaches it from the endpoint, and it stays, unmanaged",
      "ingress rule sgr-0000000000000000b of sg-0b0b0b0b0b0b0b0b0 (tcp 587-587 10.2.0.0/16): the configuration places this rule in security group 0 (sg-0a0a0a0a0a0a0a0a0), and a rule cannot move between groups in place, so it is not adopted: the first apply creates it there; delete this one after that",
    ]);
  });

  test("allPages follows NextToken to the last page", async () => {
    const pages: Record<string, { items: string[]; next?: string }> = {
      first: { items: ["vpc-1", "vpc-2"], next: "t2" },
      t2: { items: ["vpc-3"], next: "t3" },
      t3: { items: [] },
    };
    const asked: (string | undefined)[] = [];
    const all = await allPages(async (token?: string) => {
      asked.push(token);
      return pages[token ?? "first"];
    });
    expect(all).toEqual(["vpc-1", "vpc-2", "vpc-3"]);
    expect(asked).toEqual([undefined, "t2", "t3"]);
  });
});
