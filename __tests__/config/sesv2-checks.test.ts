import { adoptEntries } from "../../src/review/plan";
import { v2MoveNote } from "../../src/review/v2-moves";
import { problems } from "../../test-support/problems";
import { accountInput, config, synthToDisk } from "../../test-support/synth";

type Input = Record<string, any>;

/** One account whose first configuration set (and account) `edit` changes. */
function input(edit: (set: Input, account: Input) => void): Input {
  const account = accountInput({ sending: { domain: "team-a.example.com" } }) as Input;
  edit(account.eventPublishing.configurationSets[0], account);
  return { accounts: [account] };
}

const SET = "accounts[0].eventPublishing.configurationSets[0]";
const bus = (accountId: string, region = "us-east-1") =>
  `arn:aws:events:${region}:${accountId}:event-bus/default`;

describe("SESv2 configuration sets in the configuration", () => {
  test("a v2 set takes all ten event types, EventBridge and the v2 options", () => {
    expect(
      problems(
        input((set) => {
          set.api = "v2";
          set.maxDeliverySeconds = 600;
          set.suppressedReasons = ["BOUNCE"];
          set.customRedirectDomain = "track.team-a.example.com";
          set.httpsPolicy = "REQUIRE";
          set.vdm = { engagementMetrics: "ENABLED" };
          set.eventDestinations.push({
            name: "bus",
            matchingTypes: ["deliveryDelay", "subscription"],
            eventBridge: { eventBusArn: bus("222222222222") },
          });
        }),
      ),
    ).toEqual([]);
  });

  test("v2-only types, targets and options on a v1 set are refused, all at once, and told to use v2", () => {
    const use = "set api: v2 on the configuration set to use it (see docs/event-publishing-v2.md)";
    expect(
      problems(
        input((set) => {
          set.maxDeliverySeconds = 600;
          set.fromV1 = true;
          set.eventDestinations[1].matchingTypes = ["send", "subscription"];
          set.eventDestinations.push({ name: "bus", matchingTypes: ["send"], eventBridge: {} });
        }),
      ),
    ).toEqual([
      `${SET}.fromV1 is an SESv2 option, not available to a v1 set: ${use}; got true.`,
      `${SET}.maxDeliverySeconds is an SESv2 option, not available to a v1 set: ${use}; got 600.`,
      `${SET}.eventDestinations[1].matchingTypes[1] is an SESv2 event type (the v1 API refuses deliveryDelay and subscription): ${use}; got "subscription".`,
      `${SET}.eventDestinations[2].eventBridge is an SESv2 destination (v1 offers cloudwatch, firehose, sns): ${use}; got {}.`,
    ]);
  });

  test("an event bus other than the default, or of another account, is refused", () => {
    const other = bus("333333333333");
    expect(
      problems(
        input((set) => {
          set.api = "v2";
          set.eventDestinations.push(
            { name: "a", matchingTypes: ["send"], eventBridge: { eventBusArn: other } },
            {
              name: "b",
              matchingTypes: ["send"],
              eventBridge: {
                eventBusArn: "arn:aws:events:us-east-1:222222222222:event-bus/orders",
              },
            },
          );
        }),
      ),
    ).toEqual([
      `${SET}.eventDestinations[3].eventBridge.eventBusArn must be an ARN whose resource part is event-bus/default (SES publishes to the account's default event bus only); got "arn:aws:events:us-east-1:222222222222:event-bus/orders".`,
      `${SET}.eventDestinations[2].eventBridge.eventBusArn must be the default event bus of the account's own region and account (arn:aws:events:us-east-1:222222222222:event-bus/default), or be left out; got "${other}".`,
    ]);
  });

  test("a sending pool the account does not define is refused; a defined one is taken", () => {
    const withPool = (pools: string[]) =>
      input((set, account) => {
        set.api = "v2";
        set.sendingPoolName = "marketing";
        account.eventPublishing.accountSettings = {
          dedicatedIpPools: pools.map((name) => ({ name })),
        };
      });
    expect(problems(withPool(["transactional"]))).toEqual([
      `${SET}.sendingPoolName must name a dedicated IP pool of eventPublishing.accountSettings.dedicatedIpPools: one of transactional; got "marketing".`,
    ]);
    expect(problems(withPool(["marketing"]))).toEqual([]);
  });

  test("a maximum delivery time outside AWS's 300-50400 seconds is refused", () => {
    expect(
      problems(input((set) => Object.assign(set, { api: "v2", maxDeliverySeconds: 100 }))),
    ).toEqual([
      `${SET}.maxDeliverySeconds must be a whole number of seconds from 300 to 50400; got 100.`,
    ]);
  });

  test("suppression reasons other than BOUNCE and COMPLAINT are refused, per set and per account", () => {
    expect(
      problems(
        input((set, account) => {
          set.api = "v2";
          set.suppressedReasons = ["UNSUBSCRIBE"];
          account.eventPublishing.accountSettings = { suppressedReasons: ["bounce"] };
        }),
      ),
    ).toEqual([
      `${SET}.suppressedReasons[0] must be one of BOUNCE, COMPLAINT; got "UNSUBSCRIBE".`,
      `accounts[0].eventPublishing.accountSettings.suppressedReasons[0] must be one of BOUNCE, COMPLAINT; got "bounce".`,
    ]);
  });

  test("with HTTPS required, the redirect domain must be a subdomain of the account's sending domain", () => {
    const tracked = (domain: string, policy: string) =>
      input((set) =>
        Object.assign(set, { api: "v2", customRedirectDomain: domain, httpsPolicy: policy }),
      );
    expect(problems(tracked("track.example.org", "REQUIRE"))).toEqual([
      `${SET}.customRedirectDomain must be a subdomain of the account's sending domain team-a.example.com, such as track.team-a.example.com, when httpsPolicy is REQUIRE: SES serves its HTTPS links only on a domain whose certificate the account can provision; got "track.example.org".`,
    ]);
    expect(problems(tracked("track.example.org", "OPTIONAL"))).toEqual([]);
    expect(problems(tracked("track.team-a.example.com", "REQUIRE_OPEN_ONLY"))).toEqual([]);
  });

  test("an HTTPS policy without a redirect domain is refused", () => {
    expect(
      problems(input((set) => Object.assign(set, { api: "v2", httpsPolicy: "REQUIRE" }))),
    ).toEqual([
      `${SET}.httpsPolicy applies to the custom redirect domain: set customRedirectDomain too, or leave httpsPolicy out; got "REQUIRE".`,
    ]);
  });
});

describe("npm run plan and a v1 -> v2 move", () => {
  test("the offline plan names the imports and forgets instead of planning the stack", () => {
    const [stack] = synthToDisk(
      config(input((set) => Object.assign(set, { api: "v2", fromV1: true }))),
    );
    const note = v2MoveNote(stack);
    expect(adoptEntries(stack)).toBe(note);
    expect(note).toBe(
      'it moves configuration set(s) transactional from SES v1 to SESv2 (fromV1): 3 import(s) (aws_sesv2_configuration_set.transactional <= transactional, aws_sesv2_configuration_set_event_destination.transactional_to-firehose <= transactional|to-firehose, aws_sesv2_configuration_set_event_destination.transactional_to-cloudwatch <= transactional|to-cloudwatch) and 3 forget(s) kept in AWS (aws_ses_configuration_set.transactional, aws_ses_event_destination.transactional_to-cloudwatch, aws_ses_event_destination.transactional_to-firehose), no create or delete of them; an offline plan cannot read the objects it imports: plan it with credentials (npx cdktf diff ses-team-a), apply it, then remove fromV1 (docs/event-publishing-v2.md "Move a set from v1 to v2").',
    );
  });

  test("a v2 set without fromV1 is planned offline as usual", () => {
    const [stack] = synthToDisk(config(input((set) => (set.api = "v2"))));
    expect(adoptEntries(stack)).toBeUndefined();
  });
});
