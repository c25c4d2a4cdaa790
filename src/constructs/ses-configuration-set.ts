import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SesConfigurationSet as SesConfigurationSetResource } from "@cdktf/provider-aws/lib/ses-configuration-set";
import { SesEventDestination } from "@cdktf/provider-aws/lib/ses-event-destination";
import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { named, resourceAddress } from "../private/addresses";
import { arn } from "../private/arn";
import {
  DIMENSION_VALUE_SOURCES,
  DimensionValueSource,
  MAX_EVENT_DESTINATIONS,
  RULES,
  SES_EVENT_TYPES,
  SesEventType,
  TLS_POLICIES,
  TlsPolicy,
} from "../private/aws-facts";
import { destinationTargetProblem } from "../private/value-problems";
import { check, checkOneOf, checkUnique, show } from "../private/validation";
import { EVENT_DESTINATION_DEFAULTS } from "../private/construct-defaults";
import * as defaults from "../private/construct-defaults";
export { EVENT_DESTINATION_DEFAULTS };

/** One CloudWatch dimension that SES adds to the event metrics it publishes. */
export interface CloudWatchDimension {
  /** Dimension name, for example `campaign`. */
  readonly name: string;
  /** Value used when a message does not carry the tag, header or link tag. */
  readonly defaultValue: string;
  /**
   * Where the dimension's value comes from.
   * @default "messageTag"
   */
  readonly valueSource?: DimensionValueSource;
}

/** Marks a destination as publishing to the configuration set's Firehose delivery (`firehose` prop). */
export type FirehoseTarget = Record<string, never>;

/** An SES event destination: which events go where. Exactly one target must be set. */
export interface EventDestinationProps {
  /** Destination name, unique within the configuration set (1-64 of A-Z a-z 0-9 _ -). */
  readonly name: string;
  /**
   * Whether the destination publishes. The SES v1 API defaults to false; this construct does not.
   * @default true
   */
  readonly enabled?: boolean;
  /** The event types to publish: send, reject, bounce, complaint, delivery, open, click, renderingFailure. */
  readonly matchingTypes: readonly SesEventType[];
  /**
   * Publish event counts as CloudWatch metrics with these dimensions.
   * @default - not a CloudWatch destination
   */
  readonly cloudwatch?: { readonly dimensions: readonly CloudWatchDimension[] };
  /**
   * Publish events to the configuration set's Kinesis Data Firehose delivery (`{}`).
   * @default - not a Firehose destination
   */
  readonly firehose?: FirehoseTarget;
  /**
   * Publish events to an SNS topic.
   * @default - not an SNS destination
   */
  readonly sns?: { readonly topicArn: string };
}

/** Where Firehose destinations publish, and what they must wait for. */
export interface FirehoseDelivery {
  /** ARN of the delivery stream. */
  readonly deliveryStreamArn: string;
  /** ARN of the role SES assumes to put records. */
  readonly roleArn: string;
  /**
   * Resources the destinations are created after: the role's policy and the IAM propagation wait,
   * because the v1 event destination API checks the role once and does not retry.
   * @default []
   */
  readonly readyAfter?: ITerraformDependable[];
}

export interface SesConfigurationSetProps {
  /** The AWS provider of the account that sends. */
  readonly accountProvider: AwsProvider;
  /** Configuration set name (1-64 of A-Z a-z 0-9 _ -). */
  readonly name: string;
  /**
   * Publish reputation metrics (bounce and complaint rates) to CloudWatch.
   * @default true
   */
  readonly reputationMetricsEnabled?: boolean;
  /**
   * Whether email can be sent with this configuration set.
   * @default true
   */
  readonly sendingEnabled?: boolean;
  /**
   * `Require` bounces a message the receiving server cannot take over TLS; `Optional` sends it in clear.
   * @default "Require"
   */
  readonly tlsPolicy?: TlsPolicy;
  /**
   * Domain for open and click tracking links.
   * @default - SES's own tracking domain
   */
  readonly customRedirectDomain?: string;
  /**
   * Event destinations, at most 10.
   * @default []
   */
  readonly eventDestinations?: readonly EventDestinationProps[];
  /**
   * Wiring for destinations with a `firehose` target.
   * @default - no destination may target Firehose
   */
  readonly firehose?: FirehoseDelivery;
}

/**
 * An SES configuration set and its event destinations (SES v1 API).
 *
 * Every argument of `aws_ses_event_destination` forces replacement: changing a destination
 * deletes and re-creates it, and events are not published in between.
 *
 * Emits `aws_ses_configuration_set` and one `aws_ses_event_destination` per destination, addressed
 * `aws_ses_configuration_set.<name>` and `aws_ses_event_destination.<name>_<destination name>`.
 */
export class SesConfigurationSet extends Construct {
  public readonly configurationSet: SesConfigurationSetResource;
  public readonly configurationSetName: string;
  public readonly configurationSetArn: string;
  /** The destination resources, by destination name. */
  public readonly eventDestinations: Record<string, SesEventDestination> = {};

  constructor(scope: Construct, id: string, props: SesConfigurationSetProps) {
    super(scope, id);
    validate(props);
    const provider = props.accountProvider;
    this.configurationSet = new SesConfigurationSetResource(this, "configuration-set", {
      provider,
      name: props.name,
      reputationMetricsEnabled:
        props.reputationMetricsEnabled ?? CONFIGURATION_SET_DEFAULTS.reputationMetricsEnabled,
      sendingEnabled: props.sendingEnabled ?? CONFIGURATION_SET_DEFAULTS.sendingEnabled,
      deliveryOptions: { tlsPolicy: props.tlsPolicy ?? CONFIGURATION_SET_DEFAULTS.tlsPolicy },
      trackingOptions: props.customRedirectDomain
        ? { customRedirectDomain: props.customRedirectDomain }
        : undefined,
    });
    named(this.configurationSet, props.name);
    this.configurationSetName = this.configurationSet.name;
    this.configurationSetArn = this.configurationSet.arn;
    for (const destination of props.eventDestinations ?? []) {
      this.eventDestinations[destination.name] = this.addDestination(destination, props);
    }
  }

  private addDestination(
    d: EventDestinationProps,
    props: SesConfigurationSetProps,
  ): SesEventDestination {
    const firehose = d.firehose ? props.firehose : undefined;
    const destination = new SesEventDestination(this, `destination-${d.name}`, {
      provider: props.accountProvider,
      name: d.name,
      configurationSetName: this.configurationSet.name,
      enabled: d.enabled ?? EVENT_DESTINATION_DEFAULTS.enabled,
      matchingTypes: [...d.matchingTypes],
      cloudwatchDestination: d.cloudwatch?.dimensions.map((dimension) => ({
        dimensionName: dimension.name,
        defaultValue: dimension.defaultValue,
        valueSource: dimension.valueSource ?? EVENT_DESTINATION_DEFAULTS.valueSource,
      })),
      kinesisDestination: firehose
        ? { streamArn: firehose.deliveryStreamArn, roleArn: firehose.roleArn }
        : undefined,
      snsDestination: d.sns ? { topicArn: d.sns.topicArn } : undefined,
      dependsOn: firehose?.readyAfter,
    });
    return named(destination, props.name, d.name);
  }
}

/** The addresses SesConfigurationSet gives its resources (those `adopt` can import into). */
export const SES_CONFIGURATION_SET_ADDRESSES = {
  configurationSet: (setName: string) => resourceAddress(SesConfigurationSetResource, setName),
  eventDestination: (setName: string, destinationName: string) =>
    resourceAddress(SesEventDestination, setName, destinationName),
} as const;

/** Defaults of the optional props (kept cdk-free for the configuration checks). */
export const CONFIGURATION_SET_DEFAULTS =
  defaults.CONFIGURATION_SET_DEFAULTS satisfies Partial<SesConfigurationSetProps>;

/** The ARN SES gives a configuration set, known before it exists (for trust conditions). */
export function configurationSetArn(region: string, accountId: string, name: string): string {
  return arn({ region, accountId, service: "ses", resource: `configuration-set/${name}` });
}

function validate(props: SesConfigurationSetProps): void {
  validateConfigurationSet(props, SES_EVENT_TYPES);
}

/** What the checks shared by the v1 and v2 configuration sets read. */
interface CheckedSet {
  readonly name: string;
  readonly customRedirectDomain?: string;
  readonly tlsPolicy?: TlsPolicy;
  readonly eventDestinations?: readonly CheckedDestination[];
  readonly firehose?: FirehoseDelivery;
}

type CheckedDestination = Omit<EventDestinationProps, "matchingTypes"> & {
  readonly matchingTypes: readonly string[];
};

/**
 * The checks a configuration set of either API makes: its name, options and destinations, with
 * `eventTypes` the event types its API accepts.
 */
export function validateConfigurationSet(props: CheckedSet, eventTypes: readonly string[]): void {
  check("name", props.name, RULES.sesName);
  check("customRedirectDomain", props.customRedirectDomain, RULES.domainName);
  checkOneOf("tlsPolicy", props.tlsPolicy, TLS_POLICIES);
  const destinations = props.eventDestinations ?? [];
  if (destinations.length > MAX_EVENT_DESTINATIONS) {
    throw new Error(
      `eventDestinations must list at most ${MAX_EVENT_DESTINATIONS} destinations (SES's limit per configuration set); got ${destinations.length}.`,
    );
  }
  checkUnique(
    "eventDestinations names",
    destinations.map((d) => d.name),
    "in the configuration set",
  );
  destinations.forEach((d, i) =>
    validateDestination(`eventDestinations[${i}]`, d, props.firehose !== undefined, eventTypes),
  );
}

function validateDestination(
  field: string,
  d: CheckedDestination,
  hasFirehose: boolean,
  eventTypes: readonly string[],
): void {
  check(`${field}.name`, d.name, RULES.sesName);
  const targetProblem = destinationTargetProblem(d);
  if (targetProblem) throw new Error(`${field} ${targetProblem}.`);
  if (d.firehose && !hasFirehose) {
    throw new Error(
      `${field}.firehose needs the configuration set's firehose prop (stream and role ARNs); got none.`,
    );
  }
  const unknownType = d.matchingTypes.find((t) => !eventTypes.includes(t));
  if (d.matchingTypes.length === 0 || unknownType !== undefined) {
    throw new Error(
      `${field}.matchingTypes must list event types among ${eventTypes.join(", ")}; got ${show(d.matchingTypes)}.`,
    );
  }
  d.cloudwatch?.dimensions.forEach((dimension, j) => {
    check(`${field}.cloudwatch.dimensions[${j}].name`, dimension.name, RULES.dimensionName);
    check(
      `${field}.cloudwatch.dimensions[${j}].defaultValue`,
      dimension.defaultValue,
      RULES.dimensionDefaultValue,
    );
    checkOneOf(
      `${field}.cloudwatch.dimensions[${j}].valueSource`,
      dimension.valueSource,
      DIMENSION_VALUE_SOURCES,
    );
  });
  check(`${field}.sns.topicArn`, d.sns?.topicArn, RULES.snsTopicArn);
}
