import { problems as configProblems } from "../../test-support/problems";
import { accountInput, config } from "../../test-support/fixtures";

const firehoseSet = {
  name: "transactional",
  eventDestinations: [{ name: "to-firehose", matchingTypes: ["send"], firehose: {} }],
};

function publishing(eventLake: unknown, extra: Record<string, unknown> = {}) {
  return { configurationSets: [firehoseSet], eventLake, ...extra };
}

function problems(eventPublishing: unknown): string[] {
  return configProblems({ accounts: [accountInput({ eventPublishing })] });
}

const P = "accounts[0].eventPublishing";

describe("eventPublishing.eventLake and dashboard", () => {
  test("an empty eventLake is valid and gets the documented defaults", () => {
    const parsed = config({ accounts: [accountInput({ eventPublishing: publishing({}) })] });
    expect(parsed.accounts[0].eventPublishing!.eventLake).toEqual({
      databaseName: "ses_events",
      workgroupName: "ses-events",
      resultPrefix: "athena-results/",
      resultExpirationDays: 30,
      bytesScannedCutoffPerQuery: 1073741824,
    });
  });

  test("every option together is valid", () => {
    expect(
      problems(
        publishing(
          {
            databaseName: "ses_events_prod",
            workgroupName: "ses.events-prod",
            resultPrefix: "athena/results/",
            resultExpirationDays: 7,
            bytesScannedCutoffPerQuery: 10485760,
            tagName: "campaign-id_2",
          },
          { dashboard: { name: "ses-prod" } },
        ),
      ),
    ).toEqual([]);
  });

  test("the issue's four bad inputs are refused together, each with path, value and what is allowed", () => {
    const sets = [{ name: "cloudwatch-only", eventDestinations: [] }];
    expect(
      problems({
        configurationSets: sets,
        eventLake: {
          tagName: "campaign name",
          bytesScannedCutoffPerQuery: 1000000,
          resultPrefix: "ses/results/",
        },
      }),
    ).toEqual([
      `${P}.eventLake.bytesScannedCutoffPerQuery must be a whole number of bytes of at least 10485760 (Athena's minimum per-query limit, 10 MB); got 1000000.`,
      `${P}.eventLake.tagName must be a name SES can carry as a message tag: 1-256 characters of ASCII letters, digits, underscores and hyphens; got "campaign name".`,
      `${P}.eventLake needs a configuration set with a Firehose event destination (the table reads what Firehose writes); the account has none.`,
      `${P}.eventLake.resultPrefix must not overlap the prefix Firehose writes under ("ses/"): queries would read their own results; got "ses/results/".`,
    ]);
  });

  test("results above the events' prefix are refused too (the table's location would hold them)", () => {
    expect(
      problems(
        publishing({ resultPrefix: "events/" }, { deliveryStream: { prefix: "events/ses/" } }),
      ),
    ).toEqual([
      `${P}.eventLake.resultPrefix must not overlap the prefix Firehose writes under ("events/ses/"): queries would read their own results; got "events/".`,
    ]);
  });

  test("a prefix whose layout the projection cannot follow is refused when the lake is on", () => {
    const prefix = "ses/!{timestamp:yyyy}/!{firehose:random-string}/";
    expect(
      problems(
        publishing(
          {},
          {
            deliveryStream: { prefix, errorOutputPrefix: "errors/!{firehose:error-output-type}/" },
          },
        ),
      ),
    ).toEqual([
      `${P}.deliveryStream.prefix must use no expression or exactly one !{timestamp:…} (the event table projects one time partition; !{firehose:random-string} or several expressions cannot be projected) when eventLake is on; got "${prefix}".`,
    ]);
  });

  test("a prefix with one timestamp expression is accepted", () => {
    expect(
      problems(
        publishing(
          {},
          {
            deliveryStream: {
              prefix: "ses/!{timestamp:yyyy/MM/dd}/",
              errorOutputPrefix: "errors/!{firehose:error-output-type}/",
            },
          },
        ),
      ),
    ).toEqual([]);
  });

  test("a dashboard name CloudWatch does not accept is refused", () => {
    expect(problems(publishing(undefined, { dashboard: { name: "ses prod" } }))).toEqual([
      `${P}.dashboard.name must be 1-255 characters of letters, digits, underscores and hyphens; got "ses prod".`,
    ]);
  });
});

describe("eventPublishing.deliveryStream.parquet", () => {
  test("with eventLake it is valid, the S3 compression and buffer left to the stream", () => {
    const input = publishing({}, { deliveryStream: { parquet: true } });
    expect(problems(input)).toEqual([]);
    const stream = config({ accounts: [accountInput({ eventPublishing: input })] }).accounts[0]
      .eventPublishing!.deliveryStream;
    expect(stream).toMatchObject({ parquet: true });
    expect(stream).not.toHaveProperty("compression");
  });

  test("UNCOMPRESSED and a buffer of 64 MiB or more are accepted with it", () => {
    const deliveryStream = { parquet: true, compression: "UNCOMPRESSED", bufferingSizeMb: 64 };
    expect(problems(publishing({}, { deliveryStream }))).toEqual([]);
  });

  test("Parquet without a table, with S3 compression and with a small buffer: refused together", () => {
    expect(
      problems(
        publishing(undefined, {
          deliveryStream: { parquet: true, compression: "GZIP", bufferingSizeMb: 5 },
        }),
      ),
    ).toEqual([
      `${P}.deliveryStream.parquet can be true only with eventPublishing.eventLake (Firehose converts the events with the columns of the event lake's Parquet table); got true without it.`,
      `${P}.deliveryStream.compression must be "UNCOMPRESSED" with parquet (Firehose compresses Parquet inside the file, with SNAPPY, and takes no S3 compression with format conversion); got "GZIP".`,
      `${P}.deliveryStream.bufferingSizeMb must be at least 64 MiB with parquet (Firehose's smallest buffer with record format conversion); got 5.`,
    ]);
  });

  test("a value the schema refuses anyway is reported once, by the schema", () => {
    const deliveryStream = { parquet: true, compression: "LZ4", bufferingSizeMb: 0 };
    const found = problems(publishing({}, { deliveryStream }));
    expect(found).toHaveLength(2);
    expect(found.join("\n")).not.toContain("with parquet");
  });

  test("without parquet, any compression and buffer stay allowed", () => {
    const deliveryStream = { compression: "GZIP", bufferingSizeMb: 5 };
    expect(problems(publishing({}, { deliveryStream }))).toEqual([]);
  });
});
