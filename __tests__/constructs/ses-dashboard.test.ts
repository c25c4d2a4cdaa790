import { SesDashboard, SesDashboardProps } from "../../src/constructs/ses-dashboard";
import { SES_REVIEW_RATES } from "../../src/private/ses-facts";
import { only, synthWithProvider } from "../../test-support/scope";

function widgets(props: Partial<SesDashboardProps> = {}): any[] {
  const dashboard = only(
    synthWithProvider((scope, accountProvider) => {
      new SesDashboard(scope, "dashboard", {
        accountProvider,
        region: "eu-west-1",
        dashboardName: "ses-team-a",
        ...props,
      });
    }),
    "aws_cloudwatch_dashboard",
  );
  return JSON.parse(dashboard.dashboard_body).widgets;
}

const titles = (list: any[]) => list.map((w) => `${w.type}: ${w.properties.title}`);

describe("SesDashboard", () => {
  test("SES counts and reputation rates only, when there is no stream or alarm", () => {
    expect(titles(widgets())).toEqual([
      "metric: Sent and delivered",
      "metric: Bounces, complaints, rejects, delivery delays",
      "metric: Bounce rate",
      "metric: Complaint rate",
    ]);
  });

  test("the six event counts are the account's SES metrics", () => {
    const [sent, problems] = widgets();
    expect([...sent.properties.metrics, ...problems.properties.metrics]).toEqual(
      ["Send", "Delivery", "Bounce", "Complaint", "Reject", "DeliveryDelay"].map((m) => [
        "AWS/SES",
        m,
      ]),
    );
  });

  test("the rate widgets draw the rates at which AWS reviews an account", () => {
    const rates = widgets().slice(2);
    expect(
      rates.map((w) => [w.properties.metrics, w.properties.annotations.horizontal[0].value]),
    ).toEqual([
      [[["AWS/SES", "Reputation.BounceRate"]], SES_REVIEW_RATES.bounce],
      [[["AWS/SES", "Reputation.ComplaintRate"]], SES_REVIEW_RATES.complaint],
    ]);
  });

  test("with a stream, alarms and a log group: Firehose delivery, alarm states and the latest errors", () => {
    const list = widgets({
      deliveryStreamName: "tf-delivery-stream",
      errorLogGroupName: "/aws/kinesisfirehose/tf-firehose-log-group",
      alarmArns: ["arn:aws:cloudwatch:eu-west-1:222222222222:alarm:ses-bounce-rate"],
    });
    expect(list.slice(4).map((w) => [w.type, w.x, w.y, w.width])).toEqual([
      ["metric", 0, 12, 12],
      ["alarm", 12, 12, 12],
      ["log", 0, 18, 24],
    ]);
    expect(list[4].properties.metrics[0]).toEqual([
      "AWS/Firehose",
      "DeliveryToS3.Success",
      "DeliveryStreamName",
      "tf-delivery-stream",
      { stat: "Average" },
    ]);
    expect(list[5].properties.alarms).toEqual([
      "arn:aws:cloudwatch:eu-west-1:222222222222:alarm:ses-bounce-rate",
    ]);
    expect(list[6].properties.query).toMatch(
      /^SOURCE '\/aws\/kinesisfirehose\/tf-firehose-log-group' \|/,
    );
  });

  test("refuses a name CloudWatch does not accept", () => {
    expect(() => widgets({ dashboardName: "ses team" })).toThrow(
      'dashboardName must be 1-255 characters of letters, digits, underscores and hyphens; got "ses team".',
    );
  });
});
