import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import type { AccountConfig, EventPublishingConfig, StateConfig } from "../config/schema";
import { SesEventPublishing } from "../constructs/ses-event-publishing";
import { accountProvider, stateBackend } from "../private/stack-setup";

export interface AccountStackProps {
  /** The validated configuration of this account. */
  readonly account: AccountConfig;
  /** Where state is kept. */
  readonly state: StateConfig;
  /**
   * Tags applied to every resource, before the account's own tags.
   * @default {}
   */
  readonly tags?: Record<string, string>;
}

/** The stack name of an account: `ses-<account name>`. */
export function accountStackName(accountName: string): string {
  return `ses-${accountName}`;
}

/**
 * Everything one resource account owns, in its own state and with its own aliased provider:
 * destroying one account's stack cannot touch another's.
 */
export class AccountStack extends TerraformStack {
  /** The account's provider (alias: the account name). */
  public readonly accountProvider: AwsProvider;
  public readonly eventPublishing?: SesEventPublishing;

  constructor(scope: Construct, props: AccountStackProps) {
    const name = accountStackName(props.account.name);
    super(scope, name);
    const { account } = props;
    stateBackend(this, name, props.state);
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
      bucket: { ...config.bucket, bucketName: config.bucket.name },
      deliveryStream: {
        ...config.deliveryStream,
        deliveryStreamName: config.deliveryStream.name,
        logGroupName: config.logs.groupName,
        logStreamName: config.logs.streamName,
        logRetentionDays: config.logs.retentionDays,
      },
    });
    new TerraformOutput(this, "configuration_set_names", {
      description: "SES configuration sets of this account.",
      value: Object.keys(publishing.configurationSets)
        .sort()
        .map((name) => publishing.configurationSets[name].configurationSetName),
    });
    if (publishing.deliveryStream && publishing.bucket) {
      new TerraformOutput(this, "delivery_stream_arn", {
        value: publishing.deliveryStream.deliveryStreamArn,
      });
      new TerraformOutput(this, "event_bucket_name", { value: publishing.bucket.bucketName });
      new TerraformOutput(this, "ses_role_arn", { value: publishing.sesRoleArn });
      new TerraformOutput(this, "firehose_role_arn", {
        value: publishing.deliveryStream.firehoseRoleArn,
      });
    }
    return publishing;
  }
}
