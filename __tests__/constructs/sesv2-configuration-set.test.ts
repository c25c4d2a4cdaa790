import { Sesv2ConfigurationSet } from "@cdktf/provider-aws/lib/sesv2-configuration-set";
import { Sesv2ConfigurationSetEventDestination } from "@cdktf/provider-aws/lib/sesv2-configuration-set-event-destination";
import {
  SesV2ConfigurationSet,
  SesV2ConfigurationSetProps,
} from "../../src/constructs/sesv2-configuration-set";
import { parsed, synthWithProvider } from "../../test-support/scope";

function synth(props: Partial<SesV2ConfigurationSetProps> = {}): string {
  return synthWithProvider((scope, accountProvider) => {
    new SesV2ConfigurationSet(scope, "set", {
      accountProvider,
      accountId: "222222222222",
      region: "us-east-1",
      name: "grafana-events",
      ...props,
    });
  });
}

const eventBridge = {
  name: "bus",
  matchingTypes: ["deliveryDelay", "subscription", "bounce"] as const,
  eventBridge: {},
};

describe("SesV2ConfigurationSet", () => {
  test("requires TLS, publishes reputation metrics and allows sending by default; other options are the account's", () => {
    const set = parsed(synth()).resource.aws_sesv2_configuration_set["grafana-events"];
    expect(set).toMatchObject({
      configuration_set_name: "grafana-events",
      delivery_options: { tls_policy: "REQUIRE" },
      reputation_options: { reputation_metrics_enabled: true },
      sending_options: { sending_enabled: true },
    });
    expect(set.suppression_options).toBeUndefined();
    expect(set.vdm_options).toBeUndefined();
    expect(set.tracking_options).toBeUndefined();
  });

  test("an EventBridge destination publishes the v2 event types to the account's default bus", () => {
    expect(synth({ eventDestinations: [eventBridge] })).toHaveResourceWithProperties(
      Sesv2ConfigurationSetEventDestination,
      {
        configuration_set_name:
          "${aws_sesv2_configuration_set.grafana-events.configuration_set_name}",
        event_destination_name: "bus",
        event_destination: {
          enabled: true,
          matching_event_types: ["DELIVERY_DELAY", "SUBSCRIPTION", "BOUNCE"],
          event_bridge_destination: {
            event_bus_arn: "arn:aws:events:us-east-1:222222222222:event-bus/default",
          },
        },
      },
    );
  });

  test("a CloudWatch dimension's value source takes the v2 spelling", () => {
    const destination = {
      name: "metrics",
      matchingTypes: ["send"] as const,
      cloudwatch: { dimensions: [{ name: "campaign", defaultValue: "none" }] },
    };
    expect(synth({ eventDestinations: [destination] })).toHaveResourceWithProperties(
      Sesv2ConfigurationSetEventDestination,
      {
        event_destination: expect.objectContaining({
          cloud_watch_destination: {
            dimension_configuration: [
              {
                dimension_name: "campaign",
                default_dimension_value: "none",
                dimension_value_source: "MESSAGE_TAG",
              },
            ],
          },
        }),
      },
    );
  });

  test("set options: delivery, per-set suppression (an empty list opts out), tracking with its HTTPS policy, VDM", () => {
    expect(
      synth({
        maxDeliverySeconds: 3600,
        sendingPoolName: "pool",
        suppressedReasons: [],
        customRedirectDomain: "track.grafana.example.com",
        vdm: { engagementMetrics: "ENABLED" },
      }),
    ).toHaveResourceWithProperties(Sesv2ConfigurationSet, {
      delivery_options: {
        tls_policy: "REQUIRE",
        max_delivery_seconds: 3600,
        sending_pool_name: "pool",
      },
      suppression_options: { suppressed_reasons: [] },
      tracking_options: {
        custom_redirect_domain: "track.grafana.example.com",
        https_policy: "OPTIONAL",
      },
      vdm_options: { dashboard_options: { engagement_metrics: "ENABLED" } },
    });
  });

  test("fromV1 imports the v2 addresses and forgets the v1 ones, keeping them in AWS", () => {
    const json = parsed(synth({ fromV1: true, eventDestinations: [eventBridge] }));
    expect(json.import).toEqual([
      expect.objectContaining({
        to: "aws_sesv2_configuration_set.grafana-events",
        id: "grafana-events",
      }),
      expect.objectContaining({
        to: "aws_sesv2_configuration_set_event_destination.grafana-events_bus",
        id: "grafana-events|bus",
      }),
    ]);
    expect(json.removed).toEqual([
      { from: "aws_ses_configuration_set.grafana-events", lifecycle: { destroy: false } },
      { from: "aws_ses_event_destination.grafana-events_bus", lifecycle: { destroy: false } },
    ]);
  });

  test("without fromV1 there is no import or removed block", () => {
    const json = parsed(synth({ eventDestinations: [eventBridge] }));
    expect(json.import).toBeUndefined();
    expect(json.removed).toBeUndefined();
  });

  test("a maximum delivery time outside 300-50400 seconds is refused", () => {
    expect(() => synth({ maxDeliverySeconds: 60 })).toThrow(
      "maxDeliverySeconds must be a whole number from 300 to 50400; got 60.",
    );
    expect(() => synth({ maxDeliverySeconds: 50400 })).not.toThrow();
  });

  test("an event bus other than the account's default is refused", () => {
    const other = {
      ...eventBridge,
      eventBridge: { eventBusArn: "arn:aws:events:us-east-1:222222222222:event-bus/orders" },
    };
    expect(() => synth({ eventDestinations: [other] })).toThrow(
      'eventDestinations[0].eventBridge.eventBusArn must be the account\'s default event bus arn:aws:events:us-east-1:222222222222:event-bus/default (SES publishes to no other bus); got "arn:aws:events:us-east-1:222222222222:event-bus/orders".',
    );
  });

  test("suppression reasons other than BOUNCE and COMPLAINT are refused", () => {
    expect(() => synth({ suppressedReasons: ["UNSUBSCRIBE" as never] })).toThrow(
      'suppressedReasons must list values among BOUNCE, COMPLAINT (or none); got ["UNSUBSCRIBE"].',
    );
  });

  test("an HTTPS policy without a custom redirect domain is refused", () => {
    expect(() => synth({ httpsPolicy: "REQUIRE" })).toThrow(
      'httpsPolicy applies to the custom redirect domain; got "REQUIRE" without customRedirectDomain.',
    );
  });
});
