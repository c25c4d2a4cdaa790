import {
  followUpCommands,
  messageIdFromReply,
  messageTagsHeader,
  sesHeaders,
} from "../../src/smtp-check/send-step";

const SENT_AT = new Date("2025-01-15T10:02:30Z");
const message = { from: "sender@example.com", to: ["success@simulator.amazonses.com"] };

describe("SES headers", () => {
  test("joins message tags in SES's comma-separated name=value format", () => {
    const tags = [
      { name: "campaign", value: "test" },
      { name: "team", value: "mail" },
    ];
    expect(messageTagsHeader(tags)).toBe("campaign=test, team=mail");
  });

  test("names the configuration set and the default tag", () => {
    expect(sesHeaders({ ...message, configurationSet: "tf-configuration-set" })).toEqual({
      "X-SES-CONFIGURATION-SET": "tf-configuration-set",
      "X-SES-MESSAGE-TAGS": "campaign=smtp-check",
    });
  });

  test("leaves out X-SES-CONFIGURATION-SET when no set is named", () => {
    expect(sesHeaders(message)).not.toHaveProperty("X-SES-CONFIGURATION-SET");
  });
});

describe("followUpCommands", () => {
  test("lists the event archive under the bucket and prefix", () => {
    const [s3] = followUpCommands(
      { ...message, bucket: "my-events", s3Prefix: "ses/" },
      "us-east-1",
      SENT_AT,
    );
    expect(s3).toBe("aws s3 ls s3://my-events/ses/ --recursive");
  });

  test("uses a placeholder when no bucket is given", () => {
    const [s3] = followUpCommands(message, "us-east-1", SENT_AT);
    expect(s3).toBe("aws s3 ls s3://<event-archive-bucket>/ses/ --recursive");
  });

  test("asks CloudWatch for Send by the first tag around the send time, in the SES region", () => {
    const tags = [{ name: "campaign", value: "test" }];
    const [, cloudwatch] = followUpCommands({ ...message, tags }, "eu-west-1", SENT_AT);
    expect(cloudwatch).toBe(
      "aws cloudwatch get-metric-statistics --namespace AWS/SES --metric-name Send" +
        " --dimensions Name=campaign,Value=test --start-time 2025-01-15T09:55:00Z" +
        " --end-time 2025-01-15T10:30:00Z --period 300 --statistics Sum --region eu-west-1",
    );
  });
});

describe("messageIdFromReply", () => {
  test("takes SES's message id from the 250 reply to DATA", () => {
    expect(messageIdFromReply("250 Ok 0100018c5d0e-abc-000000")).toBe("0100018c5d0e-abc-000000");
  });

  test("returns undefined for a reply without an id", () => {
    expect(messageIdFromReply("250 Accepted")).toBeUndefined();
  });
});
