import type { SecurityGroupIdentifier, SecurityGroupRule } from "@aws-sdk/client-ec2";
import {
  adoptGroupsAndRules,
  allPages,
  liveEndpoint,
  soughtEndpoint,
  zoneAssociation,
} from "../../src/adopt/matching";
import { adoptedInput, TUTORIAL_VPC, ZONE } from "../../test-support/adopt";
import { config } from "../../test-support/fixtures";

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
  const smtp = soughtEndpoint(smtpHubs[0], accounts, "smtp");
  return { found: adoptGroupsAndRules(smtp, groups, rules, notes), notes };
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

/**
 * The adopted configuration with the hub's API endpoint on, a second account `billing` that opts
 * out of it (`useApiEndpoint: false`), and the API endpoint's sought description.
 */
function apiHub() {
  const input = adoptedInput();
  input.smtpHubs[0].apiEndpoint = { enabled: true };
  input.accounts.push({
    name: "billing",
    accountId: "222222222222",
    region: "us-east-1",
    smtp: { vpcId: "vpc-0222222222222222b", cidrs: ["10.2.0.0/16"], useApiEndpoint: false },
  });
  const { smtpHubs, accounts } = config(input);
  return { hub: smtpHubs[0], accounts };
}

describe("npm run adopt: the hub's SES API endpoint is sought as the SMTP one, with its own service", () => {
  test("the API endpoint: service email, port 443, only the accounts that use it", () => {
    const { hub, accounts } = apiHub();
    const [smtp, api] = [
      soughtEndpoint(hub, accounts, "smtp"),
      soughtEndpoint(hub, accounts, "api"),
    ];
    expect([smtp.service.service, smtp.ports, smtp.clients.map((a) => a.name)]).toEqual([
      "email-smtp",
      hub.ports,
      ["tutorial", "billing"],
    ]);
    expect([api.service.service, api.ports, api.clients.map((a) => a.name)]).toEqual([
      "email",
      [443],
      ["tutorial"],
    ]);
    expect(api.service.host("us-east-1")).toBe("email.us-east-1.amazonaws.com");
  });

  test("the API endpoint's 443 rules are adopted; an SMTP port or an opted-out account's CIDR is not", () => {
    const { hub, accounts } = apiHub();
    const notes: string[] = [];
    const found = adoptGroupsAndRules(
      soughtEndpoint(hub, accounts, "api"),
      [{ GroupId: "sg-0a0a0a0a0a0a0a0a0", GroupName: "ses-api" }],
      [
        rule("sgr-00000000000000001", "sg-0a0a0a0a0a0a0a0a0", "10.1.0.0/16", 443),
        rule("sgr-00000000000000002", "sg-0a0a0a0a0a0a0a0a0", "10.1.0.0/16", 587),
        rule("sgr-00000000000000003", "sg-0a0a0a0a0a0a0a0a0", "10.2.0.0/16", 443),
      ],
      notes,
    );
    expect(found).toEqual({
      securityGroups: ["sg-0a0a0a0a0a0a0a0a0"],
      ingressRules: [
        { id: "sgr-00000000000000001", account: "tutorial", cidr: "10.1.0.0/16", port: 443 },
      ],
    });
    expect(notes).toEqual([
      "ingress rule sgr-00000000000000002 of sg-0a0a0a0a0a0a0a0a0 (tcp 587-587 10.1.0.0/16): no configured account CIDR and port wants it; it stays, unmanaged",
      "ingress rule sgr-00000000000000003 of sg-0a0a0a0a0a0a0a0a0 (tcp 443-443 10.2.0.0/16): no configured account CIDR and port wants it; it stays, unmanaged",
    ]);
  });

  test("the live endpoint is adopted; dead ones are skipped; the notes name the service", () => {
    const service = "com.amazonaws.us-east-1.email";
    const notes: string[] = [];
    const found = liveEndpoint(
      [
        { VpcEndpointId: "vpce-0000000000000000d", State: "Deleted" },
        { VpcEndpointId: "vpce-00000000000000001", State: "Available" },
        { VpcEndpointId: "vpce-00000000000000002", State: "PendingAcceptance" },
      ],
      service,
      "vpc-0a1b2c3d4e5f60718",
      notes,
    );
    const none = liveEndpoint([], service, "vpc-0a1b2c3d4e5f60718", notes);
    expect([found?.VpcEndpointId, none]).toEqual(["vpce-00000000000000001", undefined]);
    expect(notes).toEqual([
      "2 com.amazonaws.us-east-1.email endpoints in vpc-0a1b2c3d4e5f60718 (vpce-00000000000000001, vpce-00000000000000002): adopting the first; delete the others after checking nothing resolves them",
      "no com.amazonaws.us-east-1.email endpoint in vpc-0a1b2c3d4e5f60718: one will be created",
    ]);
  });

  test("an account's associations: each zone by its exact name (email. is not email-smtp.)", () => {
    const apiZone = "Z0API0000000000000000";
    const zones = [
      { HostedZoneId: ZONE, Name: "email-smtp.us-east-1.amazonaws.com.", Owner: {} },
      { HostedZoneId: apiZone, Name: "email.us-east-1.amazonaws.com.", Owner: {} },
    ];
    expect([
      zoneAssociation(zones, "email-smtp.us-east-1.amazonaws.com", TUTORIAL_VPC),
      zoneAssociation(zones, "email.us-east-1.amazonaws.com", TUTORIAL_VPC),
      zoneAssociation(zones.slice(0, 1), "email.us-east-1.amazonaws.com", TUTORIAL_VPC),
    ]).toEqual([`${ZONE}:${TUTORIAL_VPC}`, `${apiZone}:${TUTORIAL_VPC}`, undefined]);
  });
});
