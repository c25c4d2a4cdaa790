import { problems } from "../../test-support/problems";
import { clientInput, hubInput, hubWithClients } from "../../test-support/hub";
import { config } from "../../test-support/fixtures";

const withClient = (smtp: Record<string, unknown>, hub: Record<string, unknown> = {}) => ({
  smtpHubs: [hubInput(hub)],
  accounts: [
    clientInput(1, { smtp: { vpcId: "vpc-00000000000000001", cidrs: ["10.1.0.0/16"], ...smtp } }),
  ],
});

describe("SMTP hub configuration", () => {
  test("a hub with clients is valid and defaults to port 587 and AWS's quotas", () => {
    const parsed = config(hubWithClients(3));
    expect(parsed.smtpHubs[0].ports).toEqual([587]);
    expect(parsed.smtpHubs[0].quotas).toEqual({
      inboundRulesPerSecurityGroup: 60,
      securityGroupsPerNetworkInterface: 5,
      vpcAssociationsPerHostedZone: 300,
    });
  });

  test.each([["10.1.0.0/33"], ["300.1.0.0/16"], ["10.1/16"]])("CIDR %p is refused", (cidr) => {
    expect(problems(withClient({ cidrs: [cidr] }))).toEqual([
      `accounts[0].smtp.cidrs[0] must be an IPv4 CIDR block whose address has no host bits set, such as 10.1.0.0/16; got "${cidr}".`,
    ]);
  });

  test.each([
    ["10.1.0.1/16", "written with the block's own address (no host bits set): write 10.1.0.0/16"],
    [
      "010.1.0.0/16",
      "written without leading zeros, which some tools read as octal: write 10.1.0.0/16",
    ],
    [
      "10.1.0.0/016",
      "written without leading zeros, which some tools read as octal: write 10.1.0.0/16",
    ],
    ["010.1.0.1/16", "written with the block's own address (no host bits set): write 10.1.0.0/16"],
  ])("CIDR %p is refused with the canonical form to write", (cidr, instead) => {
    expect(problems(withClient({ cidrs: [cidr] }))).toEqual([
      `accounts[0].smtp.cidrs[0] must be an IPv4 CIDR block ${instead}; got "${cidr}".`,
    ]);
  });

  test("an address without a prefix length is refused with the /32 to write", () => {
    expect(problems(withClient({ cidrs: ["10.1.2.3"] }))).toEqual([
      'accounts[0].smtp.cidrs[0] must be a CIDR block with its prefix length: write 10.1.2.3/32 for this one address; got "10.1.2.3".',
    ]);
  });

  test("an IPv6 block is refused: the endpoint's rules are IPv4", () => {
    expect(problems(withClient({ cidrs: ["fd00::/8"] }))).toEqual([
      `accounts[0].smtp.cidrs[0] must be an IPv4 CIDR block whose address has no host bits set, such as 10.1.0.0/16 (IPv6 is not supported: the security group rules of the shared endpoint are IPv4, so list the VPC's IPv4 CIDR); got "fd00::/8".`,
    ]);
  });

  test.each([["0.0.0.0/0"], ["0.0.0.0/1"], ["10.0.0.0/7"]])(
    "internet-wide CIDR %p is refused",
    (cidr) => {
      expect(problems(withClient({ cidrs: [cidr] }))).toEqual([
        `accounts[0].smtp.cidrs[0] must be a CIDR block of /8 or narrower (0.0.0.0/0 and other internet-wide ranges are never allowed); got "${cidr}".`,
      ]);
    },
  );

  test("a /8 and a /32 are allowed", () => {
    expect(problems(withClient({ cidrs: ["10.0.0.0/8"] }))).toEqual([]);
    expect(problems(withClient({ cidrs: ["192.168.1.10/32"] }))).toEqual([]);
  });

  test("overlapping CIDRs of two accounts are refused, naming both", () => {
    const input = {
      smtpHubs: [hubInput()],
      accounts: [
        clientInput(1, { smtp: { vpcId: "vpc-00000000000000001", cidrs: ["10.1.0.0/16"] } }),
        clientInput(2, { smtp: { vpcId: "vpc-00000000000000002", cidrs: ["10.1.128.0/20"] } }),
      ],
    };
    expect(problems(input)).toEqual([
      "accounts[1].smtp.cidrs[0] must not overlap other accounts' CIDRs; 10.1.128.0/20 overlaps 10.1.0.0/16 at accounts[0].smtp.cidrs[0] (peered VPCs with overlapping ranges cannot route to each other).",
    ]);
  });

  test("adjacent CIDRs are allowed", () => {
    const input = {
      smtpHubs: [hubInput()],
      accounts: [
        clientInput(1, { smtp: { vpcId: "vpc-00000000000000001", cidrs: ["10.1.0.0/17"] } }),
        clientInput(2, { smtp: { vpcId: "vpc-00000000000000002", cidrs: ["10.1.128.0/17"] } }),
      ],
    };
    expect(problems(input)).toEqual([]);
  });

  test("a port outside the five SES SMTP ports is refused", () => {
    expect(problems(withClient({}, { ports: [587, 2525] }))).toEqual([
      "smtpHubs[0].ports[1] must be one of the SES SMTP ports 25, 465, 587, 2465, 2587; got 2525.",
    ]);
  });

  test("all five ports are allowed", () => {
    expect(problems(withClient({}, { ports: [25, 465, 587, 2465, 2587] }))).toEqual([]);
  });

  test("a repeated port is refused", () => {
    expect(problems(withClient({}, { ports: [587, 587] }))).toEqual([
      "smtpHubs[0].ports[1] repeats 587 from smtpHubs[0].ports[0].",
    ]);
  });

  test("a VPC id of the wrong form is refused", () => {
    expect(problems(withClient({ vpcId: "vpc-123" }))).toEqual([
      'accounts[0].smtp.vpcId must be a VPC id such as vpc-0123456789abcdef0; got "vpc-123".',
    ]);
  });

  test("a subnet id of the wrong form is refused", () => {
    expect(problems(withClient({}, { subnetIds: ["subnet-xyz"] }))).toEqual([
      'smtpHubs[0].subnetIds[0] must be a subnet id such as subnet-0123456789abcdef0; got "subnet-xyz".',
    ]);
  });

  test("a hub with no subnet is refused", () => {
    expect(problems(withClient({}, { subnetIds: [] }))).toEqual([
      "smtpHubs[0].subnetIds must list at least one subnet (one per Availability Zone; two or more for high availability); got [].",
    ]);
  });

  test("the same VPC in two accounts is refused", () => {
    const input = {
      smtpHubs: [hubInput()],
      accounts: [
        clientInput(1, { smtp: { vpcId: "vpc-00000000000000001", cidrs: ["10.1.0.0/16"] } }),
        clientInput(2, { smtp: { vpcId: "vpc-00000000000000001", cidrs: ["10.2.0.0/16"] } }),
      ],
    };
    expect(problems(input)).toEqual([
      "accounts[1].smtp.vpcId must be a VPC of its own; vpc-00000000000000001 is already used at accounts[0].smtp.vpcId.",
    ]);
  });

  test("an account using the hub's own VPC is refused", () => {
    expect(problems(withClient({ vpcId: "vpc-0a1b2c3d4e5f60718" }))).toEqual([
      "accounts[0].smtp.vpcId must be a VPC of its own; vpc-0a1b2c3d4e5f60718 is already used at smtpHubs[0].vpcId.",
    ]);
  });

  test("an account whose region has no hub is refused", () => {
    expect(problems(withClient({}, { region: "eu-west-1" }))).toEqual([
      "accounts[0].smtp needs an SMTP hub in the account's region us-east-1; smtpHubs has hubs in eu-west-1.",
    ]);
  });

  test("two hubs in one region are refused", () => {
    const input = {
      ...withClient({}),
      smtpHubs: [hubInput(), hubInput({ vpcId: "vpc-0a1b2c3d4e5f60719" })],
    };
    expect(problems(input)).toEqual([
      'smtpHubs[1].region must be unique among hub regions (one SMTP hub per region); "us-east-1" is already used at smtpHubs[0].region.',
    ]);
  });

  test("300 inbound rules (60 accounts × 5 ports) fit the default quotas", () => {
    expect(problems(hubWithClients(60, { ports: [25, 465, 587, 2465, 2587] }))).toEqual([]);
  });

  test("299 client VPCs and the hub's make 300 zone associations, which fit", () => {
    expect(problems(hubWithClients(299))).toEqual([]);
  });

  test("301 inbound rules exceed the default quotas, with the numbers and the fix", () => {
    expect(problems(hubWithClients(301))).toEqual([
      "smtpHubs[0] needs 301 inbound rules (CIDRs × 1 port) but the quotas allow 300 (60 inbound rules per security group × 5 security groups per network interface); use fewer ports or fewer, wider CIDRs, or raise the VPC quotas 'Inbound rules per security group' (L-0EA8095F) or 'Security groups per network interface' (L-2AFB9258) in Service Quotas and set quotas.inboundRulesPerSecurityGroup / quotas.securityGroupsPerNetworkInterface to match.",
      "smtpHubs[0] needs 302 VPC associations on its private hosted zone (the hub VPC and 301 account VPCs) but the quota allows 300; ask AWS Support to raise 'VPCs that you can associate with a private hosted zone' and set quotas.vpcAssociationsPerHostedZone to match, or split the accounts over regions.",
    ]);
  });

  test("a raised quota lets more rules through", () => {
    expect(
      problems(
        hubWithClients(301, {
          quotas: { inboundRulesPerSecurityGroup: 100, vpcAssociationsPerHostedZone: 400 },
        }),
      ),
    ).toEqual([]);
  });

  test("rules count every port", () => {
    expect(problems(hubWithClients(61, { ports: [25, 465, 587, 2465, 2587] }))[0]).toMatch(
      /^smtpHubs\[0\] needs 305 inbound rules \(CIDRs × 5 ports\) but the quotas allow 300 /,
    );
  });

  test("zone associations beyond a lowered quota are refused", () => {
    expect(problems(hubWithClients(3, { quotas: { vpcAssociationsPerHostedZone: 3 } }))).toEqual([
      "smtpHubs[0] needs 4 VPC associations on its private hosted zone (the hub VPC and 3 account VPCs) but the quota allows 3; ask AWS Support to raise 'VPCs that you can associate with a private hosted zone' and set quotas.vpcAssociationsPerHostedZone to match, or split the accounts over regions.",
    ]);
  });
});
