import { IamAccessKey } from "@cdktf/provider-aws/lib/iam-access-key";
import { IamGroup } from "@cdktf/provider-aws/lib/iam-group";
import { IamGroupPolicy } from "@cdktf/provider-aws/lib/iam-group-policy";
import { IamUser } from "@cdktf/provider-aws/lib/iam-user";
import { IamUserGroupMembership } from "@cdktf/provider-aws/lib/iam-user-group-membership";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import { DataResource, Fn } from "cdktf";
import { Construct } from "constructs";
import { named } from "../private/addresses";
import { arn } from "../private/arn";
import { PolicyStatement, policyDocument } from "../private/iam-policy";
import type { SmtpSecret } from "../private/smtp-secret";
import { KeyGrant, checkKeyRegion, secretsKeyStatement } from "../private/kms";
import { MAX_IAM_USER_NAME_LENGTH, RULES, SENDING_RULES, SMTP_PORTS } from "../private/aws-facts";
import { check, checkOneOf, checkUnique, isToken, show } from "../private/validation";
import { SMTP_CREDENTIALS_DEFAULTS, smtpCredentialNames } from "../private/construct-defaults";
export { SMTP_CREDENTIALS_DEFAULTS, smtpCredentialNames };

/** An application that sends through the SMTP interface with its own credentials. */
export interface SmtpApplication {
  /**
   * Application name: the IAM user is `<namePrefix>-<name>` and the secret `<namePrefix>/<name>`
   * (letters, digits and + = . @ _ -; the user name is at most 64 characters).
   */
  readonly name: string;
  /**
   * Also allow `ses:SendEmail` (the API's formatted send), not only `ses:SendRawEmail`.
   * @default false - only ses:SendRawEmail, which is what SMTP uses
   */
  readonly allowSendEmail?: boolean;
  /**
   * Sender addresses the application may use (`ses:FromAddress`, `*` and `?` allowed in the local part).
   * @default - any address of the identity
   */
  readonly fromAddresses?: readonly string[];
  /**
   * The current rotation of the application's access key, any label such as `2026-11`. Changing
   * it replaces the access key (the new one is created first) and updates the secret in the same
   * apply; the old key is deleted at the end of that apply.
   * @default - no label: the key stays until one is set (setting the first label also rotates)
   */
  readonly rotation?: string;
}

export interface SesSmtpCredentialsProps {
  /** The AWS provider of the account that sends; the SMTP password is derived for its region. */
  readonly accountProvider: AwsProvider;
  /** The 12-digit id of that account. */
  readonly accountId: string;
  /** The account's region, where the identity is and the SMTP password is valid. */
  readonly region: string;
  /** ARN of the SES identity the applications send as. */
  readonly identityArn: string;
  /**
   * ARNs of the configuration sets the applications name (in a header or as the identity's
   * default): SES also authorizes the send on the configuration set.
   * @default []
   */
  readonly configurationSetArns?: readonly string[];
  /** The applications, at least one, with unique names. */
  readonly applications: readonly SmtpApplication[];
  /** SMTP host stored in the secret, for example `email-smtp.us-east-1.amazonaws.com`. */
  readonly smtpHost: string;
  /** SMTP ports stored in the secret (any of 25, 465, 587, 2465, 2587). */
  readonly smtpPorts: readonly number[];
  /**
   * KMS key that encrypts the secrets.
   * @default - the account's AWS managed key aws/secretsmanager
   */
  readonly secretKmsKeyArn?: string;
  /**
   * Prefix of the IAM user, group and path names and of the secret names.
   * @default "ses-smtp"
   */
  readonly namePrefix?: string;
  /**
   * ARN of an IAM managed policy set as the permissions boundary of every SMTP user: the most the
   * users can ever be allowed, whatever policy is attached later.
   * @default - no permissions boundary
   */
  readonly permissionsBoundaryArn?: string;
}

/** The rotation label of a key that has never been rotated declaratively. */
const NO_ROTATION = "initial";

/** Days a deleted secret can be restored; its access key is deleted at once, so keep it short. */
const SECRET_RECOVERY_WINDOW_DAYS = 7;

/**
 * SES SMTP credentials, one set per application: an IAM user under the path `/<namePrefix>/`, an
 * access key, and a Secrets Manager secret holding `{"host", "ports", "username", "password",
 * "region"}`, where the password is the key's region-bound SMTP password
 * (`ses_smtp_password_v4`). The password is in no output: only in the secret and, unavoidably, in
 * the Terraform state of the access key.
 *
 * Each application gets its own group with one inline policy, because permissions differ per
 * application (`ses:SendEmail`, `ses:FromAddress`), and a group policy applies to every member:
 * one shared group would give every application the loosest permissions. A group per application
 * rather than an `aws_iam_user_policy` keeps policies off users (CKV_AWS_40). The policy allows
 * only `ses:SendRawEmail` (and `ses:SendEmail` if asked) on the identity and the configuration sets.
 * Membership uses `aws_iam_user_group_membership`, which is not exclusive across the account.
 * Rotation is declarative: the access key is `replace_triggered_by` a `terraform_data` holding the
 * application's `rotation` label, so changing the label replaces the key and rewrites the secret
 * in one apply.
 *
 * Emits per application `aws_iam_user`, `aws_iam_group`, `aws_iam_group_policy`,
 * `aws_iam_user_group_membership`, `terraform_data` (the rotation), `aws_iam_access_key`,
 * `aws_secretsmanager_secret` and `aws_secretsmanager_secret_version`. Addresses:
 * `<type>.<application>` and the rotation `terraform_data.<application>_rotation`.
 */
export class SesSmtpCredentials extends Construct {
  /** Secret ARNs, by application name. */
  public readonly secretArns: Record<string, string> = {};
  /** IAM user names, by application name. */
  public readonly userNames: Record<string, string> = {};
  /** The IAM users, by application name. */
  public readonly users: Record<string, IamUser> = {};
  /** The statement the secret key's policy must contain, when the secrets have one. */
  public readonly keyGrants: KeyGrant[];

  constructor(scope: Construct, id: string, props: SesSmtpCredentialsProps) {
    super(scope, id);
    validate(props);
    for (const application of props.applications) this.addApplication(application, props);
    const where = { accountId: props.accountId, region: props.region };
    this.keyGrants = props.secretKmsKeyArn
      ? [{ keyArn: props.secretKmsKeyArn, statement: secretsKeyStatement(where) }]
      : [];
  }

  private addApplication(app: SmtpApplication, props: SesSmtpCredentialsProps): void {
    const provider = props.accountProvider;
    const prefix = props.namePrefix ?? SMTP_CREDENTIALS_DEFAULTS.namePrefix;
    const names = smtpCredentialNames(app.name, prefix);
    const name = names.userName;
    const path = `/${prefix}/`;
    const user = new IamUser(this, `user-${app.name}`, {
      provider,
      name,
      path,
      permissionsBoundary: props.permissionsBoundaryArn,
    });
    named(user, app.name);
    const group = named(
      new IamGroup(this, `group-${app.name}`, { provider, name, path }),
      app.name,
    );
    const policy = new IamGroupPolicy(this, `group-policy-${app.name}`, {
      provider,
      name: "ses-send",
      group: group.name,
      policy: policyDocument([sendStatement(app, props)]),
    });
    const membership = new IamUserGroupMembership(this, `membership-${app.name}`, {
      provider,
      user: user.name,
      groups: [group.name],
    });
    const rotation = new DataResource(this, `rotation-${app.name}`, {
      input: { rotation: app.rotation ?? NO_ROTATION },
    });
    named(policy, app.name);
    named(membership, app.name);
    named(rotation, app.name, "rotation");
    const key = new IamAccessKey(this, `access-key-${app.name}`, {
      provider,
      user: user.name,
      // Two keys exist during a rotation (IAM allows two per user): readers of the secret move
      // to the new one before the old one is deleted. The trigger is a plain address because
      // cdktf renders a resource as "${…}", which replace_triggered_by rejects in JSON syntax.
      lifecycle: {
        createBeforeDestroy: true,
        replaceTriggeredBy: [`${rotation.terraformResourceType}.${rotation.friendlyUniqueId}`],
      },
    });
    named(key, app.name);
    const secret = new SecretsmanagerSecret(this, `secret-${app.name}`, {
      provider,
      name: names.secretName,
      description: `SES SMTP credentials of ${app.name} (IAM user ${name}) in ${props.region}.`,
      kmsKeyId: props.secretKmsKeyArn,
      recoveryWindowInDays: SECRET_RECOVERY_WINDOW_DAYS,
    });
    named(secret, app.name);
    const version = new SecretsmanagerSecretVersion(this, `secret-version-${app.name}`, {
      provider,
      secretId: secret.id,
      secretString: Fn.jsonencode({
        host: props.smtpHost,
        ports: [...props.smtpPorts],
        username: key.id,
        password: key.sesSmtpPasswordV4,
        region: props.region,
      } satisfies Record<keyof SmtpSecret, unknown>),
      // Readers of the secret find credentials that are already allowed to send.
      dependsOn: [policy, membership],
    });
    named(version, app.name);
    this.users[app.name] = user;
    this.userNames[app.name] = user.name;
    this.secretArns[app.name] = secret.arn;
  }
}

/** The one statement of an application's policy: send, as the identity, nothing else. */
function sendStatement(app: SmtpApplication, props: SesSmtpCredentialsProps): PolicyStatement {
  return {
    Sid: "SendAsIdentity",
    Effect: "Allow",
    Action:
      (app.allowSendEmail ?? SMTP_CREDENTIALS_DEFAULTS.allowSendEmail)
        ? ["ses:SendEmail", "ses:SendRawEmail"]
        : ["ses:SendRawEmail"],
    Resource: [props.identityArn, ...(props.configurationSetArns ?? [])],
    ...(app.fromAddresses
      ? { Condition: { StringLike: { "ses:FromAddress": [...app.fromAddresses] } } }
      : {}),
  };
}

function validate(props: SesSmtpCredentialsProps): void {
  check("accountId", props.accountId, RULES.accountId);
  check("region", props.region, RULES.region);
  const providerRegion = props.accountProvider.region;
  if (providerRegion !== undefined && !isToken(providerRegion) && !isToken(props.region)) {
    if (providerRegion !== props.region) {
      throw new Error(
        `region must be the account provider's region ${providerRegion}, for which the SMTP password is derived; got ${show(props.region)}.`,
      );
    }
  }
  checkSesArn("identityArn", props.identityArn, props, "identity", "example.com");
  (props.configurationSetArns ?? []).forEach((setArn, i) =>
    checkSesArn(`configurationSetArns[${i}]`, setArn, props, "configuration-set", "transactional"),
  );
  check("smtpHost", props.smtpHost, RULES.domainName);
  if (props.smtpPorts.length === 0) {
    throw new Error(`smtpPorts must list at least one of ${SMTP_PORTS.join(", ")}; got none.`);
  }
  props.smtpPorts.forEach((port, i) =>
    checkOneOf(`smtpPorts[${i}]`, port, SMTP_PORTS as readonly number[]),
  );
  check("secretKmsKeyArn", props.secretKmsKeyArn, RULES.kmsKeyArn);
  checkKeyRegion("secretKmsKeyArn", props.secretKmsKeyArn, props.region);
  check("permissionsBoundaryArn", props.permissionsBoundaryArn, SENDING_RULES.iamPolicyArn);
  const prefix = props.namePrefix ?? SMTP_CREDENTIALS_DEFAULTS.namePrefix;
  check("namePrefix", props.namePrefix, SENDING_RULES.smtpName);
  validateApplications(props.applications, prefix);
}

function validateApplications(applications: readonly SmtpApplication[], prefix: string): void {
  if (applications.length === 0) {
    throw new Error("applications must list at least one sending application; got none.");
  }
  const longest = MAX_IAM_USER_NAME_LENGTH - prefix.length - 1;
  applications.forEach((app, i) => {
    check(`applications[${i}].name`, app.name, SENDING_RULES.smtpName);
    if (app.name.length > longest) {
      throw new Error(
        `applications[${i}].name must be at most ${longest} characters, so that the IAM user name ${prefix}-<name> fits in ${MAX_IAM_USER_NAME_LENGTH}; got ${show(app.name)}.`,
      );
    }
    if (app.fromAddresses?.length === 0) {
      throw new Error(
        `applications[${i}].fromAddresses must list at least one address when set (leave it out to allow any); got none.`,
      );
    }
    check(`applications[${i}].rotation`, app.rotation, SENDING_RULES.rotation);
    app.fromAddresses?.forEach((address, j) =>
      check(`applications[${i}].fromAddresses[${j}]`, address, SENDING_RULES.fromAddress),
    );
  });
  checkUnique(
    "applications names",
    applications.map((app) => app.name),
    "among the sending applications",
  );
}

/** Throws unless a plain ARN names an SES resource of `type` in this account and region. */
function checkSesArn(
  field: string,
  value: string,
  props: SesSmtpCredentialsProps,
  type: "identity" | "configuration-set",
  exampleName: string,
): void {
  if (isToken(value) || isToken(props.accountId) || isToken(props.region)) return;
  const sesArn = (name: string): string =>
    arn({
      region: props.region,
      accountId: props.accountId,
      service: "ses",
      resource: `${type}/${name}`,
    });
  if (!value.startsWith(sesArn("")) || value === sesArn("")) {
    throw new Error(
      `${field} must be an SES ${type} ARN of account ${props.accountId} in ${props.region} such as ${sesArn(exampleName)}; got ${show(value)}.`,
    );
  }
}
