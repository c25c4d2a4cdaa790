import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { Testing } from "cdktf";
import { DataAwsRoute53Zone } from "@cdktf/provider-aws/lib/data-aws-route53-zone";
import { addressOf, named, terraformName } from "../../src/private/addresses";
import { SesEventPublishing } from "../../src/constructs/ses-event-publishing";
import { synthWithProvider } from "../../test-support/scope";

describe("terraformName", () => {
  test("joins name parts with _ and keeps their dashes and underscores", () => {
    expect(terraformName("tf-configuration-set", "to_firehose")).toBe(
      "tf-configuration-set_to_firehose",
    );
  });

  test("turns dots, slashes and @ into dashes", () => {
    expect(terraformName("team-a", "10.1.0.0/16", 587)).toBe("team-a_10-1-0-0-16_587");
    expect(terraformName("ops@example.com")).toBe("ops-example-com");
  });

  test("a name starting with a digit gets a leading _ (Terraform identifiers start with a letter or _)", () => {
    expect(terraformName("2026-set")).toBe("_2026-set");
  });
});

describe("named", () => {
  test("the element's address is the name, not a path with a hash", () => {
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        named(new S3Bucket(scope, "bucket", {}), "events");
      }),
    );
    expect(Object.keys(json.resource.aws_s3_bucket)).toEqual(["events"]);
  });

  test("addressOf reads the address back from the element, data sources with data.", () => {
    Testing.synthScope((scope) => {
      const bucket = named(new S3Bucket(scope, "bucket", {}), "events");
      const zone = named(new DataAwsRoute53Zone(scope, "zone", { zoneId: "Z1" }), "adopted", 1);
      expect([addressOf(bucket), addressOf(zone)]).toEqual([
        "aws_s3_bucket.events",
        "data.aws_route53_zone.adopted_1",
      ]);
    });
  });

  test("a second element with the same address in a stack is refused, naming both", () => {
    expect(() =>
      Testing.synthScope((scope) => {
        named(new S3Bucket(scope, "first", {}), "events");
        named(new S3Bucket(scope, "second", {}), "events");
      }),
    ).toThrow(
      "Two resources of stack stack would have the Terraform address aws_s3_bucket.events: stack/first and stack/second. Addresses come from names (accounts, configuration sets, destinations, applications, domains); make the names that form it differ.",
    );
  });

  test("naming an element after one of its attributes was read is refused", () => {
    expect(() =>
      Testing.synthScope((scope) => {
        const bucket = new S3Bucket(scope, "bucket", {});
        void bucket.arn;
        named(bucket, "events");
      }),
    ).toThrow("stack/bucket must be named before any of its attributes is read; it keeps bucket.");
  });

  test("names that meet after joining (set a_b + destination c, set a + destination b_c) are refused at synthesis", () => {
    const destination = (name: string) => ({
      name,
      matchingTypes: ["send" as const],
      sns: { topicArn: "arn:aws:sns:us-east-1:111111111111:t" },
    });
    expect(() =>
      synthWithProvider((scope, provider) => {
        new SesEventPublishing(scope, "publishing", {
          accountProvider: provider,
          accountId: "111111111111",
          region: "us-east-1",
          configurationSets: [
            { name: "a_b", eventDestinations: [destination("c")] },
            { name: "a", eventDestinations: [destination("b_c")] },
          ],
        });
      }),
    ).toThrow(
      "Two resources of stack stack would have the Terraform address aws_ses_event_destination.a_b_c: stack/publishing/set-a_b/destination-c and stack/publishing/set-a/destination-b_c.",
    );
  });
});
