import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { SesApiEndpoint, SesApiEndpointProps } from "../../src/constructs/ses-api-endpoint";
import { SmtpEndpoint } from "../../src/constructs/smtp-endpoint";
import { SmtpClientAccount } from "../../src/constructs/ses-interface-endpoint";
import { parsed, synthWithProvider } from "../../test-support/scope";

const client = (n: number, cidrs = [`10.${n}.0.0/16`]): SmtpClientAccount => ({
  name: `team-${n}`,
  accountId: String(100000000000 + n),
  vpcId: `vpc-${n.toString(16).padStart(17, "0")}`,
  cidrs,
});

const BASE: Omit<SesApiEndpointProps, "hubProvider"> = {
  region: "eu-west-1",
  vpcId: "vpc-0a1b2c3d4e5f60718",
  subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
  clients: [client(1), client(2)],
};

function synth(props: Partial<SesApiEndpointProps> = {}, withSmtp = false): string {
  return synthWithProvider((scope, hubProvider) => {
    if (withSmtp) new SmtpEndpoint(scope, "smtp", { hubProvider, ...BASE, ports: [587, 465] });
    new SesApiEndpoint(scope, "api", { hubProvider, ...BASE, ...props });
  });
}

describe("SesApiEndpoint", () => {
  let synthesized: string;
  beforeAll(() => {
    synthesized = synth();
  });

  test("creates the SES API interface endpoint com.amazonaws.<region>.email with private DNS off", () => {
    expect(synthesized).toHaveResourceWithProperties(VpcEndpoint, {
      service_name: "com.amazonaws.eu-west-1.email",
      vpc_endpoint_type: "Interface",
      private_dns_enabled: false,
      subnet_ids: BASE.subnetIds,
      security_group_ids: ["${aws_security_group.email_0.id}"],
    });
  });

  test("opens only HTTPS 443, once per client CIDR, with no egress", () => {
    const json = parsed(synthesized).resource;
    expect(json.aws_security_group.email_0).toMatchObject({
      egress: [],
      name_prefix: "ses-api-endpoint-eu-west-1-0-",
      description: "SES API interface endpoint: HTTPS from resource accounts",
    });
    expect(json.aws_vpc_security_group_ingress_rule).toEqual({
      "email_team-1_10-1-0-0-16_443": expect.objectContaining({
        cidr_ipv4: "10.1.0.0/16",
        from_port: 443,
        to_port: 443,
        ip_protocol: "tcp",
        description: "HTTPS 443 from account team-1 (100000000001)",
        security_group_id: "${aws_security_group.email_0.id}",
      }),
      "email_team-2_10-2-0-0-16_443": expect.objectContaining({ cidr_ipv4: "10.2.0.0/16" }),
    });
  });

  test("takes over email.<region>.amazonaws.com in a private zone with an apex alias to the endpoint", () => {
    expect(synthesized).toHaveResourceWithProperties(Route53Zone, {
      name: "email.eu-west-1.amazonaws.com",
      vpc: [{ vpc_id: BASE.vpcId, vpc_region: "eu-west-1" }],
      lifecycle: { ignore_changes: ["vpc"] },
    });
    expect(synthesized).toHaveResourceWithProperties(Route53Record, {
      name: "email.eu-west-1.amazonaws.com",
      type: "A",
      zone_id: "${aws_route53_zone.email.zone_id}",
      alias: expect.objectContaining({
        name: "${aws_vpc_endpoint.email.dns_entry[0].dns_name}",
      }),
    });
  });

  test("authorizes each client's VPC on the API zone under email_<account>", () => {
    const authorizations = parsed(synthesized).resource.aws_route53_vpc_association_authorization;
    expect(authorizations).toEqual({
      "email_team-1": expect.objectContaining({
        vpc_id: client(1).vpcId,
        zone_id: "${aws_route53_zone.email.zone_id}",
      }),
      "email_team-2": expect.objectContaining({ vpc_id: client(2).vpcId }),
    });
  });

  test("beside the SMTP endpoint of the same hub, no address is shared and each keeps its own groups", () => {
    const json = parsed(synth({}, true)).resource;
    expect(Object.keys(json.aws_vpc_endpoint).sort()).toEqual(["email", "email-smtp"]);
    expect(Object.keys(json.aws_security_group).sort()).toEqual(["email-smtp_0", "email_0"]);
    expect(Object.keys(json.aws_route53_vpc_association_authorization).sort()).toEqual([
      "email_team-1",
      "email_team-2",
      "team-1",
      "team-2",
    ]);
  });

  test("shards its rules with the SMTP endpoint's arithmetic: 3 CIDRs at 2 rules per group make 2 groups", () => {
    const json = parsed(
      synth({
        clients: [client(1, ["10.1.0.0/16", "10.11.0.0/16"]), client(2)],
        quotas: { inboundRulesPerSecurityGroup: 2, securityGroupsPerNetworkInterface: 5 },
      }),
    ).resource;
    expect(Object.keys(json.aws_security_group).sort()).toEqual(["email_0", "email_1"]);
    expect(Object.keys(json.aws_vpc_security_group_ingress_rule)).toHaveLength(3);
  });

  test("rules beyond the quotas are refused naming the API endpoint", () => {
    expect(() =>
      synth({
        clients: [client(1), client(2)],
        quotas: { inboundRulesPerSecurityGroup: 1, securityGroupsPerNetworkInterface: 1 },
      }),
    ).toThrow(
      /^The shared API endpoint needs 2 inbound rules \(CIDRs × 1 port\) but the quotas allow 1 /,
    );
  });
});
