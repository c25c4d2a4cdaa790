/**
 * Turning Parquet on for an account whose event lake is already applied (docs/event-lake.md,
 * Parquet): one account with a Firehose destination and `eventLake` applied on the AWS emulator;
 * then `deliveryStream.parquet: true`: the refreshed plan (`terraform show -json`) creates the
 * Parquet table and changes the stream and its role's policy in place; the JSON table, the
 * bucket, the stream and the workgroup are neither replaced nor deleted. The named queries are
 * replaced (new ids, same names): their text now reads both tables, and aws_athena_named_query
 * has no in-place update (every argument forces a new one). That plan applies, the emulator has
 * the conversion and both tables, and a second plan is empty. Destroyed to nothing at the end.
 */
import { eventQueries } from "../../src/private/event-queries";
import { Deployment, describeWithEmulator } from "../../test-support/emulator/fleet-run";
import { EmulatedAccount } from "../../test-support/emulator/readback";
import { applySavedPlan, changes, planJson } from "../../test-support/emulator/terraform";
import { ConfigInput } from "../../test-support/emulator/world";

jest.setTimeout(600_000);

const ID = "555555555555";
const REGION = "us-east-1";
const STACK = "ses-lake";
const NAMED_QUERIES = eventQueries("campaign")
  .map((q) => q.name)
  .sort();

function input(parquet: boolean): ConfigInput {
  return {
    accounts: [
      {
        name: "lake",
        accountId: ID,
        region: REGION,
        roleArn: `arn:aws:iam::${ID}:role/terraform`,
        eventPublishing: {
          iamPropagationSeconds: 0,
          configurationSets: [
            {
              name: "lake-events",
              eventDestinations: [
                { name: "archive", matchingTypes: ["send", "bounce"], firehose: {} },
              ],
            },
          ],
          eventLake: { tagName: "campaign" },
          ...(parquet && { deliveryStream: { parquet: true } }),
        },
      },
    ],
  };
}

describeWithEmulator("Parquet turned on for an applied event lake", () => {
  const deployment = new Deployment(1);
  let plan: any;

  beforeAll(async () => {
    await deployment.start();
    await deployment.seed(input(false));
    await deployment.applyAll();
    deployment.synth(input(true));
    plan = await planJson(deployment.stack(STACK));
  });

  afterAll(() => deployment.stop());

  test("the plan creates the Parquet table, updates the stream and its role in place, and replaces only the named queries", () => {
    expect(changes(plan)).toEqual([
      ...NAMED_QUERIES.map((name) => `aws_athena_named_query.${name}: delete+create`),
      "aws_glue_catalog_table.events_parquet: create",
      "aws_iam_role_policy.firehose: update",
      "aws_kinesis_firehose_delivery_stream.events: update",
    ]);
  });

  test("a named query is replaced for its text alone: the provider cannot update one in place", () => {
    const replaced = (plan.resource_changes ?? []).filter((c: any) =>
      c.change.actions.includes("delete"),
    );
    expect(replaced.map((c: any) => [c.type, c.change.replace_paths])).toEqual(
      NAMED_QUERIES.map(() => ["aws_athena_named_query", [["query"]]]),
    );
  });

  test("the apply converts to Parquet, with both tables and the named queries in place", async () => {
    await applySavedPlan(deployment.stack(STACK));
    const account = await EmulatedAccount.open(deployment.emulator.url, ID, REGION);
    const stream = await account.deliveryStream("tf-delivery-stream");
    const s3 = stream.Destinations![0].ExtendedS3DestinationDescription!;
    expect(s3).toMatchObject({
      Prefix: "ses/parquet/",
      CompressionFormat: "UNCOMPRESSED",
      BufferingHints: { SizeInMBs: 64 },
      DataFormatConversionConfiguration: {
        Enabled: true,
        SchemaConfiguration: { DatabaseName: "ses_events", TableName: "events_parquet" },
      },
    });
    const json = await account.eventLake("ses_events", "events", "ses-events");
    const parquet = await account.eventLake("ses_events", "events_parquet", "ses-events");
    const bucket = `s3://ses-events-${ID}-${REGION}/`;
    expect([json.location, parquet.location]).toEqual([`${bucket}ses/`, `${bucket}ses/parquet/`]);
    expect(parquet.columns).toEqual(json.columns);
    expect(Object.keys(parquet.namedQueries).sort()).toEqual(NAMED_QUERIES);
  });

  test("a second plan is empty, and the stack destroys to nothing", async () => {
    expect(await deployment.pendingChanges()).toEqual({ [STACK]: [] });
    await deployment.destroyAll();
    const account = await EmulatedAccount.open(deployment.emulator.url, ID, REGION);
    expect(await account.leftovers()).toEqual({});
  });
});
