import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { roleArn } from "../private/arn";
import { iamPropagationWait } from "./iam-propagation-wait";
import { RULES } from "../private/aws-facts";
import { check, checkUnique, definedOnly, inRange } from "../private/validation";
import { ServiceRole, serviceRoleAddress } from "./service-role";
import { EventArchiveBucket, EventArchiveBucketProps } from "./event-archive-bucket";
import {
  FIREHOSE_EVENT_STREAM_DEFAULTS,
  FirehoseEventStream,
  FirehoseEventStreamProps,
  firehoseStreamArn,
} from "./firehose-event-stream";
import {
  SesConfigurationSet,
  SesConfigurationSetProps,
  configurationSetArn,
} from "./ses-configuration-set";

/** A configuration set as SesEventPublishing takes it: the provider and Firehose wiring are its own. */
export type PublishedConfigurationSet = Omit<
  SesConfigurationSetProps,
  "accountProvider" | "firehose"
>;

export interface SesEventPublishingProps {
  /** The AWS provider of the account that sends. */
  readonly accountProvider: AwsProvider;
  /** The 12-digit id of that account (ARNs and trust conditions; never looked up). */
  readonly accountId: string;
  /** The account's SES region. */
  readonly region: string;
  /** The configuration sets and their event destinations. */
  readonly configurationSets: readonly PublishedConfigurationSet[];
  /**
   * Name of the role SES assumes to put records into Firehose.
   * @default "tf-ses-role"
   */
  readonly sesRoleName?: string;
  /**
   * Seconds to wait after the SES role's policy changes before creating Firehose destinations
   * (0-300; 0 turns the wait off).
   * @default 20
   */
  readonly iamPropagationSeconds?: number;
  /**
   * The event archive bucket, when a destination targets Firehose.
   * @default - bucket `ses-events-<accountId>-<region>` with EventArchiveBucket's defaults
   */
  readonly bucket?: Partial<Omit<EventArchiveBucketProps, "accountProvider">>;
  /**
   * The delivery stream, when a destination targets Firehose.
   * @default - FirehoseEventStream's defaults
   */
  readonly deliveryStream?: Partial<
    Omit<
      FirehoseEventStreamProps,
      "accountProvider" | "accountId" | "region" | "bucketArn" | "bucketKmsKeyArn"
    >
  >;
}

/** The Terraform name of the role SES assumes for Firehose destinations and its policy. */
const SES_ROLE_NAME = "ses";

/** The addresses SesEventPublishing gives its own resources (those `adopt` can import into). */
export const SES_EVENT_PUBLISHING_ADDRESSES = {
  sesRole: serviceRoleAddress(SES_ROLE_NAME),
} as const;

/**
 * SES event publishing for one account: configuration sets whose destinations publish to
 * CloudWatch, SNS, or Kinesis Data Firehose → S3. The Firehose pipeline (bucket, stream, logs,
 * roles) is created only when some destination targets Firehose.
 *
 * Emits SesConfigurationSet's resources per set, and for Firehose: EventArchiveBucket's and
 * FirehoseEventStream's resources, the SES role (`aws_iam_role`, `aws_iam_role_policy`) and a
 * `terraform_data` IAM propagation wait, addressed `aws_iam_role.ses`, `aws_iam_role_policy.ses`
 * and `terraform_data.ses-role-propagation`. The role's policies and the wait's triggers hold only
 * values the configuration determines (the stream's ARN is computed from its name), so a change
 * to the stream, the bucket or a configuration set never re-runs the wait.
 */
export class SesEventPublishing extends Construct {
  /** The configuration sets, by name. */
  public readonly configurationSets: Record<string, SesConfigurationSet> = {};
  /** The event archive bucket, when a destination targets Firehose. */
  public readonly bucket?: EventArchiveBucket;
  /** The delivery stream, when a destination targets Firehose. */
  public readonly deliveryStream?: FirehoseEventStream;
  /** ARN of the role SES assumes, when a destination targets Firehose. */
  public readonly sesRoleArn?: string;

  constructor(scope: Construct, id: string, props: SesEventPublishingProps) {
    super(scope, id);
    validate(props);
    const usesFirehose = props.configurationSets.some(publishesToFirehose);
    let firehose: SesConfigurationSetProps["firehose"];
    if (usesFirehose) {
      this.bucket = new EventArchiveBucket(this, "bucket", {
        accountProvider: props.accountProvider,
        bucketName: defaultEventBucketName(props.accountId, props.region),
        ...definedOnly(props.bucket ?? {}),
      });
      this.deliveryStream = new FirehoseEventStream(this, "delivery-stream", {
        ...definedOnly(props.deliveryStream ?? {}),
        accountProvider: props.accountProvider,
        accountId: props.accountId,
        region: props.region,
        bucketArn: this.bucket.bucketArn,
        bucketKmsKeyArn: props.bucket?.kmsKeyArn,
      });
      firehose = this.sesRole(props, this.deliveryStream.deliveryStreamArn);
      this.sesRoleArn = firehose.roleArn;
    }
    for (const set of props.configurationSets) {
      this.configurationSets[set.name] = new SesConfigurationSet(this, `set-${set.name}`, {
        ...set,
        accountProvider: props.accountProvider,
        firehose,
      });
    }
  }

  /** The role SES assumes for Firehose destinations, trusted only for these configuration sets. */
  private sesRole(
    props: SesEventPublishingProps,
    deliveryStreamArn: string,
  ): NonNullable<SesConfigurationSetProps["firehose"]> {
    const roleName = props.sesRoleName ?? EVENT_PUBLISHING_DEFAULTS.sesRoleName;
    const where = { region: props.region, accountId: props.accountId };
    const streamName =
      props.deliveryStream?.deliveryStreamName ?? FIREHOSE_EVENT_STREAM_DEFAULTS.deliveryStreamName;
    const role = new ServiceRole(this, "ses-role", {
      provider: props.accountProvider,
      terraformName: SES_ROLE_NAME,
      roleName,
      description: "Lets SES publish configuration set events to Kinesis Data Firehose.",
      servicePrincipal: "ses.amazonaws.com",
      sourceAccount: props.accountId,
      sourceArns: props.configurationSets
        .filter(publishesToFirehose)
        .map((set) => configurationSetArn(props.region, props.accountId, set.name))
        .sort(),
      statements: [
        {
          Sid: "PutEventRecords",
          Effect: "Allow",
          Action: ["firehose:PutRecord", "firehose:PutRecordBatch"],
          Resource: [firehoseStreamArn(where, streamName)],
        },
      ],
    });
    // Keyed on what the configuration says, never on resource attributes: those can be unknown
    // in a plan that changes something else, which would re-run the wait for nothing.
    const wait = iamPropagationWait(
      this,
      "ses-role-propagation",
      "ses-role-propagation",
      props.iamPropagationSeconds ?? EVENT_PUBLISHING_DEFAULTS.iamPropagationSeconds,
      {
        role: roleArn(where, roleName),
        trust: role.trustPolicy,
        policy: role.permissionsPolicy,
      },
      [role.role, role.policy],
    );
    return {
      deliveryStreamArn,
      roleArn: role.roleArn,
      readyAfter: wait ? [role.policy, wait] : [role.policy],
    };
  }
}

/** Defaults of the optional props; the configuration schema uses them too. */
export const EVENT_PUBLISHING_DEFAULTS = {
  sesRoleName: "tf-ses-role",
  iamPropagationSeconds: 20,
} as const satisfies Partial<SesEventPublishingProps>;

/** The event bucket's name when none is given: `ses-events-<accountId>-<region>`. */
export function defaultEventBucketName(accountId: string, region: string): string {
  return `ses-events-${accountId}-${region}`;
}

function publishesToFirehose(set: PublishedConfigurationSet): boolean {
  return (set.eventDestinations ?? []).some((d) => d.firehose !== undefined);
}

function validate(props: SesEventPublishingProps): void {
  check("accountId", props.accountId, RULES.accountId);
  check("region", props.region, RULES.region);
  check("sesRoleName", props.sesRoleName, RULES.iamName);
  if (props.iamPropagationSeconds !== undefined)
    inRange("iamPropagationSeconds", props.iamPropagationSeconds, { min: 0, max: 300 });
  checkUnique(
    "configurationSets names",
    props.configurationSets.map((set) => set.name),
    "in the account",
  );
}
