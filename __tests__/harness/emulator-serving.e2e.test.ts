/**
 * How the emulator serves requests, where moto's server alone differs from AWS.
 *
 * One request at a time (moto_ext/serial.py), as AWS handles each call atomically: 300 event
 * destinations of one configuration set created at once are all there, and deleted at once are
 * all gone, every delete answered with success. The emulator runs with a tiny thread switch
 * interval, so requests handled at once interleave: without serial.py, some deletes were refused
 * (EventDestinationDoesNotExist) in each of four runs. At Python's default interval that happens
 * only now and then, on a loaded machine.
 *
 * A call an SDK sends again after a success gets that success again (moto_ext/retries.py): the
 * create runs once. A call whose first attempt failed runs again.
 */
import { readFileSync } from "node:fs";
import {
  CreateConfigurationSetCommand,
  CreateConfigurationSetEventDestinationCommand,
  DeleteConfigurationSetEventDestinationCommand,
  DescribeConfigurationSetCommand,
  CloudWatchDestination,
  SESClient,
} from "@aws-sdk/client-ses";
import {
  Emulator,
  startEmulator,
  unsignedAuthorization,
} from "../../test-support/emulator/emulator";
import { EMULATOR_CREDENTIALS } from "../../test-support/emulator/terraform";
import { describeWithEmulator } from "../../test-support/emulator/fleet-run";

jest.setTimeout(120_000);

const SET = "parallel";
/** Sent at once (the SDK's client keeps up to 50 connections open, each request on one). */
const NAMES = Array.from({ length: 300 }, (_, i) => `d${i}`);

const cloudWatch: CloudWatchDestination = {
  DimensionConfigurations: [
    {
      DimensionName: "campaign",
      DimensionValueSource: "messageTag",
      DefaultDimensionValue: "none",
    },
  ],
};

describeWithEmulator("how the emulator serves requests", () => {
  let emulator: Emulator;
  let ses: SESClient;

  const destinations = async (set: string) =>
    (
      await ses.send(
        new DescribeConfigurationSetCommand({
          ConfigurationSetName: set,
          ConfigurationSetAttributeNames: ["eventDestinations"],
        }),
      )
    ).EventDestinations!.map((d) => d.Name!);

  /** CreateConfigurationSetEventDestination as an SDK sends attempt `attempt` of one call. */
  const sendAttempt = (set: string, invocation: string, attempt: number) =>
    fetch(emulator.url, {
      method: "POST",
      headers: {
        authorization: unsignedAuthorization("email"),
        "content-type": "application/x-www-form-urlencoded",
        "amz-sdk-invocation-id": invocation,
        "amz-sdk-request": `attempt=${attempt}; max=3`,
      },
      body: new URLSearchParams({
        Action: "CreateConfigurationSetEventDestination",
        Version: "2010-12-01",
        ConfigurationSetName: set,
        "EventDestination.Name": "archive",
        "EventDestination.MatchingEventTypes.member.1": "send",
        "EventDestination.CloudWatchDestination.DimensionConfigurations.member.1.DimensionName":
          "campaign",
        "EventDestination.CloudWatchDestination.DimensionConfigurations.member.1.DimensionValueSource":
          "messageTag",
        "EventDestination.CloudWatchDestination.DimensionConfigurations.member.1.DefaultDimensionValue":
          "none",
      }).toString(),
    });

  beforeAll(async () => {
    emulator = await startEmulator({ threadSwitchSeconds: 1e-6 });
    ses = new SESClient({
      region: "us-east-1",
      endpoint: emulator.url,
      credentials: EMULATOR_CREDENTIALS,
      maxAttempts: 1, // a refused request must show here, not be retried
    });
    await ses.send(new CreateConfigurationSetCommand({ ConfigurationSet: { Name: SET } }));
  });

  afterAll(async () => {
    ses?.destroy();
    await emulator?.stop();
  });

  test("destinations created at once are all there", async () => {
    await Promise.all(
      NAMES.map((name) =>
        ses.send(
          new CreateConfigurationSetEventDestinationCommand({
            ConfigurationSetName: SET,
            EventDestination: {
              Name: name,
              MatchingEventTypes: ["send"],
              CloudWatchDestination: cloudWatch,
            },
          }),
        ),
      ),
    );
    expect((await destinations(SET)).sort()).toEqual([...NAMES].sort());
  });

  test("destinations deleted at once are all deleted, each delete answered with success", async () => {
    const deletes = await Promise.allSettled(
      NAMES.map((name) =>
        ses.send(
          new DeleteConfigurationSetEventDestinationCommand({
            ConfigurationSetName: SET,
            EventDestinationName: name,
          }),
        ),
      ),
    );
    const refused = deletes.flatMap((d, i) =>
      d.status === "rejected" ? [`${NAMES[i]}: ${d.reason}`] : [],
    );
    expect(refused).toEqual([]);
    expect(await destinations(SET)).toEqual([]);
  });

  test("a create sent again after its success is answered with that success and runs once", async () => {
    await ses.send(new CreateConfigurationSetCommand({ ConfigurationSet: { Name: "retried" } }));
    const first = await sendAttempt("retried", "3f1c2d9e-0000-4000-8000-000000000001", 1);
    const again = await sendAttempt("retried", "3f1c2d9e-0000-4000-8000-000000000001", 2);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(await again.text()).toBe(await first.text());
    expect(await destinations("retried")).toEqual(["archive"]);
    const log = readFileSync(emulator.logFile, "utf8").split("\n");
    expect(log).toContainEqual(
      expect.stringMatching(
        / CreateConfigurationSetEventDestination 200 [\d.]+s attempt 2 \(first answer repeated\)$/,
      ),
    );
  });

  test("a call whose first attempt failed runs again", async () => {
    const invocation = "3f1c2d9e-0000-4000-8000-000000000002";
    const refused = await sendAttempt("late", invocation, 1);
    await ses.send(new CreateConfigurationSetCommand({ ConfigurationSet: { Name: "late" } }));
    const again = await sendAttempt("late", invocation, 2);
    expect([refused.status, again.status]).toEqual([400, 200]);
    expect(await destinations("late")).toEqual(["archive"]);
  });
});
