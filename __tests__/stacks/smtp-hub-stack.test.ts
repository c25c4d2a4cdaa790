import { Testing } from "cdktf";
import { buildStacks } from "../../src/app";
import { exampleConfig, frozen, snapshotable } from "../../test-support/fixtures";

function synthExample(): { hub: any; tutorial: any } {
  const stacks = buildStacks(Testing.app(), exampleConfig());
  return {
    hub: JSON.parse(Testing.synth(stacks.hubStacks.get("us-east-1")!)),
    tutorial: JSON.parse(Testing.synth(stacks.accountStacks[0])),
  };
}

describe("SmtpHubStack", () => {
  let hub: any;
  let tutorial: any;
  beforeAll(() => {
    ({ hub, tutorial } = frozen(synthExample()));
  });

  test("matches the snapshot of the example configuration", () => {
    expect(snapshotable(hub)).toMatchSnapshot();
  });

  test("has one provider, aliased for the region, pinned to the shared account", () => {
    expect(hub.provider.aws).toEqual([
      expect.objectContaining({
        alias: "hub-us-east-1",
        allowed_account_ids: ["999999999999"],
        assume_role: [
          expect.objectContaining({ role_arn: "arn:aws:iam::999999999999:role/terraform" }),
        ],
      }),
    ]);
  });

  test("authorizes every client account's VPC on each zone (SMTP, and the API the example offers)", () => {
    const authorizations = hub.resource.aws_route53_vpc_association_authorization;
    const on = (zone: string) =>
      Object.values(authorizations)
        .filter((a: any) => a.zone_id === `\${aws_route53_zone.${zone}.zone_id}`)
        .map((a: any) => a.vpc_id)
        .sort();
    expect(Object.keys(authorizations).sort()).toEqual([
      "email_grafana",
      "email_tutorial",
      "grafana",
      "tutorial",
    ]);
    expect(on("email-smtp")).toEqual(["vpc-0111111111111111a", "vpc-0222222222222222b"]);
    expect(on("email")).toEqual(["vpc-0111111111111111a", "vpc-0222222222222222b"]);
  });

  test("outputs what the accounts and the README need", () => {
    expect(Object.keys(hub.output).sort()).toEqual([
      "api_authorized_vpc_ids",
      "api_host",
      "api_private_hosted_zone_id",
      "api_security_group_ids",
      "api_vpc_endpoint_id",
      "authorized_vpc_ids",
      "private_hosted_zone_id",
      "security_group_ids",
      "smtp_host",
      "smtp_ports",
      "vpc_endpoint_dns_entries",
      "vpc_endpoint_id",
    ]);
    expect(hub.output.smtp_host.value).toBe("email-smtp.us-east-1.amazonaws.com");
    expect(hub.output.api_host.value).toBe("email.us-east-1.amazonaws.com");
  });

  test("each account stack associates its VPC with its own provider, reading the hub's outputs", () => {
    const associations = tutorial.resource.aws_route53_zone_association;
    expect(Object.keys(associations).sort()).toEqual(["email", "email-smtp"]);
    expect(associations["email-smtp"]).toMatchObject({
      provider: "aws.tutorial",
      vpc_region: "us-east-1",
      zone_id: "${data.terraform_remote_state.hub-us-east-1.outputs.private_hosted_zone_id}",
      vpc_id: "${data.terraform_remote_state.hub-us-east-1.outputs.authorized_vpc_ids.tutorial}",
    });
    expect(associations.email).toMatchObject({
      provider: "aws.tutorial",
      vpc_region: "us-east-1",
      zone_id: "${data.terraform_remote_state.hub-us-east-1.outputs.api_private_hosted_zone_id}",
      vpc_id:
        "${data.terraform_remote_state.hub-us-east-1.outputs.api_authorized_vpc_ids.tutorial}",
    });
    expect(tutorial.data.terraform_remote_state["hub-us-east-1"]).toEqual({
      backend: "local",
      config: { path: "../../../terraform-state/smtp-hub-us-east-1.tfstate" },
    });
  });

  test("account stacks depend on their hub, so cdktf deploys the hub first", () => {
    const app = Testing.app();
    const stacks = buildStacks(app, exampleConfig());
    for (const account of stacks.accountStacks) {
      expect(account.dependencies).toContain(stacks.hubStacks.get("us-east-1"));
    }
  });

  test("account stacks output the SMTP host and ports for their applications", () => {
    expect(tutorial.output.smtp_host.value).toBe(
      "${data.terraform_remote_state.hub-us-east-1.outputs.smtp_host}",
    );
    expect(tutorial.output.smtp_ports.value).toBe(
      "${data.terraform_remote_state.hub-us-east-1.outputs.smtp_ports}",
    );
  });
});
