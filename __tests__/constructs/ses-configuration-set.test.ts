import { SesConfigurationSet as SesConfigurationSetResource } from "@cdktf/provider-aws/lib/ses-configuration-set";
import { SesEventDestination } from "@cdktf/provider-aws/lib/ses-event-destination";
import {
  EventDestinationProps,
  SesConfigurationSet,
  SesConfigurationSetProps,
} from "../../src/constructs/ses-configuration-set";
import { parsed, synthWithProvider } from "../../test-support/scope";

const FIREHOSE = {
  deliveryStreamArn: "arn:aws:firehose:us-east-1:222222222222:deliverystream/tf-delivery-stream",
  roleArn: "arn:aws:iam::222222222222:role/tf-ses-role",
};

function synth(props: Partial<SesConfigurationSetProps> = {}): string {
  return synthWithProvider((scope, accountProvider) => {
    new SesConfigurationSet(scope, "set", {
      accountProvider,
      name: "tf-configuration-set",
      ...props,
    });
  });
}

const cloudwatch: EventDestinationProps = {
  name: "tf-cloudwatch-destination",
  matchingTypes: ["send"],
  cloudwatch: { dimensions: [{ name: "campaign", defaultValue: "unknown" }] },
};

describe("SesConfigurationSet", () => {
  test("requires TLS, publishes reputation metrics and allows sending by default", () => {
    expect(synth()).toHaveResourceWithProperties(SesConfigurationSetResource, {
      name: "tf-configuration-set",
      delivery_options: { tls_policy: "Require" },
      reputation_metrics_enabled: true,
      sending_enabled: true,
    });
  });

  test("takes the options it is given", () => {
    expect(
      synth({
        tlsPolicy: "Optional",
        reputationMetricsEnabled: false,
        sendingEnabled: false,
        customRedirectDomain: "click.example.com",
      }),
    ).toHaveResourceWithProperties(SesConfigurationSetResource, {
      delivery_options: { tls_policy: "Optional" },
      reputation_metrics_enabled: false,
      sending_enabled: false,
      tracking_options: { custom_redirect_domain: "click.example.com" },
    });
  });

  test("a CloudWatch destination is enabled explicitly and carries its dimensions", () => {
    expect(synth({ eventDestinations: [cloudwatch] })).toHaveResourceWithProperties(
      SesEventDestination,
      {
        name: "tf-cloudwatch-destination",
        enabled: true,
        matching_types: ["send"],
        cloudwatch_destination: [
          { dimension_name: "campaign", default_value: "unknown", value_source: "messageTag" },
        ],
      },
    );
  });

  test("a Firehose destination uses the stream and role it is wired to, after the role is ready", () => {
    const synthesized = synth({
      eventDestinations: [{ name: "fh", matchingTypes: ["bounce"], firehose: {} }],
      firehose: FIREHOSE,
    });
    expect(synthesized).toHaveResourceWithProperties(SesEventDestination, {
      kinesis_destination: { stream_arn: FIREHOSE.deliveryStreamArn, role_arn: FIREHOSE.roleArn },
    });
  });

  test("an SNS destination publishes to its topic", () => {
    const topicArn = "arn:aws:sns:us-east-1:222222222222:ses-events";
    expect(
      synth({
        eventDestinations: [{ name: "sns", matchingTypes: ["complaint"], sns: { topicArn } }],
      }),
    ).toHaveResourceWithProperties(SesEventDestination, {
      sns_destination: { topic_arn: topicArn },
    });
  });

  test("a disabled destination stays disabled", () => {
    expect(
      synth({ eventDestinations: [{ ...cloudwatch, enabled: false }] }),
    ).toHaveResourceWithProperties(SesEventDestination, { enabled: false });
  });

  test("addresses are the set's and the destination's names, as in HCL", () => {
    const resources = parsed(synth({ eventDestinations: [cloudwatch] })).resource;
    expect(Object.keys(resources.aws_ses_configuration_set)).toEqual(["tf-configuration-set"]);
    expect(Object.keys(resources.aws_ses_event_destination)).toEqual([
      "tf-configuration-set_tf-cloudwatch-destination",
    ]);
  });

  test("a Firehose destination without wiring is refused", () => {
    expect(() =>
      synth({ eventDestinations: [{ name: "fh", matchingTypes: ["send"], firehose: {} }] }),
    ).toThrow(
      "eventDestinations[0].firehose needs the configuration set's firehose prop (stream and role ARNs); got none.",
    );
  });

  test("a destination with two targets is refused", () => {
    expect(() =>
      synth({ eventDestinations: [{ ...cloudwatch, firehose: {} }], firehose: FIREHOSE }),
    ).toThrow(
      "eventDestinations[0] must have exactly one target (one of cloudwatch, firehose, sns, eventBridge); it has cloudwatch and firehose.",
    );
  });

  test("more than 10 destinations are refused", () => {
    const many = Array.from({ length: 11 }, (_, i) => ({ ...cloudwatch, name: `d${i}` }));
    expect(() => synth({ eventDestinations: many })).toThrow(
      "eventDestinations must list at most 10 destinations (SES's limit per configuration set); got 11.",
    );
  });

  test("an invalid name is refused", () => {
    expect(() => synth({ name: "bad name" })).toThrow(
      'name must be 1-64 characters of ASCII letters, digits, underscores and hyphens; got "bad name".',
    );
  });

  test("an unknown event type is refused", () => {
    expect(() =>
      synth({ eventDestinations: [{ ...cloudwatch, matchingTypes: ["deliveryDelay" as never] }] }),
    ).toThrow(
      'eventDestinations[0].matchingTypes must list event types among send, reject, bounce, complaint, delivery, open, click, renderingFailure; got ["deliveryDelay"].',
    );
  });
});
