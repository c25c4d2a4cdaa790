import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Annotations, Fn, TerraformRemoteState, Token } from "cdktf";
import { Construct } from "constructs";
import type {
  AccountConfig,
  EventPublishingConfig,
  SendingConfig,
  StateConfig,
} from "../config/schema";
import { SesDomainIdentity } from "../constructs/ses-domain-identity";
import { SesReputationAlarms } from "../constructs/ses-reputation-alarms";
import { SesSmtpCredentials } from "../constructs/ses-smtp-credentials";
import { SMTP_ENDPOINT_DEFAULTS, sesSmtpHost } from "../constructs/smtp-endpoint";
import { SesEventPublishing } from "../constructs/ses-event-publishing";
import { SmtpZoneAssociation } from "../constructs/smtp-zone-association";
import { SesZoneAssociation } from "../constructs/ses-zone-association";
import { KeyGrant, statementsByKey } from "../private/kms";
import { accountStackName } from "../private/stack-names";
import { arn } from "../private/arn";
import { configurationSetArn } from "../constructs/ses-configuration-set";
import { SesStack } from "./ses-stack";
import { accountAdoptions, guardAdoptedRoles } from "./adoption";
import { LOCAL_STATE_DIR, accountProvider, stackOutput, stackOutputs } from "./stack-setup";
import { HUB_OUTPUTS, SmtpHubStack } from "./smtp-hub-stack";

export interface AccountStackProps {
  /**
   * The validated configuration of this account, as loadConfig returns it: the account's
   * `kmsKeyArn` is already the key of every section that names none of its own.
   */
  readonly account: AccountConfig;
  /** Where state is kept. */
  readonly state: StateConfig;
  /**
   * Tags applied to every resource, before the account's own tags.
   * @default {}
   */
  readonly tags?: Record<string, string>;
  /**
   * The hub of the account's region, when the account has `smtp`: the zone association reads the
   * hub's outputs, and the hub stack deploys first.
   * @default - no zone association
   */
  readonly smtpHub?: SmtpHubStack;
  /**
   * Where the account is in the configuration file, named in adoption messages and import comments.
   * @default "accounts[<name>]"
   */
  readonly configPath?: string;
}

/** What an account's `sending` entry creates. */
export interface AccountSending {
  readonly identity: SesDomainIdentity;
  /** Present when the account lists applications. */
  readonly smtpCredentials?: SesSmtpCredentials;
  readonly reputationAlarms: SesReputationAlarms;
}

/**
 * Everything one resource account owns, in its own state and with its own aliased provider:
 * destroying one account's stack cannot touch another's.
 */
export class AccountStack extends SesStack {
  /** The account's provider (alias: the account name). */
  public readonly accountProvider: AwsProvider;
  public readonly eventPublishing?: SesEventPublishing;
  public readonly smtpZoneAssociation?: SmtpZoneAssociation;
  /** The association with the hub's SES API zone, when the hub offers it and the account uses it. */
  public readonly apiZoneAssociation?: SesZoneAssociation;
  /** The account's identity, SMTP credentials and alarms, when it has `sending`. */
  public readonly sending?: AccountSending;

  constructor(scope: Construct, props: AccountStackProps) {
    const name = accountStackName(props.account.name);
    super(scope, name, props.state);
    const { account } = props;
    this.accountProvider = accountProvider(this, {
      alias: account.name,
      accountId: account.accountId,
      region: account.region,
      roleArn: account.roleArn,
      stackName: name,
      tags: { ...props.tags, ...account.tags },
    });
    if (account.eventPublishing) {
      this.eventPublishing = this.addEventPublishing(account, account.eventPublishing);
    }
    if (account.smtp) {
      if (!props.smtpHub) {
        throw new Error(
          `smtpHub is required for account ${account.name}, which has smtp; got none.`,
        );
      }
      this.addDependency(props.smtpHub);
      const hub = props.smtpHub;
      const hubOutputs = stackOutputs(this, `hub-${account.region}`, hub.stackName, props.state);
      this.smtpZoneAssociation = this.addZoneAssociation(account, hubOutputs);
      if (hub.apiEndpoint?.authorizations[account.name]) {
        this.apiZoneAssociation = this.addApiZoneAssociation(account, hubOutputs);
      }
    }
    if (account.sending) this.sending = this.addSending(account, account.sending, props.smtpHub);
    this.addKeyPolicyOutput();
    const adoptions = accountAdoptions(
      account.adopt,
      props.configPath ?? `accounts[${account.name}]`,
    );
    this.adopt(this.accountProvider, adoptions);
    guardAdoptedRoles(this, this.accountProvider, adoptions);
    if (this.sending?.smtpCredentials && !props.state.s3) this.warnSecretsInLocalState(name);
  }

  /**
   * The access keys' secrets and SMTP passwords are in this stack's state; with the local backend
   * that is a plain file on the machine that applies.
   */
  private warnSecretsInLocalState(name: string): void {
    Annotations.of(this).addWarning(
      `Stack ${name} has SMTP applications, so its local state ${LOCAL_STATE_DIR}/${name}.tfstate will hold their IAM secret access keys and SMTP passwords in plain text. Set state.s3 with a kmsKeyArn (S3 backend encrypted with your KMS key) and limit who can read the state bucket; see docs/security.md "State that holds secrets".`,
    );
  }

  /**
   * The statements the policies of the account's customer-managed KMS keys must contain, as JSON
   * by key ARN (output `kms_key_policy_statements`): the keys are the user's, so they are printed,
   * never applied.
   */
  private addKeyPolicyOutput(): void {
    const grants: KeyGrant[] = [
      ...(this.eventPublishing?.deliveryStream?.keyGrants ?? []),
      ...(this.sending?.smtpCredentials?.keyGrants ?? []),
      ...(this.sending?.reputationAlarms.keyGrants ?? []),
    ];
    if (grants.length === 0) return;
    stackOutput(
      this,
      "kms_key_policy_statements",
      JSON.stringify(statementsByKey(grants)),
      "Statements to add to each customer-managed KMS key's policy, by key ARN (JSON).",
    );
  }

  /** The account's own identity, SMTP users and reputation alarms (see docs/sending.md). */
  private addSending(
    account: AccountConfig,
    sending: SendingConfig,
    hub?: SmtpHubStack,
  ): AccountSending {
    const set = sending.configurationSet
      ? this.eventPublishing?.configurationSets[sending.configurationSet]
      : undefined;
    const identity = new SesDomainIdentity(this, "sending-identity", {
      accountProvider: this.accountProvider,
      region: account.region,
      domain: sending.domain,
      mailFromDomain: sending.mailFromDomain,
      dmarc: sending.dmarc,
      publicZoneId: sending.publicZoneId,
      configurationSetName: set?.configurationSetName,
    });
    stackOutput(this, "identity_arn", identity.identityArn, "The account's SES domain identity.");
    if (!sending.publicZoneId) {
      stackOutput(
        this,
        "identity_dns_records",
        identity.dnsRecords,
        "DNS records to create for DKIM, MAIL FROM and DMARC.",
      );
    }
    let smtpCredentials: SesSmtpCredentials | undefined;
    if (sending.applications.length > 0) {
      smtpCredentials = new SesSmtpCredentials(this, "smtp-credentials", {
        accountProvider: this.accountProvider,
        accountId: account.accountId,
        region: account.region,
        // Computed, not read from the resources: the policy stays known in plans that update them.
        identityArn: arn({ ...account, service: "ses", resource: `identity/${sending.domain}` }),
        configurationSetArns:
          set && sending.configurationSet
            ? [configurationSetArn(account.region, account.accountId, sending.configurationSet)]
            : [],
        applications: sending.applications,
        smtpHost: sesSmtpHost(account.region),
        smtpPorts: hub?.smtpPorts ?? SMTP_ENDPOINT_DEFAULTS.ports,
        secretKmsKeyArn: sending.secretKmsKeyArn,
        permissionsBoundaryArn: sending.permissionsBoundaryArn,
      });
      stackOutput(
        this,
        "smtp_secret_arns",
        smtpCredentials.secretArns,
        "Secrets Manager secrets with each application's SMTP host, ports, user name and password.",
      );
    }
    const reputationAlarms = new SesReputationAlarms(this, "reputation-alarms", {
      accountProvider: this.accountProvider,
      accountId: account.accountId,
      region: account.region,
      ...sending.alarms,
    });
    stackOutput(
      this,
      "alarm_topic_arn",
      reputationAlarms.topicArn,
      "SNS topic the reputation alarms notify.",
    );
    return { identity, smtpCredentials, reputationAlarms };
  }

  /**
   * Associates the account's VPC with the hub's zone. The VPC id is looked up in the hub's
   * `authorized_vpc_ids` output, so planning fails early, naming the account, until the hub stack
   * with this account's authorization has been deployed.
   */
  private addZoneAssociation(
    account: AccountConfig,
    hubOutputs: TerraformRemoteState,
  ): SmtpZoneAssociation {
    const association = new SmtpZoneAssociation(this, "smtp-zone-association", {
      accountProvider: this.accountProvider,
      privateHostedZoneId: hubOutputs.getString(HUB_OUTPUTS.privateHostedZoneId),
      vpcId: Token.asString(Fn.lookup(hubOutputs.get(HUB_OUTPUTS.authorizedVpcIds), account.name)),
      vpcRegion: account.region,
    });
    stackOutput(
      this,
      "smtp_host",
      hubOutputs.getString(HUB_OUTPUTS.smtpHost),
      "SMTP host for this account's applications.",
    );
    stackOutput(
      this,
      "smtp_ports",
      hubOutputs.get(HUB_OUTPUTS.smtpPorts),
      "SMTP ports open to this account.",
    );
    return association;
  }

  /** Associates the account's VPC with the hub's SES API zone, like the SMTP zone. */
  private addApiZoneAssociation(
    account: AccountConfig,
    hubOutputs: TerraformRemoteState,
  ): SesZoneAssociation {
    const association = new SesZoneAssociation(this, "api-zone-association", {
      accountProvider: this.accountProvider,
      service: "api",
      privateHostedZoneId: hubOutputs.getString(HUB_OUTPUTS.apiPrivateHostedZoneId),
      vpcId: Token.asString(
        Fn.lookup(hubOutputs.get(HUB_OUTPUTS.apiAuthorizedVpcIds), account.name),
      ),
      vpcRegion: account.region,
    });
    stackOutput(
      this,
      "ses_api_host",
      hubOutputs.getString(HUB_OUTPUTS.apiHost),
      "SES API host for this account's SDK clients, resolved through the hub.",
    );
    return association;
  }

  private addEventPublishing(
    account: AccountConfig,
    config: EventPublishingConfig,
  ): SesEventPublishing {
    const publishing = new SesEventPublishing(this, "event-publishing", {
      accountProvider: this.accountProvider,
      accountId: account.accountId,
      region: account.region,
      configurationSets: config.configurationSets,
      sesRoleName: config.sesRoleName,
      iamPropagationSeconds: config.iamPropagationSeconds,
      bucket: {
        ...config.bucket,
        bucketName: config.bucket.name,
      },
      deliveryStream: {
        ...config.deliveryStream,
        deliveryStreamName: config.deliveryStream.name,
        logGroupName: config.logs.groupName,
        logStreamName: config.logs.streamName,
        logRetentionDays: config.logs.retentionDays,
        logKmsKeyArn: config.logs.kmsKeyArn,
      },
    });
    stackOutput(
      this,
      "configuration_set_names",
      Object.keys(publishing.configurationSets)
        .sort()
        .map((name) => publishing.configurationSets[name].configurationSetName),
      "SES configuration sets of this account.",
    );
    if (publishing.deliveryStream && publishing.bucket) {
      const stream = publishing.deliveryStream;
      stackOutput(
        this,
        "delivery_stream_arn",
        stream.deliveryStreamArn,
        "Firehose stream of the events.",
      );
      stackOutput(
        this,
        "event_bucket_name",
        publishing.bucket.bucketName,
        "S3 bucket the events land in.",
      );
      stackOutput(
        this,
        "ses_role_arn",
        publishing.sesRoleArn,
        "Role SES assumes to put events into Firehose.",
      );
      stackOutput(
        this,
        "firehose_role_arn",
        stream.firehoseRoleArn,
        "Role Firehose assumes to write to S3.",
      );
    }
    return publishing;
  }
}
