/**
 * Adopting a hand-built SES API endpoint (`smtpHubs[].apiEndpoint.adopt`) and an account's
 * association with its zone (`accounts[].adopt.apiZoneAssociation`): import blocks at the API
 * endpoint's addresses, and the plan-time guards checking the `email` service and host.
 */
import { App, Testing } from "cdktf";
import { buildStacks } from "../../src/app";
import { adoptedInput } from "../../test-support/adopt";
import { problems } from "../../test-support/problems";
import { config } from "../../test-support/fixtures";

const API_ZONE = "Z0API0000000000000001";

function withApiAdopted(): Record<string, any> {
  const input = adoptedInput();
  input.smtpHubs[0].apiEndpoint = {
    enabled: true,
    securityGroups: [{ name: "ses-api", description: "SES API from the accounts" }],
    adopt: {
      vpcEndpoint: "vpce-0aaaaaaaaaaaaaaa1",
      securityGroups: ["sg-0aaaaaaaaaaaaaaa1"],
      ingressRules: [
        { id: "sgr-0aaaaaaaaaaaaaaa1", account: "tutorial", cidr: "10.1.0.0/16", port: 443 },
      ],
      privateHostedZone: API_ZONE,
      apexRecord: `${API_ZONE}_email.us-east-1.amazonaws.com_A`,
      authorizations: [`${API_ZONE}:vpc-0111111111111111a`],
    },
  };
  input.accounts[0].adopt.apiZoneAssociation = `${API_ZONE}:vpc-0111111111111111a`;
  return input;
}

function synthesized(input: unknown): Record<string, any> {
  const { hubStacks, accountStacks } = buildStacks(Testing.app() as App, config(input));
  return Object.fromEntries(
    [...hubStacks.values(), ...accountStacks].map((stack) => [
      stack.node.id,
      JSON.parse(JSON.stringify(stack.toTerraform())),
    ]),
  );
}

const imports = (json: any, prefix: string) =>
  json.import
    .map((block: any) => `${block.to} = ${block.id} (${block["//"]})`)
    .filter((line: string) => line.includes(prefix))
    .sort();

describe("adopting the hub's SES API endpoint", () => {
  const stacks = synthesized(withApiAdopted());
  const hub = stacks["smtp-hub-us-east-1"];

  test("imports each piece at the API endpoint's address, naming its configuration path", () => {
    expect(imports(hub, "apiEndpoint")).toEqual([
      `aws_route53_record.email = ${API_ZONE}_email.us-east-1.amazonaws.com_A (adopted from smtpHubs[0].apiEndpoint.adopt.apexRecord)`,
      `aws_route53_vpc_association_authorization.email_tutorial = ${API_ZONE}:vpc-0111111111111111a (adopted from smtpHubs[0].apiEndpoint.adopt.authorizations[0])`,
      `aws_route53_zone.email = ${API_ZONE} (adopted from smtpHubs[0].apiEndpoint.adopt.privateHostedZone)`,
      "aws_security_group.email_0 = sg-0aaaaaaaaaaaaaaa1 (adopted from smtpHubs[0].apiEndpoint.adopt.securityGroups[0])",
      "aws_vpc_endpoint.email = vpce-0aaaaaaaaaaaaaaa1 (adopted from smtpHubs[0].apiEndpoint.adopt.vpcEndpoint)",
      "aws_vpc_security_group_ingress_rule.email_tutorial_10-1-0-0-16_443 = sgr-0aaaaaaaaaaaaaaa1 (adopted from smtpHubs[0].apiEndpoint.adopt.ingressRules[0])",
    ]);
  });

  test("keeps the adopted group's own name and description", () => {
    expect(hub.resource.aws_security_group.email_0).toMatchObject({
      name: "ses-api",
      description: "SES API from the accounts",
    });
  });

  test("guards the endpoint's service and the zone's name at plan time", () => {
    const endpoint = hub.resource.aws_vpc_endpoint.email.lifecycle.precondition[0];
    expect(endpoint.error_message).toContain(
      "this hub wants an Interface endpoint of com.amazonaws.us-east-1.email in",
    );
    const zone = hub.resource.aws_route53_zone.email.lifecycle.precondition[0];
    expect(zone.error_message).toContain("wants the private zone email.us-east-1.amazonaws.com");
  });

  test("the account imports its association with the API zone", () => {
    expect(imports(stacks["ses-tutorial"], "apiZoneAssociation")).toEqual([
      `aws_route53_zone_association.email = ${API_ZONE}:vpc-0111111111111111a (adopted from accounts[0].adopt.apiZoneAssociation)`,
    ]);
  });

  test("an adopted API group without its recorded name and description is refused", () => {
    const input = withApiAdopted();
    delete input.smtpHubs[0].apiEndpoint.securityGroups;
    expect(problems(input)).toEqual([
      "smtpHubs[0].apiEndpoint.adopt.securityGroups[0] adopts sg-0aaaaaaaaaaaaaaa1, but smtpHubs[0].apiEndpoint.securityGroups[0] does not record its name and description: AWS cannot change either in place, so the group would be replaced (with every rule in it) once the adopt entry is removed; set it to the group's own name and description (npm run adopt -- --write records them).",
    ]);
  });

  test("an API rule on a port other than 443 is refused", () => {
    const input = withApiAdopted();
    input.smtpHubs[0].apiEndpoint.adopt.ingressRules[0].port = 587;
    expect(problems(input)).toEqual([
      "smtpHubs[0].apiEndpoint.adopt.ingressRules[0].port must be 443; got 587.",
    ]);
  });

  test("the same id adopted by both endpoints is refused", () => {
    const input = withApiAdopted();
    input.smtpHubs[0].apiEndpoint.adopt.vpcEndpoint = input.smtpHubs[0].adopt.vpcEndpoint;
    expect(problems(input).join("\n")).toMatch(/vpce-0123456789abcdef0/);
  });
});
