import { Testing } from "cdktf";
import { buildStacks } from "../../src/app";
import { exampleConfig, frozen } from "../../test-support/fixtures";
import { policyAt } from "../../test-support/policies";

describe("AccountStack sending", () => {
  let tutorial: any;
  let grafana: any;
  beforeAll(() => {
    const stacks = buildStacks(Testing.app(), exampleConfig());
    [grafana, tutorial] = ["grafana", "tutorial"].map((name) =>
      frozen(
        JSON.parse(Testing.synth(stacks.accountStacks.find((s) => s.node.id === `ses-${name}`)!)),
      ),
    );
  });

  test("the identity's default configuration set is the account's configuration set", () => {
    const [identity] = Object.values(tutorial.resource.aws_sesv2_email_identity) as any[];
    expect(identity.email_identity).toBe("tutorial.example.com");
    expect(identity.configuration_set_name).toMatch(/^\$\{aws_ses_configuration_set\..+\.name\}$/);
  });

  test("without a public zone the DNS records are an output; with one they are Route 53 records", () => {
    expect(tutorial.output.identity_dns_records).toBeDefined();
    expect(tutorial.resource.aws_route53_record).toBeUndefined();
    expect(grafana.output.identity_dns_records).toBeUndefined();
    const records = Object.values(grafana.resource.aws_route53_record) as any[];
    expect(records.map((r) => r.type).sort()).toEqual(["CNAME", "CNAME", "CNAME", "MX", "TXT"]);
    for (const record of records) expect(record.zone_id).toBe("Z0123456789ABCDEFGHIJ");
  });

  test("the SMTP secret holds the endpoint host and the hub's ports", () => {
    const [version] = Object.values(tutorial.resource.aws_secretsmanager_secret_version) as any[];
    expect(version.secret_string).toContain('"host" = "email-smtp.us-east-1.amazonaws.com"');
    expect(version.secret_string).toContain('"ports" = [587]');
    expect(version.secret_string).toMatch(
      /"password" = aws_iam_access_key\..+\.ses_smtp_password_v4/,
    );
  });

  test("no output carries an SMTP password or access key secret", () => {
    for (const stack of [tutorial, grafana]) {
      const outputs = JSON.stringify(stack.output);
      expect(outputs).not.toMatch(/ses_smtp_password_v4|\.secret\}/);
    }
  });

  test("the sending policy is scoped to the identity and the configuration set, with only SendRawEmail", () => {
    const policy = policyAt(grafana, "aws_iam_group_policy.grafana");
    // The identity's ARN is computed, not read from the identity: known at plan time.
    expect(policy.Statement).toEqual([
      expect.objectContaining({
        Action: ["ses:SendRawEmail"],
        Resource: [
          "arn:aws:ses:us-east-1:222222222222:identity/grafana.example.com",
          "arn:aws:ses:us-east-1:222222222222:configuration-set/grafana-events",
        ],
        Condition: { StringLike: { "ses:FromAddress": ["grafana@grafana.example.com"] } },
      }),
    ]);
  });

  test("reputation alarms notify the account's topic, and the send-volume alarm watches the campaign", () => {
    const alarms = Object.values(tutorial.resource.aws_cloudwatch_metric_alarm) as any[];
    expect(alarms.map((a) => [a.metric_name, a.threshold]).sort()).toEqual([
      ["Reputation.BounceRate", 0.04],
      ["Reputation.ComplaintRate", 0.0008],
      ["Send", 1000],
    ]);
    expect(alarms.find((a) => a.metric_name === "Send").dimensions).toEqual({ campaign: "test" });
    for (const alarm of alarms)
      expect(alarm.alarm_actions).toEqual([expect.stringMatching(/^\$\{aws_sns_topic\./)]);
  });

  test("sending resources use the account's provider", () => {
    for (const type of [
      "aws_sesv2_email_identity",
      "aws_iam_user",
      "aws_secretsmanager_secret",
      "aws_sns_topic",
      "aws_cloudwatch_metric_alarm",
    ]) {
      for (const resource of Object.values(tutorial.resource[type]) as any[])
        expect(resource.provider).toBe("aws.tutorial");
    }
  });
});
