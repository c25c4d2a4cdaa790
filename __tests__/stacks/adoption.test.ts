import { App, Testing } from "cdktf";
import { buildStacks } from "../../src/app";
import { HUB_VPC, ZONE, adoptedInput } from "../../test-support/adopt";
import { config } from "../../test-support/fixtures";

/** Every stack's JSON as synthesized (with the `//` comments Testing.synth strips), by name. */
function synthesized(input: unknown): Record<string, any> {
  const app = Testing.app() as App;
  const { hubStacks, accountStacks } = buildStacks(app, config(input));
  return Object.fromEntries(
    [...hubStacks.values(), ...accountStacks].map((stack) => [
      stack.node.id,
      JSON.parse(JSON.stringify(stack.toTerraform())),
    ]),
  );
}

const stacks = synthesized(adoptedInput());
const hub = stacks["smtp-hub-us-east-1"];
const account = stacks["ses-tutorial"];

/** `to = id (comment)` of each import block. */
const imports = (json: any) =>
  json.import.map((block: any) => `${block.to} = ${block.id} (${block["//"]})`).sort();

describe("adoption emits import blocks", () => {
  test("the hub imports the article's pieces at their addresses, with the hub's provider", () => {
    expect(imports(hub)).toEqual([
      `aws_route53_record.email-smtp = ${ZONE}_email-smtp.us-east-1.amazonaws.com_A (adopted from smtpHubs[0].adopt.apexRecord)`,
      `aws_route53_vpc_association_authorization.tutorial = ${ZONE}:vpc-0111111111111111a (adopted from smtpHubs[0].adopt.authorizations[0])`,
      `aws_route53_zone.email-smtp = ${ZONE} (adopted from smtpHubs[0].adopt.privateHostedZone)`,
      "aws_security_group.email-smtp_0 = sg-0123456789abcdef0 (adopted from smtpHubs[0].adopt.securityGroups[0])",
      "aws_vpc_endpoint.email-smtp = vpce-0123456789abcdef0 (adopted from smtpHubs[0].adopt.vpcEndpoint)",
      "aws_vpc_security_group_ingress_rule.tutorial_10-1-0-0-16_587 = sgr-0123456789abcdef0 (adopted from smtpHubs[0].adopt.ingressRules[0])",
    ]);
    for (const block of hub.import) expect(block.provider).toBe("aws.hub-us-east-1");
  });

  test("the account imports its association, the tutorial's pipeline and its identity", () => {
    expect(imports(account)).toEqual([
      "aws_cloudwatch_log_group.events = /aws/kinesisfirehose/tf-firehose-log-group (adopted from accounts[0].adopt.logGroup)",
      "aws_cloudwatch_log_stream.events = /aws/kinesisfirehose/tf-firehose-log-group:tf-firehose-log-stream (adopted from accounts[0].adopt.logStream)",
      "aws_iam_role.firehose = tf-firehose-role (adopted from accounts[0].adopt.firehoseRole)",
      "aws_iam_role.ses = tf-ses-role (adopted from accounts[0].adopt.sesRole)",
      "aws_kinesis_firehose_delivery_stream.events = arn:aws:firehose:us-east-1:111111111111:deliverystream/tf-delivery-stream (adopted from accounts[0].adopt.deliveryStream)",
      `aws_route53_zone_association.email-smtp = ${ZONE}:vpc-0111111111111111a (adopted from accounts[0].adopt.zoneAssociation)`,
      "aws_s3_bucket.events = tf-ses-tutorial-events (adopted from accounts[0].adopt.bucket)",
      "aws_ses_configuration_set.tf-configuration-set = tf-configuration-set (adopted from accounts[0].adopt.configurationSets[0])",
      "aws_ses_event_destination.tf-configuration-set_tf-firehose-destination = tf-configuration-set/tf-firehose-destination (adopted from accounts[0].adopt.eventDestinations[0])",
      "aws_sesv2_email_identity.tutorial-example-com = tutorial.example.com (adopted from accounts[0].adopt.identity)",
    ]);
    for (const block of account.import) expect(block.provider).toBe("aws.tutorial");
  });

  test("without adopt sections no stack has import blocks or adoption guards", () => {
    const input = adoptedInput();
    delete input.smtpHubs[0].adopt;
    delete input.accounts[0].adopt;
    for (const json of Object.values(synthesized(input))) {
      expect(json.import).toBeUndefined();
      expect(Object.keys(json.data ?? {})).not.toContain("aws_vpc_endpoint");
      expect(Object.keys(json.data ?? {})).not.toContain("aws_security_group");
      expect(Object.keys(json.data ?? {})).not.toContain("aws_iam_role");
    }
  });

  test("an adopted security group has its recorded name and description, also once the adopt entries are removed", () => {
    const input = adoptedInput();
    delete input.smtpHubs[0].adopt;
    delete input.accounts[0].adopt;
    const after = synthesized(input)["smtp-hub-us-east-1"].resource.aws_security_group;
    for (const group of [hub.resource.aws_security_group["email-smtp_0"], after["email-smtp_0"]]) {
      expect(group).toMatchObject({
        name: "ses-smtp-vpce-sg",
        description: "SMTP from resource accounts",
        egress: [],
      });
      expect(group.name_prefix).toBeUndefined();
      expect(group.lifecycle.ignore_changes).toBeUndefined();
    }
  });

  test("the adopted group's real name and description are checked at plan time against the recorded ones", () => {
    const guard = hub.resource.aws_security_group["email-smtp_0"].lifecycle.precondition[0];
    expect(hub.data.aws_security_group["adopted_email-smtp_0"].id).toBe("sg-0123456789abcdef0");
    expect(guard.condition).toBe(
      '${((data.aws_security_group.adopted_email-smtp_0.name == "ses-smtp-vpce-sg") && (data.aws_security_group.adopted_email-smtp_0.description == "SMTP from resource accounts"))}',
    );
    expect(guard.error_message).toContain(
      'smtpHubs[0].adopt.securityGroups[0]: security group sg-0123456789abcdef0 is named ${jsonencode(data.aws_security_group.adopted_email-smtp_0.name)} and described ${jsonencode(data.aws_security_group.adopted_email-smtp_0.description)}, but smtpHubs[0].securityGroups[0] records name "ses-smtp-vpce-sg" and description "SMTP from resource accounts".',
    );
  });

  test("adopted roles are checked at plan time to have the path / the stack's roles have", () => {
    for (const name of ["ses", "firehose"]) {
      const guard = account.resource.aws_iam_role[name].lifecycle.precondition[0];
      expect(account.data.aws_iam_role[`adopted_${name}`].name).toBe(`tf-${name}-role`);
      expect(guard.condition).toBe(`\${(data.aws_iam_role.adopted_${name}.path == "/")}`);
      expect(guard.error_message).toBe(
        `accounts[0].adopt.${name}Role: role tf-${name}-role has the path \${data.aws_iam_role.adopted_${name}.path}, but this stack's roles have the path /. Importing it would replace it (a role's path cannot change in place): leave it out of adopt and name the stack's role differently (the old role stays, unmanaged).`,
      );
    }
  });

  test("the adopted endpoint and zone are checked at plan time against the hub's VPC, service and name", () => {
    const endpoint = hub.resource.aws_vpc_endpoint["email-smtp"].lifecycle.precondition[0];
    expect(hub.data.aws_vpc_endpoint["adopted_email-smtp"].id).toBe("vpce-0123456789abcdef0");
    expect(endpoint.condition).toContain(
      `data.aws_vpc_endpoint.adopted_email-smtp.vpc_id == "${HUB_VPC}"`,
    );
    expect(endpoint.condition).toContain('service_name == "com.amazonaws.us-east-1.email-smtp"');
    expect(endpoint.error_message).toMatch(
      /^smtpHubs\[0\]\.adopt\.vpcEndpoint: endpoint vpce-0123456789abcdef0 is a /,
    );
    const zone = hub.resource.aws_route53_zone["email-smtp"].lifecycle;
    expect(zone.ignore_changes).toEqual(["vpc"]);
    expect(zone.precondition[0].condition).toContain('"email-smtp.us-east-1.amazonaws.com"');
    expect(zone.precondition[0].condition).toContain(
      "data.aws_route53_zone.adopted_email-smtp.private_zone == true",
    );
    expect(zone.precondition[0].error_message).toMatch(
      /^smtpHubs\[0\]\.adopt\.privateHostedZone: zone Z/,
    );
  });

  test("ids for resources the configuration does not create stop synthesis, naming every path at once", () => {
    // Validation refuses these (config/adopt-target-checks); the stacks keep the guard.
    const validated = config(adoptedInput());
    validated.smtpHubs[0].adopt!.securityGroups!.push(
      "sg-0123456789abcdef1",
      "sg-0123456789abcdef2",
    );
    validated.smtpHubs[0].securityGroups!.push(
      { name: "second", description: "x" },
      { name: "third", description: "x" },
    );
    const unasked = (shard: number) =>
      `smtpHubs[0].adopt.securityGroups[${shard}] names sg-0123456789abcdef${shard}, but stack smtp-hub-us-east-1 defines no aws_security_group.email-smtp_${shard} to adopt it into: the configuration does not ask for that resource (remove the entry, or configure what creates it).`;
    expect(() => buildStacks(Testing.app() as App, validated)).toThrow(
      `${unasked(1)}\n${unasked(2)}`,
    );
  });
});
