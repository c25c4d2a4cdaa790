/**
 * Moving a configuration set from SES v1 to SESv2 on the AWS emulator, in the README's order
 * ("Move a configuration set from v1 to v2"): apply a v1 set with a Firehose and a CloudWatch
 * destination; flip it to `api: v2` with `fromV1: true` and plan: the v2 addresses are imported,
 * the v1 ones forgotten, and nothing is created or deleted; apply that plan, re-plan empty, and
 * the emulator still has the one set with its destinations (read with either API); `fromV1`
 * removed, the plan stays empty. Then v2-only
 * settings (an EventBridge destination with deliveryDelay, per-set suppression, account settings
 * and a dedicated pool) apply in place, and everything is destroyed.
 */
import { plannedChanges, report } from "../../src/review/plan-summary";
import { Deployment, describeWithEmulator } from "../../test-support/emulator/fleet-run";
import { EmulatedAccount } from "../../test-support/emulator/readback";
import {
  applySavedPlan,
  changes,
  destroy,
  planChanges,
  planJson,
} from "../../test-support/emulator/terraform";

jest.setTimeout(900_000);

const ID = "111111111111";
const STACK = "ses-mover";
const SET = "mover-events";

const destinations = [
  { name: "archive", matchingTypes: ["send", "bounce"], firehose: {} },
  {
    name: "metrics",
    matchingTypes: ["send"],
    cloudwatch: { dimensions: [{ name: "campaign", defaultValue: "none" }] },
  },
];

function input(set: Record<string, unknown>, publishing: Record<string, unknown> = {}) {
  return {
    accounts: [
      {
        name: "mover",
        accountId: ID,
        region: "us-east-1",
        roleArn: `arn:aws:iam::${ID}:role/terraform`,
        eventPublishing: {
          iamPropagationSeconds: 0,
          configurationSets: [{ name: SET, eventDestinations: destinations, ...set }],
          ...publishing,
        },
      },
    ],
  };
}

/** `address: actions` of the plan's SES resources, no-ops included (imports are no-ops). */
function sesActions(plan: any): string[] {
  return (plan.resource_changes ?? [])
    .filter((c: { type: string }) => c.type.startsWith("aws_ses"))
    .map(
      (c: { address: string; change: { actions: string[]; importing?: { id: string } } }) =>
        `${c.address}: ${c.change.actions.join("+")}${c.change.importing ? ` (import ${c.change.importing.id})` : ""}`,
    )
    .sort();
}

describeWithEmulator("moving a configuration set from SES v1 to SESv2", () => {
  const deployment = new Deployment(1);
  let account: EmulatedAccount;
  const stack = () => deployment.stack(STACK);

  beforeAll(async () => {
    await deployment.start();
    await deployment.seed(input({}));
    account = await EmulatedAccount.open(deployment.emulator.url, ID, "us-east-1");
    await deployment.applyAll();
  });

  afterAll(() => deployment.stop());

  test("step 1: the v1 set and its destinations are applied with the v1 resources", async () => {
    expect(sesActions(await planJson(stack()))).toEqual([
      "aws_ses_configuration_set.mover-events: no-op",
      "aws_ses_event_destination.mover-events_archive: no-op",
      "aws_ses_event_destination.mover-events_metrics: no-op",
    ]);
  });

  test("step 2: flipped to v2 with fromV1, the plan imports and forgets, and creates or deletes nothing", async () => {
    deployment.synth(input({ api: "v2", fromV1: true }));
    const plan = await planJson(stack());
    expect(sesActions(plan)).toEqual([
      "aws_ses_configuration_set.mover-events: forget",
      "aws_ses_event_destination.mover-events_archive: forget",
      "aws_ses_event_destination.mover-events_metrics: forget",
      // The v1 API has no tags: the provider's default tags are added in place.
      "aws_sesv2_configuration_set.mover-events: update (import mover-events)",
      "aws_sesv2_configuration_set_event_destination.mover-events_archive: no-op (import mover-events|archive)",
      "aws_sesv2_configuration_set_event_destination.mover-events_metrics: no-op (import mover-events|metrics)",
    ]);
    expect(changes(plan).filter((c) => /create|delete/.test(c))).toEqual([]);
    const summary = report({
      name: STACK,
      seconds: 0,
      changes: plannedChanges(stack(), plan),
      errors: [],
      notes: [],
    });
    expect(summary).toContain("1 to update, 2 to import, 3 to forget");
    expect(summary).toContain(
      "<= aws_sesv2_configuration_set_event_destination.mover-events_archive  [aws.mover]  imported (id mover-events|archive): the existing object is adopted as it is, nothing is created",
    );
    expect(summary).toContain(
      ".. aws_ses_configuration_set.mover-events  [aws.mover]  forgotten: leaves this state and stays in AWS (removed, destroy = false); nothing is deleted",
    );
    expect(summary).toContain(
      "~  aws_sesv2_configuration_set.mover-events  [aws.mover]  imported (id mover-events), then changes tags_all",
    );
    expect(summary).not.toContain("!!");
    await applySavedPlan(stack());
  });

  test("step 3: after the apply, the re-plan is empty and the emulator has the one set, both destinations, read by either API", async () => {
    expect(await planChanges(stack())).toEqual([]);
    const set = await account.configurationSetV2(SET);
    expect(set.delivery).toEqual({ TlsPolicy: "REQUIRE" });
    const byName = (names: (string | undefined)[]) => names.sort();
    expect(
      byName(set.destinations.map((d) => `${d.Name}: ${byName(d.MatchingEventTypes ?? [])}`)),
    ).toEqual(["archive: BOUNCE,SEND", "metrics: SEND"]);
    expect(byName((await account.eventDestinations(SET)).map((d) => d.Name))).toEqual([
      "archive",
      "metrics",
    ]);
    expect((await account.leftovers())["ses configuration sets"]).toEqual([SET]);
  });

  test("step 4: with fromV1 removed (its import and removed blocks with it), the plan is still empty", async () => {
    deployment.synth(input({ api: "v2" }));
    expect(stack().json.import).toBeUndefined();
    expect(stack().json.removed).toBeUndefined();
    expect(await planChanges(stack())).toEqual([]);
  });

  test("step 5: v2-only settings apply in place: EventBridge with deliveryDelay, suppression, account settings and a pool", async () => {
    const events = {
      name: "events",
      matchingTypes: ["deliveryDelay", "subscription", "bounce"],
      eventBridge: {},
    };
    deployment.synth({
      accounts: [
        {
          ...input({}).accounts[0],
          eventPublishing: {
            ...input({}).accounts[0].eventPublishing,
            accountSettings: {
              suppressedReasons: ["BOUNCE", "COMPLAINT"],
              vdm: { engagementMetrics: "ENABLED" },
              dedicatedIpPools: [{ name: "mover-pool", scalingMode: "MANAGED" }],
            },
            configurationSets: [
              {
                name: SET,
                api: "v2",
                suppressedReasons: [],
                maxDeliverySeconds: 3600,
                sendingPoolName: "mover-pool",
                eventDestinations: [...destinations, events],
              },
            ],
          },
        },
      ],
    });
    const plan = await planJson(stack());
    expect(changes(plan).filter((c) => /delete/.test(c))).toEqual([]);
    await applySavedPlan(stack());
    expect(await planChanges(stack())).toEqual([]);
    const set = await account.configurationSetV2(SET);
    expect(set.delivery).toEqual({
      TlsPolicy: "REQUIRE",
      MaxDeliverySeconds: 3600,
      SendingPoolName: "mover-pool",
    });
    expect(set.suppression).toEqual({ SuppressedReasons: [] });
    expect(set.destinations.find((d) => d.Name === "events")).toEqual({
      Name: "events",
      Enabled: true,
      MatchingEventTypes: expect.arrayContaining(["DELIVERY_DELAY", "SUBSCRIPTION", "BOUNCE"]),
      EventBridgeDestination: { EventBusArn: `arn:aws:events:us-east-1:${ID}:event-bus/default` },
    });
    expect(await account.sesAccountSettings("mover-pool")).toMatchObject({
      suppressedReasons: ["BOUNCE", "COMPLAINT"],
      vdm: { VdmEnabled: "ENABLED", DashboardAttributes: { EngagementMetrics: "ENABLED" } },
      pool: { PoolName: "mover-pool", ScalingMode: "MANAGED" },
    });
  });

  test("step 6: destroy leaves no configuration set", async () => {
    await destroy(stack());
    expect(await account.leftovers()).toEqual({});
  });
});
