import { Sesv2ConfigurationSet as Sesv2ConfigurationSetResource } from "@cdktf/provider-aws/lib/sesv2-configuration-set";
import { Sesv2ConfigurationSetEventDestination } from "@cdktf/provider-aws/lib/sesv2-configuration-set-event-destination";
import { Construct } from "constructs";
import { named } from "../private/addresses";
import { arn } from "../private/arn";
import {
  HTTPS_POLICIES,
  HttpsPolicy,
  MAX_DELIVERY_SECONDS,
  RULES,
  SES_V2_EVENT_TYPES,
  SUPPRESSION_REASONS,
  SesV2EventType,
  SuppressionReason,
  VDM_SWITCH,
  VdmSwitch,
} from "../private/aws-facts";
import { forget } from "../private/removed-blocks";
import { check, checkAllOf, checkOneOf, inRange, show } from "../private/validation";
import {
  CONFIGURATION_SET_DEFAULTS,
  EVENT_DESTINATION_DEFAULTS,
  EventDestinationProps,
  SES_CONFIGURATION_SET_ADDRESSES,
  SesConfigurationSetProps,
  validateConfigurationSet,
} from "./ses-configuration-set";
import { SESV2_ONLY_OPTIONS } from "../private/construct-defaults";
import * as defaults from "../private/construct-defaults";
export { SESV2_ONLY_OPTIONS };

/** An SESv2 event destination: the v1 targets, EventBridge, and all ten event types. */
export interface SesV2EventDestinationProps extends Omit<EventDestinationProps, "matchingTypes"> {
  /**
   * The event types to publish: the v1 eight (send, reject, bounce, complaint, delivery, open,
   * click, renderingFailure) and deliveryDelay, subscription.
   */
  readonly matchingTypes: readonly SesV2EventType[];
  /**
   * Publish events to Amazon EventBridge (`{}`: the account's default event bus, the only bus SES
   * publishes to; no IAM role is needed).
   * @default - not an EventBridge destination
   */
  readonly eventBridge?: { readonly eventBusArn?: string };
}

/** Virtual Deliverability Manager options of one configuration set (they override the account's). */
export interface SesV2VdmOptions {
  /**
   * Engagement tracking (opens and clicks) in the VDM dashboard for this set.
   * @default - the account's VDM setting
   */
  readonly engagementMetrics?: VdmSwitch;
  /**
   * Optimized shared delivery (VDM guardian) for this set.
   * @default - the account's VDM setting
   */
  readonly optimizedSharedDelivery?: VdmSwitch;
}

export interface SesV2ConfigurationSetProps extends Omit<
  SesConfigurationSetProps,
  "eventDestinations"
> {
  /** The 12-digit id of the sending account (the default event bus's ARN). */
  readonly accountId: string;
  /** The account's SES region. */
  readonly region: string;
  /**
   * Event destinations, at most 10.
   * @default []
   */
  readonly eventDestinations?: readonly SesV2EventDestinationProps[];
  /**
   * Seconds SES keeps trying to deliver a message before it bounces it (300-50400).
   * @default - SES's own limit (14 hours)
   */
  readonly maxDeliverySeconds?: number;
  /**
   * Name of the dedicated IP pool the set sends through.
   * @default - the shared IP addresses SES manages
   */
  readonly sendingPoolName?: string;
  /**
   * The reasons SES adds a recipient of this set to the suppression list (`[]`: none; the set opts
   * out of the account's list).
   * @default - the account's suppression list settings
   */
  readonly suppressedReasons?: readonly SuppressionReason[];
  /**
   * Whether open and click links on the custom redirect domain use HTTPS.
   * @default "OPTIONAL"
   */
  readonly httpsPolicy?: HttpsPolicy;
  /**
   * Virtual Deliverability Manager options.
   * @default - the account's VDM settings
   */
  readonly vdm?: SesV2VdmOptions;
  /**
   * The set already exists, made by this stack's SES v1 resources: import it and its destinations
   * (`import` blocks) and forget the v1 addresses (`removed` with `destroy = false`), so the set is
   * adopted, never deleted and re-created.
   * @default false
   */
  readonly fromV1?: boolean;
}

/**
 * An SES configuration set and its event destinations on the SESv2 API.
 *
 * Only the set's and a destination's names force replacement; every option and destination
 * target is updated in place.
 *
 * Emits `aws_sesv2_configuration_set` and one `aws_sesv2_configuration_set_event_destination` per
 * destination, addressed `aws_sesv2_configuration_set.<name>` and
 * `aws_sesv2_configuration_set_event_destination.<name>_<destination name>`; with `fromV1`, an
 * `import` block for each and a `removed` block for `aws_ses_configuration_set.<name>` and
 * `aws_ses_event_destination.<name>_<destination name>`.
 */
export class SesV2ConfigurationSet extends Construct {
  public readonly configurationSet: Sesv2ConfigurationSetResource;
  public readonly configurationSetName: string;
  public readonly configurationSetArn: string;
  /** The destination resources, by destination name. */
  public readonly eventDestinations: Record<string, Sesv2ConfigurationSetEventDestination> = {};

  constructor(scope: Construct, id: string, props: SesV2ConfigurationSetProps) {
    super(scope, id);
    validate(props);
    this.configurationSet = named(
      new Sesv2ConfigurationSetResource(this, "configuration-set", {
        provider: props.accountProvider,
        configurationSetName: props.name,
        ...setOptions(props),
      }),
      props.name,
    );
    this.configurationSetName = this.configurationSet.configurationSetName;
    this.configurationSetArn = this.configurationSet.arn;
    for (const destination of props.eventDestinations ?? []) {
      this.eventDestinations[destination.name] = this.addDestination(destination, props);
    }
    if (props.fromV1) this.adoptFromV1(props);
  }

  private addDestination(
    d: SesV2EventDestinationProps,
    props: SesV2ConfigurationSetProps,
  ): Sesv2ConfigurationSetEventDestination {
    const firehose = d.firehose ? props.firehose : undefined;
    const destination = new Sesv2ConfigurationSetEventDestination(this, `destination-${d.name}`, {
      provider: props.accountProvider,
      configurationSetName: this.configurationSet.configurationSetName,
      eventDestinationName: d.name,
      eventDestination: {
        enabled: d.enabled ?? EVENT_DESTINATION_DEFAULTS.enabled,
        matchingEventTypes: d.matchingTypes.map(v2Name),
        cloudWatchDestination: d.cloudwatch
          ? {
              dimensionConfiguration: d.cloudwatch.dimensions.map((dimension) => ({
                dimensionName: dimension.name,
                defaultDimensionValue: dimension.defaultValue,
                dimensionValueSource: v2Name(
                  dimension.valueSource ?? EVENT_DESTINATION_DEFAULTS.valueSource,
                ),
              })),
            }
          : undefined,
        kinesisFirehoseDestination: firehose
          ? { deliveryStreamArn: firehose.deliveryStreamArn, iamRoleArn: firehose.roleArn }
          : undefined,
        snsDestination: d.sns ? { topicArn: d.sns.topicArn } : undefined,
        eventBridgeDestination: d.eventBridge
          ? { eventBusArn: defaultEventBusArn(props.region, props.accountId) }
          : undefined,
      },
      dependsOn: firehose?.readyAfter,
    });
    return named(destination, props.name, d.name);
  }

  /** Import blocks for the v2 addresses, removed blocks for the v1 ones (see `fromV1`). */
  private adoptFromV1(props: SesV2ConfigurationSetProps): void {
    this.configurationSet.importFrom(props.name, props.accountProvider);
    forget(this, SES_CONFIGURATION_SET_ADDRESSES.configurationSet(props.name));
    for (const [name, destination] of Object.entries(this.eventDestinations)) {
      destination.importFrom(v2DestinationId(props.name, name), props.accountProvider);
      forget(this, SES_CONFIGURATION_SET_ADDRESSES.eventDestination(props.name, name));
    }
  }
}

/** Defaults of the optional props (kept cdk-free for the configuration checks). */
export const SESV2_CONFIGURATION_SET_DEFAULTS =
  defaults.SESV2_CONFIGURATION_SET_DEFAULTS satisfies Partial<SesV2ConfigurationSetProps>;

/** The import id of an SESv2 event destination: `<set>|<destination>` (v1's is `<set>/<destination>`). */
export function v2DestinationId(setName: string, destinationName: string): string {
  return `${setName}|${destinationName}`;
}

/** The account's default EventBridge bus, the only one SES publishes to. */
export function defaultEventBusArn(region: string, accountId: string): string {
  return arn({ region, accountId, service: "events", resource: "event-bus/default" });
}

/** `deliveryDelay` → `DELIVERY_DELAY`, `messageTag` → `MESSAGE_TAG`: the v2 API's spelling. */
export function v2Name(camel: string): string {
  return camel.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
}

function setOptions(props: SesV2ConfigurationSetProps) {
  const defaults = CONFIGURATION_SET_DEFAULTS;
  return {
    reputationOptions: {
      reputationMetricsEnabled: props.reputationMetricsEnabled ?? defaults.reputationMetricsEnabled,
    },
    sendingOptions: { sendingEnabled: props.sendingEnabled ?? defaults.sendingEnabled },
    deliveryOptions: {
      tlsPolicy: v2Name(props.tlsPolicy ?? defaults.tlsPolicy),
      maxDeliverySeconds: props.maxDeliverySeconds,
      sendingPoolName: props.sendingPoolName,
    },
    trackingOptions: props.customRedirectDomain
      ? {
          customRedirectDomain: props.customRedirectDomain,
          httpsPolicy: props.httpsPolicy ?? SESV2_CONFIGURATION_SET_DEFAULTS.httpsPolicy,
        }
      : undefined,
    suppressionOptions: props.suppressedReasons
      ? { suppressedReasons: [...props.suppressedReasons] }
      : undefined,
    vdmOptions: props.vdm
      ? {
          dashboardOptions: props.vdm.engagementMetrics
            ? { engagementMetrics: props.vdm.engagementMetrics }
            : undefined,
          guardianOptions: props.vdm.optimizedSharedDelivery
            ? { optimizedSharedDelivery: props.vdm.optimizedSharedDelivery }
            : undefined,
        }
      : undefined,
  };
}

function validate(props: SesV2ConfigurationSetProps): void {
  validateConfigurationSet(props, SES_V2_EVENT_TYPES);
  check("accountId", props.accountId, RULES.accountId);
  check("region", props.region, RULES.region);
  check("sendingPoolName", props.sendingPoolName, RULES.sesName);
  if (props.maxDeliverySeconds !== undefined)
    inRange("maxDeliverySeconds", props.maxDeliverySeconds, MAX_DELIVERY_SECONDS);
  checkAllOf("suppressedReasons", props.suppressedReasons, SUPPRESSION_REASONS);
  checkOneOf("httpsPolicy", props.httpsPolicy, HTTPS_POLICIES);
  if (props.httpsPolicy !== undefined && props.customRedirectDomain === undefined) {
    throw new Error(
      `httpsPolicy applies to the custom redirect domain; got ${show(props.httpsPolicy)} without customRedirectDomain.`,
    );
  }
  checkOneOf("vdm.engagementMetrics", props.vdm?.engagementMetrics, VDM_SWITCH);
  checkOneOf("vdm.optimizedSharedDelivery", props.vdm?.optimizedSharedDelivery, VDM_SWITCH);
  const bus = defaultEventBusArn(props.region, props.accountId);
  (props.eventDestinations ?? []).forEach((d, i) => {
    const given = d.eventBridge?.eventBusArn;
    if (given !== undefined && given !== bus) {
      throw new Error(
        `eventDestinations[${i}].eventBridge.eventBusArn must be the account's default event bus ${bus} (SES publishes to no other bus); got ${show(given)}.`,
      );
    }
  });
}
