/**
 * Figures and names the documentation quotes, tied to what the code synthesizes: a doc that says
 * something the code does not do fails here.
 */
import { allDocs, docText } from "../test-support/docs";
import { DASHBOARD_ROWS } from "../src/constructs/ses-dashboard";
import { EVENT_LAKE_DEFAULTS } from "../src/constructs/ses-event-publishing";
import { EVENT_QUERIES_DEFAULTS } from "../src/constructs/ses-event-queries";
import { ATHENA_MIN_BYTES_SCANNED_CUTOFF, FORMAT_CONVERSION } from "../src/private/aws-facts";
import { PARQUET_TABLE_NAME, eventQueries } from "../src/private/event-queries";
import { parquetPrefix } from "../src/private/ses-event-schema";
import { SES_REVIEW_RATES } from "../src/private/ses-facts";
import { percent } from "../src/private/value-problems";
import { config, exampleInput, synthToDisk } from "../test-support/synth";
import { HOURLY_USD, monthlyUsd } from "../src/private/cost-figures";

/** The example, with a customer-managed key on its first account (for the key outputs). */
function exampleWithKey(): Record<string, unknown> {
  const input = exampleInput() as { accounts: Record<string, unknown>[] };
  const account = input.accounts[0];
  const key = `arn:aws:kms:${account.region}:${account.accountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  input.accounts[0] = { ...account, kmsKeyArn: key };
  return input;
}

const stacks = [...synthToDisk(config(exampleInput())), ...synthToDisk(config(exampleWithKey()))];

function resources(type: string): Record<string, unknown>[] {
  return stacks.flatMap((s) => Object.values(s.json.resource?.[type] ?? {})) as Record<
    string,
    unknown
  >[];
}

test("the SMTP secrets' recovery window the docs quote is the one synthesized", () => {
  const windows = new Set(
    resources("aws_secretsmanager_secret").map((s) => s.recovery_window_in_days),
  );
  expect(windows.size).toBe(1);
  const [days] = windows;
  expect(docText("docs/sending.md")).toContain(`have a ${days}-day recovery window`);
  const quoted = [...allDocs().matchAll(/(\d+)-day recovery window/g)].map((m) => Number(m[1]));
  expect(quoted).toEqual([days]);
});

test("every stack output the docs name is an output of a synthesized stack", () => {
  const outputs = new Set(stacks.flatMap((s) => Object.keys(s.json.output ?? {})));
  const named = [
    ...allDocs().matchAll(/terraform output (?:-raw |-json )?([a-z_]+)/g),
    ...allDocs().matchAll(/output `([a-z_]+)`/g),
  ].map((m) => m[1]);
  expect(named.length).toBeGreaterThan(3);
  expect(named.filter((name) => !outputs.has(name))).toEqual([]);
});

test("the key policy output exists only where a customer-managed key is used, as the docs say", () => {
  const withOutput = stacks.filter((s) => s.json.output?.kms_key_policy_statements);
  expect(withOutput.length).toBe(1);
  expect(docText("docs/security.md")).toContain(
    "each account stack that uses a customer-managed key\n(any `kmsKeyArn` above) has the output `kms_key_policy_statements`",
  );
});

test("smtp-check on an instance is run as the copied file: npx works only in a checkout (the package is private)", () => {
  expect(JSON.parse(docText("package.json")).private).toBe(true);
  const inCheckout =
    '# or, with the package installed (package.json "bin", also after npm install --omit=dev):\nnpx smtp-check';
  expect(docText("docs/smtp-check.md")).toContain(inCheckout);
  expect(allDocs().replace(inCheckout, "")).not.toContain("npx smtp-check");
});

test("the README's monthly cost figures are the hourly list prices the code records", () => {
  const quoted = [...docText("README.md").matchAll(/\$(\d+)\/month/g)].map((m) => Number(m[1]));
  expect(quoted).toEqual([
    monthlyUsd(HOURLY_USD.natGateway),
    monthlyUsd(HOURLY_USD.interfaceEndpointPerAz),
  ]);
});

describe("the event lake's docs quote what the code does", () => {
  const readme = docText("README.md");
  const lakeDoc = docText("docs/event-lake.md");

  test("the README's dashboard picture has the dashboard's rows, review rates and log lines", () => {
    const picture = /```text\n(\+-[\s\S]*?)```/.exec(
      readme.slice(readme.indexOf("## Query your events")),
    )![1];
    const rows = picture
      .split("\n")
      .filter((line) => line.startsWith("| "))
      .map((line) =>
        line
          .slice(2, -2)
          .split(" | ")
          .map((cell) => cell.trim().replace(/ \(.*\)$/, "")),
      );
    expect(rows).toEqual(DASHBOARD_ROWS.map((row) => [...row]));
    expect(picture).toContain(`AWS review at ${percent(SES_REVIEW_RATES.bounce)}`);
    expect(picture).toContain(`AWS review at ${percent(SES_REVIEW_RATES.complaint)}`);
    const dashboard = resources("aws_cloudwatch_dashboard")[0].dashboard_body as string;
    const lines = /limit (\d+)/.exec(dashboard)![1];
    expect(picture).toContain(`the latest ${lines} lines`);
    expect(lakeDoc).toContain(`the latest ${lines} lines`);
  });

  test("the named queries the docs list are the synthesized ones", () => {
    const synthesized = resources("aws_athena_named_query").map((q) => q.name as string);
    expect([...new Set(synthesized)].sort()).toEqual(
      eventQueries("campaign")
        .map((q) => q.name)
        .sort(),
    );
    for (const name of synthesized) expect(readme).toContain(`\`${name}\``);
    const listed = [...lakeDoc.matchAll(/^\| `([a-z-]+)(?:<tagName>)?`\s+\|/gm)].map((m) => m[1]);
    expect(listed).toEqual(eventQueries("").map((q) => q.name));
  });

  test("the Parquet section quotes what the stream and the table do with parquet", () => {
    const section = lakeDoc
      .slice(lakeDoc.indexOf("## Parquet"), lakeDoc.indexOf("## Dashboard"))
      .replace(/\s+/g, " ");
    expect(section).toContain(
      `S3 compression must be \`${FORMAT_CONVERSION.compression}\` (Parquet is compressed inside the file) and the buffer at least ${FORMAT_CONVERSION.minBufferingSizeMb} MiB`,
    );
    expect(section).toContain(`\`ses/\` gives \`${parquetPrefix("ses/")}2026/12/07/08/\``);
    const daily = "events/!{timestamp:yyyy/MM/dd}/";
    expect(section).toContain(`\`${daily}\` gives \`${parquetPrefix(daily)}\``);
    expect(section).toContain(`second table, \`${PARQUET_TABLE_NAME}\``);
    const [query] = eventQueries(undefined, true);
    const union = /FROM (\(SELECT \* FROM [^)]*\))/.exec(query.sql)![1];
    expect(section).toContain(`reads \`${union}\``);
  });

  test("the defaults the event lake page quotes are the code's", () => {
    const defaults: [string, string][] = [
      ["databaseName", `\`${EVENT_LAKE_DEFAULTS.databaseName}\``],
      ["workgroupName", `\`${EVENT_QUERIES_DEFAULTS.workgroupName}\``],
      ["resultPrefix", `\`${EVENT_QUERIES_DEFAULTS.resultPrefix}\``],
      ["resultExpirationDays", String(EVENT_LAKE_DEFAULTS.resultExpirationDays)],
      [
        "bytesScannedCutoffPerQuery",
        `${EVENT_QUERIES_DEFAULTS.bytesScannedCutoffPerQuery} (1 GiB)`,
      ],
    ];
    for (const [key, value] of defaults) {
      expect(lakeDoc).toMatch(new RegExp(`\\| \`${key}\`\\s+\\| ${escape(value)}\\s+\\|`));
    }
    expect(lakeDoc).toContain(
      `at least ${ATHENA_MIN_BYTES_SCANNED_CUTOFF} (Athena's minimum, 10 MB)`,
    );
    expect(ATHENA_MIN_BYTES_SCANNED_CUTOFF).toBe(10 * 1024 * 1024);
    expect(EVENT_QUERIES_DEFAULTS.bytesScannedCutoffPerQuery).toBe(1024 ** 3);
  });
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
