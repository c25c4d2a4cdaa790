import { App, Testing } from "cdktf";
import { buildStacks } from "../../src/app";
import { problems } from "../../test-support/problems";
import { accountInput, config } from "../../test-support/fixtures";

const RULE =
  "(addresses keep letters, digits, _ and -, turn any other character into -, and join names with _)";

/** An account with sending `applications` and alarm `emailSubscriptions`. */
function sending(applications: string[], emailSubscriptions: string[] = []) {
  return {
    accounts: [
      accountInput({
        sending: {
          domain: "example.com",
          applications: applications.map((name) => ({ name })),
          alarms: { emailSubscriptions },
        },
      }),
    ],
  };
}

/** An account whose sets `transactional` and `transactional_to` have the given destinations. */
function destinations(first: string, second: string) {
  const destination = (name: string) => ({ name, matchingTypes: ["send"], firehose: {} });
  return {
    accounts: [
      accountInput({
        eventPublishing: {
          configurationSets: [
            { name: "transactional", eventDestinations: [destination(first)] },
            { name: "transactional_to", eventDestinations: [destination(second)] },
          ],
        },
      }),
    ],
  };
}

describe("names that would make one Terraform address", () => {
  test("two applications whose names differ only in a character addresses turn into - are refused", () => {
    expect(problems(sending(["app.one", "app-one"]))).toEqual([
      `accounts[0].sending.applications[1].name must give its resource a Terraform address of its own; "app-one" makes aws_iam_user.app-one, as accounts[0].sending.applications[0].name does ${RULE}.`,
    ]);
  });

  test("a set and destination that join to another pair's address are refused", () => {
    expect(problems(destinations("to_firehose", "firehose"))).toEqual([
      `accounts[0].eventPublishing.configurationSets[1].eventDestinations[0].name must give its resource a Terraform address of its own; "firehose" makes aws_ses_event_destination.transactional_to_firehose, as accounts[0].eventPublishing.configurationSets[0].eventDestinations[0].name does ${RULE}.`,
    ]);
  });

  test("an alarm address listed twice is refused", () => {
    expect(problems(sending([], ["ops@example.com", "ops@example.com"]))).toEqual([
      'accounts[0].sending.alarms.emailSubscriptions[1] must be listed once; "ops@example.com" is already at accounts[0].sending.alarms.emailSubscriptions[0].',
    ]);
  });

  test("names whose addresses differ build", () => {
    const input = {
      accounts: [
        {
          ...destinations("to-firehose", "firehose").accounts[0],
          sending: {
            ...(sending(["app.one", "app-two"], ["ops@example.com", "ops-2@example.com"])
              .accounts[0].sending as object),
            configurationSet: "transactional",
          },
        },
      ],
    };
    expect(problems(input)).toEqual([]);
    expect(() => buildStacks(Testing.app() as App, config(input))).not.toThrow();
  });
});
