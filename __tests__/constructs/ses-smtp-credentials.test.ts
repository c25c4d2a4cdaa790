import { IamAccessKey } from "@cdktf/provider-aws/lib/iam-access-key";
import { IamGroup } from "@cdktf/provider-aws/lib/iam-group";
import { IamUser } from "@cdktf/provider-aws/lib/iam-user";
import { IamUserGroupMembership } from "@cdktf/provider-aws/lib/iam-user-group-membership";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import {
  SesSmtpCredentials,
  SesSmtpCredentialsProps,
} from "../../src/constructs/ses-smtp-credentials";
import { HeldPolicy, heldPolicies } from "../../test-support/policies";
import { parsed, synthWithProvider } from "../../test-support/scope";

const IDENTITY_ARN = "arn:aws:ses:us-east-1:222222222222:identity/example.com";
const SET_ARN = "arn:aws:ses:us-east-1:222222222222:configuration-set/transactional";

function synth(props: Partial<SesSmtpCredentialsProps> = {}): string {
  return synthWithProvider((scope, accountProvider) => {
    new SesSmtpCredentials(scope, "smtp", {
      accountProvider,
      accountId: "222222222222",
      region: "us-east-1",
      identityArn: IDENTITY_ARN,
      applications: [{ name: "billing" }],
      smtpHost: "email-smtp.us-east-1.amazonaws.com",
      smtpPorts: [587],
      ...props,
    });
  });
}

const documents = (synthesized: string): HeldPolicy[] => heldPolicies(parsed(synthesized));
const resources = (synthesized: string, type: string): Record<string, any> =>
  parsed(synthesized).resource[type] ?? {};

/** The policy document of the group the user `<prefix>-<app>` is in. */
function policyOf(synthesized: string, userName: string): any {
  const [groupKey] = Object.entries(resources(synthesized, "aws_iam_group")).find(
    ([, group]) => group.name === userName,
  )!;
  const [policy] = Object.values(resources(synthesized, "aws_iam_group_policy")).filter(
    (p: any) => p.group === `\${aws_iam_group.${groupKey}.name}`,
  );
  return JSON.parse(policy.policy);
}

describe("SesSmtpCredentials", () => {
  let synthesized: string;
  beforeAll(() => {
    synthesized = synth();
  });

  test("creates one IAM user per application under the /ses-smtp/ path", () => {
    expect(synthesized).toHaveResourceWithProperties(IamUser, {
      name: "ses-smtp-billing",
      path: "/ses-smtp/",
      provider: "aws.test",
    });
  });

  test("puts each user in its own group, with a non-exclusive membership", () => {
    expect(synthesized).toHaveResourceWithProperties(IamGroup, {
      name: "ses-smtp-billing",
      path: "/ses-smtp/",
    });
    expect(synthesized).toHaveResourceWithProperties(IamUserGroupMembership, {
      user: expect.stringMatching(/^\$\{aws_iam_user\..+\.name\}$/),
      groups: [expect.stringMatching(/^\$\{aws_iam_group\..+\.name\}$/)],
    });
    expect(resources(synthesized, "aws_iam_group_membership")).toEqual({});
    expect(resources(synthesized, "aws_iam_user_policy")).toEqual({});
  });

  test("creates an access key for the user", () => {
    expect(synthesized).toHaveResourceWithProperties(IamAccessKey, {
      user: expect.stringMatching(/^\$\{aws_iam_user\..+\.name\}$/),
    });
  });

  test("allows only ses:SendRawEmail on the identity, with no condition, by default", () => {
    const [document] = documents(synthesized);
    expect(document.Statement).toEqual([
      {
        Sid: "SendAsIdentity",
        Effect: "Allow",
        Action: ["ses:SendRawEmail"],
        Resource: [IDENTITY_ARN],
      },
    ]);
  });

  test("adds ses:SendEmail only for an application that asks for it", () => {
    const both = synth({
      applications: [{ name: "billing", allowSendEmail: true }, { name: "alerts" }],
    });
    expect(policyOf(both, "ses-smtp-billing").Statement[0].Action).toEqual([
      "ses:SendEmail",
      "ses:SendRawEmail",
    ]);
    expect(policyOf(both, "ses-smtp-alerts").Statement[0].Action).toEqual(["ses:SendRawEmail"]);
  });

  test("restricts the sender with ses:FromAddress for that application only", () => {
    const mixed = synth({
      applications: [
        { name: "billing", fromAddresses: ["billing@example.com", "*@invoices.example.com"] },
        { name: "alerts" },
      ],
    });
    expect(policyOf(mixed, "ses-smtp-billing").Statement[0].Condition).toEqual({
      StringLike: { "ses:FromAddress": ["billing@example.com", "*@invoices.example.com"] },
    });
    expect(policyOf(mixed, "ses-smtp-alerts").Statement[0].Condition).toBeUndefined();
  });

  test("also allows sending on the configuration sets the applications name", () => {
    const [document] = documents(synth({ configurationSetArns: [SET_ARN] }));
    expect(document.Statement[0].Resource).toEqual([IDENTITY_ARN, SET_ARN]);
  });

  test("no policy allows a wildcard action or resource, or anything but sending", () => {
    const all = synth({
      applications: [{ name: "billing", allowSendEmail: true }, { name: "alerts" }],
      configurationSetArns: [SET_ARN],
    });
    for (const document of documents(all)) {
      for (const statement of document.Statement) {
        expect(statement.Effect).toBe("Allow");
        for (const action of statement.Action) {
          expect(["ses:SendEmail", "ses:SendRawEmail"]).toContain(action);
        }
        for (const resource of statement.Resource) expect(resource).not.toMatch(/\*/);
        expect(statement.NotAction).toBeUndefined();
        expect(statement.NotResource).toBeUndefined();
      }
    }
  });

  test("stores host, ports, access key id, SMTP password and region as the secret's JSON", () => {
    expect(synthesized).toHaveResourceWithProperties(SecretsmanagerSecretVersion, {
      secret_id: expect.stringMatching(/^\$\{aws_secretsmanager_secret\..+\.id\}$/),
      secret_string: expect.stringMatching(
        /^\$\{jsonencode\(\{"host" = "email-smtp\.us-east-1\.amazonaws\.com", "ports" = \[587\], "username" = aws_iam_access_key\.([\w-]+)\.id, "password" = aws_iam_access_key\.\1\.ses_smtp_password_v4, "region" = "us-east-1"\}\)\}$/,
      ),
    });
  });

  test("writes the secret only once the user's policy and membership exist", () => {
    const [version] = Object.values(resources(synthesized, "aws_secretsmanager_secret_version"));
    expect((version as any).depends_on).toEqual([
      expect.stringMatching(/^aws_iam_group_policy\./),
      expect.stringMatching(/^aws_iam_user_group_membership\./),
    ]);
  });

  test("the SMTP password appears only in the secret version's secret_string", () => {
    const many = synth({ applications: [{ name: "billing" }, { name: "alerts" }] });
    const json = parsed(many);
    expect(json.output).toBeUndefined();
    const mentions: string[] = [];
    const walk = (value: unknown, path: string): void => {
      if (typeof value === "string" && value.includes("ses_smtp_password")) mentions.push(path);
      else if (value && typeof value === "object") {
        for (const [key, child] of Object.entries(value)) walk(child, `${path}.${key}`);
      }
    };
    walk(json, "");
    expect(mentions.sort()).toEqual(
      Object.keys(json.resource.aws_secretsmanager_secret_version)
        .map((name) => `.resource.aws_secretsmanager_secret_version.${name}.secret_string`)
        .sort(),
    );
    expect(mentions).toHaveLength(2);
  });

  test("names the secret <prefix>/<app>, with a 7-day recovery window and the default key", () => {
    expect(synthesized).toHaveResourceWithProperties(SecretsmanagerSecret, {
      name: "ses-smtp/billing",
      recovery_window_in_days: 7,
    });
    const [secret] = Object.values(resources(synthesized, "aws_secretsmanager_secret"));
    expect(secret).not.toHaveProperty("kms_key_id");
  });

  test("encrypts the secret with the given KMS key", () => {
    const key = "arn:aws:kms:us-east-1:222222222222:key/abcd";
    expect(synth({ secretKmsKeyArn: key })).toHaveResourceWithProperties(SecretsmanagerSecret, {
      kms_key_id: key,
    });
  });

  test("uses the name prefix for users, groups, paths and secrets", () => {
    const custom = synth({ namePrefix: "mail" });
    expect(custom).toHaveResourceWithProperties(IamUser, { name: "mail-billing", path: "/mail/" });
    expect(custom).toHaveResourceWithProperties(IamGroup, { name: "mail-billing" });
    expect(custom).toHaveResourceWithProperties(SecretsmanagerSecret, { name: "mail/billing" });
  });

  test("an application name IAM rejects is refused in the constructor", () => {
    expect(() => synth({ applications: [{ name: "billing app" }] })).toThrow(
      'applications[0].name must be 1-64 characters of letters, digits and + = . @ _ -; got "billing app".',
    );
  });

  test("an application name with a comma, which secret names reject, is refused", () => {
    expect(() => synth({ applications: [{ name: "billing,eu" }] })).toThrow(
      'applications[0].name must be 1-64 characters of letters, digits and + = . @ _ -; got "billing,eu".',
    );
  });

  test("an application name that makes the user name longer than 64 is refused", () => {
    expect(() => synth({ applications: [{ name: "a".repeat(56) }] })).toThrow(
      `applications[0].name must be at most 55 characters, so that the IAM user name ses-smtp-<name> fits in 64; got "${"a".repeat(56)}".`,
    );
  });

  test("an application name of exactly the longest length is allowed", () => {
    expect(synth({ applications: [{ name: "a".repeat(55) }] })).toHaveResourceWithProperties(
      IamUser,
      { name: `ses-smtp-${"a".repeat(55)}` },
    );
  });

  test("repeated application names are refused in the constructor", () => {
    expect(() => synth({ applications: [{ name: "billing" }, { name: "billing" }] })).toThrow(
      'applications names must be unique among the sending applications; got "billing" twice.',
    );
  });

  test("no application is refused in the constructor", () => {
    expect(() => synth({ applications: [] })).toThrow(
      "applications must list at least one sending application; got none.",
    );
  });

  test("a sender address that is not an address is refused in the constructor", () => {
    expect(() =>
      synth({ applications: [{ name: "billing", fromAddresses: ["billing"] }] }),
    ).toThrow(
      'applications[0].fromAddresses[0] must be an email address, or one with * and ? in the local part, such as noreply@example.com or *@example.com; got "billing".',
    );
  });

  test("an empty sender list is refused rather than read as any sender", () => {
    expect(() => synth({ applications: [{ name: "billing", fromAddresses: [] }] })).toThrow(
      "applications[0].fromAddresses must list at least one address when set (leave it out to allow any); got none.",
    );
  });

  test("an identity ARN of another account is refused in the constructor", () => {
    expect(() =>
      synth({ identityArn: "arn:aws:ses:us-east-1:333333333333:identity/example.com" }),
    ).toThrow(
      'identityArn must be an SES identity ARN of account 222222222222 in us-east-1 such as arn:aws:ses:us-east-1:222222222222:identity/example.com; got "arn:aws:ses:us-east-1:333333333333:identity/example.com".',
    );
  });

  test("a configuration set ARN that is not one is refused in the constructor", () => {
    expect(() => synth({ configurationSetArns: [IDENTITY_ARN] })).toThrow(
      `configurationSetArns[0] must be an SES configuration-set ARN of account 222222222222 in us-east-1 such as arn:aws:ses:us-east-1:222222222222:configuration-set/transactional; got "${IDENTITY_ARN}".`,
    );
  });

  test("a region other than the provider's, for which the password would be wrong, is refused", () => {
    expect(() =>
      synth({
        region: "eu-west-1",
        identityArn: "arn:aws:ses:eu-west-1:222222222222:identity/example.com",
      }),
    ).toThrow(
      'region must be the account provider\'s region us-east-1, for which the SMTP password is derived; got "eu-west-1".',
    );
  });

  test("an SMTP port SES does not offer is refused in the constructor", () => {
    expect(() => synth({ smtpPorts: [587, 2525] })).toThrow(
      "smtpPorts[1] must be one of 25, 465, 587, 2465, 2587; got 2525.",
    );
  });

  test("all five SES SMTP ports are allowed", () => {
    expect(synth({ smtpPorts: [25, 465, 587, 2465, 2587] })).toHaveResourceWithProperties(
      SecretsmanagerSecretVersion,
      { secret_string: expect.stringContaining('"ports" = [25, 465, 587, 2465, 2587]') },
    );
  });

  test("a secret key that is not a KMS key ARN is refused in the constructor", () => {
    expect(() => synth({ secretKmsKeyArn: "alias/aws/secretsmanager" })).toThrow(
      'secretKmsKeyArn must be a KMS key ARN such as arn:aws:kms:us-east-1:123456789012:key/<key id> (not an alias: IAM policies grant keys, not aliases); got "alias/aws/secretsmanager".',
    );
  });

  test("an empty port list is refused in the constructor", () => {
    expect(() => synth({ smtpPorts: [] })).toThrow(
      "smtpPorts must list at least one of 25, 465, 587, 2465, 2587; got none.",
    );
  });

  test("a name prefix IAM or Secrets Manager rejects is refused in the constructor", () => {
    expect(() => synth({ namePrefix: "ses/smtp" })).toThrow(
      'namePrefix must be 1-64 characters of letters, digits and + = . @ _ -; got "ses/smtp".',
    );
  });

  test("an SMTP host that is not a host name is refused in the constructor", () => {
    expect(() => synth({ smtpHost: "smtp://email-smtp.us-east-1.amazonaws.com" })).toThrow(
      'smtpHost must be a lowercase domain name such as example.com; got "smtp://email-smtp.us-east-1.amazonaws.com".',
    );
  });

  test("an account id that is not 12 digits is refused in the constructor", () => {
    expect(() => synth({ accountId: "22222222222" })).toThrow(
      'accountId must be exactly 12 digits (quote it in YAML so leading zeros survive); got "22222222222".',
    );
  });

  test("the access key is replaced, new key first, when the application's rotation changes", () => {
    const rotated = synth({ applications: [{ name: "billing", rotation: "2026-11" }] });
    const [[dataKey, data]] = Object.entries(resources(rotated, "terraform_data"));
    expect(data).toEqual({ input: { rotation: "2026-11" } });
    expect(rotated).toHaveResourceWithProperties(IamAccessKey, {
      lifecycle: {
        create_before_destroy: true,
        replace_triggered_by: [`terraform_data.${dataKey}`],
      },
    });
  });

  test("without a rotation label the rotation holds a constant, so nothing is replaced until one is set", () => {
    expect(Object.values(resources(synthesized, "terraform_data"))).toEqual([
      { input: { rotation: "initial" } },
    ]);
  });

  test("a permissions boundary is set on every SMTP user", () => {
    const boundary = "arn:aws:iam::222222222222:policy/ses-smtp-boundary";
    expect(synth({ permissionsBoundaryArn: boundary })).toHaveResourceWithProperties(IamUser, {
      name: "ses-smtp-billing",
      permissions_boundary: boundary,
    });
  });

  test("a permissions boundary that is not an IAM policy ARN is refused in the constructor", () => {
    expect(() => synth({ permissionsBoundaryArn: "ses-smtp-boundary" })).toThrow(
      'permissionsBoundaryArn must be an IAM managed policy ARN such as arn:aws:iam::123456789012:policy/ses-smtp-boundary; got "ses-smtp-boundary".',
    );
  });

  test("a secret key in another partition is refused in the constructor", () => {
    const key = "arn:aws-us-gov:kms:us-east-1:222222222222:key/1234abcd";
    expect(() => synth({ secretKmsKeyArn: key })).toThrow(
      `secretKmsKeyArn must be a KMS key in the resource's region us-east-1 (partition aws); the key is in us-east-1 (partition aws-us-gov), and KMS keys are regional; got "${key}".`,
    );
  });
});
