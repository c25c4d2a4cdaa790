import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53VpcAssociationAuthorization } from "@cdktf/provider-aws/lib/route53-vpc-association-authorization";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import {
  SmtpClientAccount,
  SmtpEndpoint,
  SmtpEndpointProps,
} from "../../src/constructs/smtp-endpoint";
import { parsed, synthWithProvider } from "../../test-support/scope";

const client = (n: number, cidrs = [`10.${n}.0.0/16`]): SmtpClientAccount => ({
  name: `team-${n}`,
  accountId: String(100000000000 + n),
  vpcId: `vpc-${n.toString(16).padStart(17, "0")}`,
  cidrs,
});

const BASE: Omit<SmtpEndpointProps, "hubProvider"> = {
  region: "ap-northeast-1",
  vpcId: "vpc-0a1b2c3d4e5f60718",
  subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
  clients: [client(1), client(2)],
};

function synth(props: Partial<SmtpEndpointProps> = {}): string {
  return synthWithProvider((scope, hubProvider) => {
    new SmtpEndpoint(scope, "smtp", { hubProvider, ...BASE, ...props });
  });
}

const rules = (synthesized: string): any[] =>
  Object.values(parsed(synthesized).resource.aws_vpc_security_group_ingress_rule ?? {});
const groups = (synthesized: string): Record<string, any> =>
  parsed(synthesized).resource.aws_security_group;

describe("SmtpEndpoint", () => {
  let synthesized: string;
  beforeAll(() => {
    synthesized = synth();
  });

  test("creates an email-smtp interface endpoint with private DNS off, in every subnet", () => {
    expect(synthesized).toHaveResourceWithProperties(VpcEndpoint, {
      service_name: "com.amazonaws.ap-northeast-1.email-smtp",
      vpc_endpoint_type: "Interface",
      private_dns_enabled: false,
      vpc_id: BASE.vpcId,
      subnet_ids: BASE.subnetIds,
    });
  });

  test("names the private zone exactly after the SES SMTP host and ignores client associations", () => {
    expect(synthesized).toHaveResourceWithProperties(Route53Zone, {
      name: "email-smtp.ap-northeast-1.amazonaws.com",
      vpc: [{ vpc_id: BASE.vpcId, vpc_region: "ap-northeast-1" }],
      lifecycle: { ignore_changes: ["vpc"] },
    });
  });

  test("aliases the zone apex to the endpoint's first DNS entry", () => {
    expect(synthesized).toHaveResourceWithProperties(Route53Record, {
      name: "email-smtp.ap-northeast-1.amazonaws.com",
      type: "A",
      alias: {
        name: expect.stringMatching(/^\$\{aws_vpc_endpoint\..+\.dns_entry\[0\]\.dns_name\}$/),
        zone_id: expect.stringMatching(
          /^\$\{aws_vpc_endpoint\..+\.dns_entry\[0\]\.hosted_zone_id\}$/,
        ),
        evaluate_target_health: true,
      },
    });
  });

  test("opens port 587 by default, one rule per CIDR, described by account", () => {
    expect(
      rules(synthesized)
        .map((r) => [r.cidr_ipv4, r.from_port, r.to_port, r.ip_protocol, r.description])
        .sort(),
    ).toEqual([
      ["10.1.0.0/16", 587, 587, "tcp", "SMTP 587 from account team-1 (100000000001)"],
      ["10.2.0.0/16", 587, 587, "tcp", "SMTP 587 from account team-2 (100000000002)"],
    ]);
  });

  test("creates one rule per CIDR × port", () => {
    const many = synth({
      ports: [25, 465, 587, 2465, 2587],
      clients: [client(1, ["10.1.0.0/16", "10.11.0.0/16"]), client(2)],
    });
    expect(rules(many)).toHaveLength(3 * 5);
  });

  test("security groups have no egress rules and no rule wider than the clients' CIDRs", () => {
    for (const group of Object.values(groups(synthesized))) expect(group.egress).toEqual([]);
    for (const rule of rules(synthesized)) expect(rule.cidr_ipv4).not.toBe("0.0.0.0/0");
  });

  test("groups can be added or replaced without touching the attached ones", () => {
    for (const group of Object.values(groups(synthesized))) {
      expect(group).toMatchObject({
        name_prefix: "ses-smtp-endpoint-ap-northeast-1-0-",
        description: "SES SMTP interface endpoint: SMTP from resource accounts",
        lifecycle: { create_before_destroy: true },
      });
      expect(group.name).toBeUndefined();
    }
  });

  test("a rule that moves to another group is created there before it is removed", () => {
    for (const rule of rules(synthesized))
      expect(rule.lifecycle).toEqual({ create_before_destroy: true });
  });

  test("authorizes every client VPC with the hub's provider", () => {
    expect(synthesized).toHaveResourceWithProperties(Route53VpcAssociationAuthorization, {
      vpc_id: client(2).vpcId,
      vpc_region: "ap-northeast-1",
      provider: "aws.test",
    });
  });

  test("warns when only one subnet (one Availability Zone) is given", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "one-az");
    new SmtpEndpoint(stack, "smtp", {
      ...BASE,
      subnetIds: [BASE.subnetIds[0]],
      hubProvider: new AwsProvider(stack, "aws", { region: "ap-northeast-1" }),
    });
    const warnings = stack.node
      .findAll()
      .flatMap((c: any) => c.node.metadata)
      .filter((m: any) => m.type === "@cdktf/warn");
    expect(warnings.map((w: any) => w.data)).toEqual([
      "The SMTP endpoint in ap-northeast-1 has one subnet (subnet-0a1b2c3d4e5f60001): one Availability Zone is a single point of failure; list a subnet in a second zone.",
    ]);
  });

  describe("sharding over security groups", () => {
    const clients = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        client(i + 1, [`10.${Math.floor((i + 1) / 256)}.${(i + 1) % 256}.0/24`]),
      );

    test("60 rules fit one security group", () => {
      const s = synth({ clients: clients(60) });
      expect(Object.keys(groups(s))).toHaveLength(1);
      expect(
        parsed(s).resource.aws_vpc_endpoint[Object.keys(parsed(s).resource.aws_vpc_endpoint)[0]]
          .security_group_ids,
      ).toHaveLength(1);
    });

    test("61 rules need a second group, and no group holds more than 60", () => {
      const s = synth({ clients: clients(61) });
      expect(Object.keys(groups(s))).toHaveLength(2);
      const perGroup = new Map<string, number>();
      for (const rule of rules(s))
        perGroup.set(rule.security_group_id, (perGroup.get(rule.security_group_id) ?? 0) + 1);
      expect([...perGroup.values()].every((n) => n <= 60)).toBe(true);
      expect([...perGroup.values()].reduce((a, b) => a + b)).toBe(61);
    });

    test("300 rules fill five groups, all attached to the endpoint", () => {
      const s = synth({ clients: clients(300) });
      expect(Object.keys(groups(s))).toHaveLength(5);
      const endpoint: any = Object.values(parsed(s).resource.aws_vpc_endpoint)[0];
      expect(endpoint.security_group_ids).toHaveLength(5);
    });

    test("301 rules are refused with the quota arithmetic", () => {
      expect(() => synth({ clients: clients(301) })).toThrow(
        /^The shared SMTP endpoint needs 301 inbound rules \(CIDRs × 1 port\) but the quotas allow 300 \(60 inbound rules per security group × 5 security groups per network interface\); /,
      );
    });

    test("a raised per-group quota packs more rules per group", () => {
      const s = synth({
        clients: clients(120),
        quotas: { inboundRulesPerSecurityGroup: 120, securityGroupsPerNetworkInterface: 5 },
      });
      expect(Object.keys(groups(s))).toHaveLength(1);
    });

    test("reordering clients places every rule in the same group", () => {
      const list = clients(100);
      const forward = rules(synth({ clients: list }));
      const backward = rules(synth({ clients: [...list].reverse() }));
      const placement = (all: any[]) =>
        Object.fromEntries(all.map((r) => [r.cidr_ipv4, r.security_group_id]));
      expect(placement(backward)).toEqual(placement(forward));
    });
  });

  test("a CIDR with host bits set is refused in the constructor", () => {
    expect(() => synth({ clients: [client(1, ["10.1.0.1/16"])] })).toThrow(
      'clients[0].cidrs[0] must be an IPv4 CIDR block written with the block\'s own address (no host bits set): write 10.1.0.0/16; got "10.1.0.1/16".',
    );
  });

  test("0.0.0.0/0 is refused in the constructor", () => {
    expect(() => synth({ clients: [client(1, ["0.0.0.0/0"])] })).toThrow(
      'clients[0].cidrs[0] must be a CIDR block of /8 or narrower (0.0.0.0/0 and other internet-wide ranges are never allowed); got "0.0.0.0/0".',
    );
  });

  test("a port outside the five is refused in the constructor", () => {
    expect(() => synth({ ports: [2525 as never] })).toThrow(
      "ports[0] must be one of 25, 465, 587, 2465, 2587; got 2525.",
    );
  });

  test("no subnet is refused in the constructor", () => {
    expect(() => synth({ subnetIds: [] })).toThrow(
      "subnetIds must list at least one subnet (one per Availability Zone); got none.",
    );
  });

  test("the same client twice is refused in the constructor", () => {
    expect(() => synth({ clients: [client(1), client(1)] })).toThrow(
      'clients names must be unique among the endpoint\'s clients; got "team-1" twice.',
    );
  });
});
