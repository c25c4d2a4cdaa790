import { formatPath } from "../../src/config/config-error";
import { configSchema } from "../../src/config/schema";
import { problems } from "../../test-support/problems";
import { setAt, stringFields } from "../../test-support/schema-fields";
import { accountInput, exampleInput } from "../../test-support/fixtures";

const REFUSED =
  'must not contain "${" or "%{" (Terraform would evaluate it as an expression; configuration strings are data)';
const EXPRESSION = '${file("/etc/hostname")}';
const DIRECTIVE = "%{ if true }x%{ endif }";

describe("every string field of the schema refuses Terraform expressions", () => {
  const fields = stringFields(configSchema);

  test("the schema walk finds every string field, including the one of the report", () => {
    expect(fields.length).toBeGreaterThan(50);
    expect(fields.map((f) => formatPath(f.path))).toEqual(
      expect.arrayContaining([
        "accounts[0].eventPublishing.logs.streamName",
        "accounts[0].sending.applications[0].fromAddresses[0]",
        "smtpHubs[0].subnetIds[0]",
        "state.s3.keyPrefix",
        "$schema",
      ]),
    );
  });

  test.each(
    fields.map(
      (field, i) => [formatPath(field.path), field, i % 2 ? DIRECTIVE : EXPRESSION] as const,
    ),
  )("%s", (_, field, payload) => {
    const input = exampleInput();
    if (field.isKey) {
      setAt(input, [...field.path, payload], "x");
      expect(problems(input)).toContain(`${formatPath([...field.path, payload])} key ${REFUSED}.`);
    } else {
      setAt(input, field.path, payload);
      expect(problems(input)).toContain(
        `${formatPath(field.path)} ${REFUSED}; got ${JSON.stringify(payload)}.`,
      );
    }
  });
});

describe("strings are data", () => {
  test("the reported file read through a log stream name is refused, and only for that", () => {
    const account = accountInput();
    (account.eventPublishing as any).logs = { streamName: EXPRESSION };
    expect(problems({ accounts: [account] })).toEqual([
      `accounts[0].eventPublishing.logs.streamName ${REFUSED}; got "\${file(\\"/etc/hostname\\")}".`,
    ]);
  });

  test("a key the schema does not know is checked too, besides being unknown", () => {
    expect(problems({ accounts: [accountInput({ "${path.cwd}": "x" })] })).toEqual([
      `accounts[0].\${path.cwd} key ${REFUSED}.`,
    ]);
  });

  test("Firehose's own !{…} expressions and a lone $ or % are data and allowed", () => {
    const account = accountInput();
    (account.eventPublishing as any).deliveryStream = {
      prefix: "ses/!{timestamp:yyyy}/",
      errorOutputPrefix: "errors/!{firehose:error-output-type}/!{timestamp:yyyy}/",
    };
    account.sending = {
      domain: "example.com",
      applications: [{ name: "app", fromAddresses: ["100%@example.com"] }],
    };
    expect(problems({ accounts: [account] })).toEqual([]);
  });
});
