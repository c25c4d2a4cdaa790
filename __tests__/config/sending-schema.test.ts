import { problems as configProblems } from "../../test-support/problems";
import { accountInput, config } from "../../test-support/fixtures";

function problems(sending: unknown, account: Record<string, unknown> = {}): string[] {
  return configProblems({ accounts: [accountInput({ sending, ...account })] });
}

const S = "accounts[0].sending";

describe("sending configuration", () => {
  test("a domain alone is valid and gets the documented defaults", () => {
    const parsed = config({ accounts: [accountInput({ sending: { domain: "example.com" } })] });
    expect(parsed.accounts[0].sending).toMatchObject({
      domain: "example.com",
      configurationSet: "transactional", // the account's only configuration set
      applications: [],
      alarms: {
        bounceRateThreshold: 0.04,
        complaintRateThreshold: 0.0008,
        periodSeconds: 3600,
        evaluationPeriods: 1,
      },
    });
  });

  test("every option together is valid", () => {
    expect(
      problems({
        domain: "example.com",
        mailFromDomain: "bounce.example.com",
        dmarc: { policy: "reject", reportAddress: "dmarc@example.com" },
        publicZoneId: "Z0123456789ABCDEFGHIJ",
        applications: [
          {
            name: "billing",
            allowSendEmail: true,
            fromAddresses: ["billing@example.com", "*@billing.example.com"],
          },
        ],
        alarms: {
          emailSubscriptions: ["ops@example.com"],
          periodSeconds: 300,
          evaluationPeriods: 3,
          sendVolume: { dimensionName: "campaign", dimensionValue: "test", threshold: 100 },
        },
      }),
    ).toEqual([]);
  });

  test("an invalid domain name is refused", () => {
    expect(problems({ domain: "Example.COM" })).toEqual([
      `${S}.domain must be a lowercase domain name such as example.com; got "Example.COM".`,
    ]);
  });

  test("a MAIL FROM domain outside the identity's domain is refused", () => {
    expect(problems({ domain: "example.com", mailFromDomain: "mail.other.com" })).toEqual([
      `${S}.mailFromDomain must be a subdomain of example.com such as mail.example.com; got "mail.other.com".`,
    ]);
  });

  test("the identity's domain itself is not a MAIL FROM domain", () => {
    expect(problems({ domain: "example.com", mailFromDomain: "example.com" })).toEqual([
      `${S}.mailFromDomain must be a subdomain of example.com such as mail.example.com; got "example.com".`,
    ]);
  });

  test.each([
    ["bounceRateThreshold", 1, "such as 0.04 for a 4% bounce rate (AWS reviews accounts at 5%)"],
    ["bounceRateThreshold", 5, "such as 0.04 for a 4% bounce rate (AWS reviews accounts at 5%)"],
    [
      "complaintRateThreshold",
      0,
      "such as 0.0008 for a 0.08% complaint rate (AWS reviews accounts at 0.1%)",
    ],
  ])("rate %s = %p outside 0-1 is refused", (field, value, example) => {
    expect(problems({ domain: "example.com", alarms: { [field]: value } })).toEqual([
      `${S}.alarms.${field} must be a fraction between 0 and 1 (exclusive), ${example}; got ${value}.`,
    ]);
  });

  test("a period CloudWatch does not accept is refused", () => {
    expect(problems({ domain: "example.com", alarms: { periodSeconds: 45 } })).toEqual([
      `${S}.alarms.periodSeconds must be 10, 20, 30 or a multiple of 60 seconds (the periods CloudWatch alarms accept); got 45.`,
    ]);
  });

  test.each([[10], [20], [30], [60], [86400]])("period %p is allowed", (periodSeconds) => {
    expect(problems({ domain: "example.com", alarms: { periodSeconds } })).toEqual([]);
  });

  test("more evaluation periods than CloudWatch evaluates are refused", () => {
    expect(
      problems({ domain: "example.com", alarms: { periodSeconds: 60, evaluationPeriods: 1441 } }),
    ).toEqual([
      `${S}.alarms.evaluationPeriods must be a whole number from 1 to 1440 with periodSeconds 60 (CloudWatch evaluates at most 86400 seconds at that period); got 1441.`,
    ]);
  });

  test("an application name IAM rejects is refused", () => {
    expect(problems({ domain: "example.com", applications: [{ name: "bad,name" }] })).toEqual([
      `${S}.applications[0].name must be 1-64 characters of letters, digits and + = . @ _ -; got "bad,name".`,
    ]);
  });

  test("an application name too long for its IAM user is refused", () => {
    const name = "a".repeat(56);
    expect(problems({ domain: "example.com", applications: [{ name }] })).toEqual([
      `${S}.applications[0].name must be at most 55 characters (the IAM user is ses-smtp-<name>, at most 64); got "${name}".`,
    ]);
  });

  test("application names that differ only in case are refused (IAM names ignore case)", () => {
    expect(
      problems({ domain: "example.com", applications: [{ name: "app" }, { name: "App" }] }),
    ).toEqual([
      `${S}.applications[1].name must give a name of its own among IAM user names in account 222222222222 (compared without case); "ses-smtp-App" is already the name from ${S}.applications[0].name.`,
    ]);
  });

  test("an email subscription that is not an address is refused", () => {
    expect(problems({ domain: "example.com", alarms: { emailSubscriptions: ["ops"] } })).toEqual([
      `${S}.alarms.emailSubscriptions[0] must be an email address such as ops@example.com; got "ops".`,
    ]);
  });

  test("a public zone id of the wrong form is refused", () => {
    expect(problems({ domain: "example.com", publicZoneId: "zone-1" })).toEqual([
      `${S}.publicZoneId must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ; got "zone-1".`,
    ]);
  });

  test("a configuration set the account does not have is refused", () => {
    expect(problems({ domain: "example.com", configurationSet: "nope" })).toEqual([
      `${S}.configurationSet must name one of the account's configuration sets (transactional); got "nope".`,
    ]);
  });

  test("with several configuration sets, the one to send with must be named", () => {
    const eventPublishing = { configurationSets: [{ name: "a" }, { name: "b" }] };
    expect(problems({ domain: "example.com" }, { eventPublishing })).toEqual([
      `${S}.configurationSet is required when the account has several configuration sets (a, b).`,
    ]);
    expect(problems({ domain: "example.com", configurationSet: "b" }, { eventPublishing })).toEqual(
      [],
    );
  });

  test("the configuration set sent with must keep reputation metrics on", () => {
    const eventPublishing = { configurationSets: [{ name: "a", reputationMetricsEnabled: false }] };
    expect(problems({ domain: "example.com" }, { eventPublishing })).toEqual([
      "accounts[0].eventPublishing.configurationSets[0].reputationMetricsEnabled must be true (or left out) for the configuration set the account sends with, so SES tracks its bounce and complaint rates per configuration set.",
    ]);
  });

  test("an account without event publishing sends without a default configuration set", () => {
    const parsed = config({
      accounts: [accountInput({ eventPublishing: undefined, sending: { domain: "example.com" } })],
    });
    expect(parsed.accounts[0].sending?.configurationSet).toBeUndefined();
  });

  test("an empty fromAddresses list is refused rather than read as any address", () => {
    expect(
      problems({ domain: "example.com", applications: [{ name: "app", fromAddresses: [] }] }),
    ).toEqual([
      `${S}.applications[0].fromAddresses must list at least one address when given (omit it to allow any address of the domain); got [].`,
    ]);
  });

  test("a DMARC policy outside none, quarantine, reject is refused", () => {
    expect(problems({ domain: "example.com", dmarc: { policy: "block" } })).toEqual([
      `${S}.dmarc.policy must be one of none, quarantine, reject; got "block".`,
    ]);
  });

  test("a send-volume alarm on a dimension no send destination publishes alone is refused", () => {
    expect(
      problems({
        domain: "example.com",
        alarms: { sendVolume: { dimensionName: "team", dimensionValue: "x", threshold: 1 } },
      }),
    ).toEqual([
      `${S}.alarms.sendVolume.dimensionName must be the only dimension of a CloudWatch event destination of this account that publishes send events (SES publishes Send with a destination's whole dimension set, so the alarm would never see data); none has just "team".`,
    ]);
  });

  test("a send-volume alarm on the campaign dimension of a send destination is allowed", () => {
    expect(
      problems({
        domain: "example.com",
        alarms: { sendVolume: { dimensionName: "campaign", dimensionValue: "x", threshold: 1 } },
      }),
    ).toEqual([]);
  });

  test("the send-volume period is checked against the evaluation periods too", () => {
    expect(
      problems({
        domain: "example.com",
        alarms: {
          evaluationPeriods: 168,
          sendVolume: {
            dimensionName: "campaign",
            dimensionValue: "x",
            threshold: 1,
            periodSeconds: 600,
          },
        },
      }),
    ).toEqual([
      `${S}.alarms.evaluationPeriods must be a whole number from 1 to 144 with sendVolume.periodSeconds 600 (CloudWatch evaluates at most 86400 seconds at that period); got 168.`,
    ]);
  });

  test("a negative send-volume threshold is refused", () => {
    expect(
      problems({
        domain: "example.com",
        alarms: {
          sendVolume: { dimensionName: "campaign", dimensionValue: "test", threshold: -1 },
        },
      }),
    ).toEqual([
      `${S}.alarms.sendVolume.threshold must be a number of messages of at least 0; got -1.`,
    ]);
  });
});
