/** The app command as cdktf runs it (cdktf.json "app"), end to end. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { JSON_SCHEMA_FILE, configJsonSchema } from "../src/config/schema-files";

jest.setTimeout(60_000);

const root = join(__dirname, "..");

function runApp(env: Record<string, string>) {
  const outdir = join(mkdtempSync(join(tmpdir(), "ses-app-")), "cdktf.out");
  const result = spawnSync(
    "node",
    [JSON.parse(readFileSync(join(root, "cdktf.json"), "utf8")).app.split(" ")[1]],
    {
      cwd: root,
      env: { ...process.env, ...env, CDKTF_OUTDIR: outdir },
      encoding: "utf8",
    },
  );
  return { ...result, outdir };
}

test("the example configuration synthesizes one stack per account", () => {
  const { status, outdir } = runApp({});
  expect(status).toBe(0);
  expect(existsSync(join(outdir, "stacks", "ses-tutorial", "cdk.tf.json"))).toBe(true);
});

test("a bad configuration exits 1, lists every problem, and writes nothing", () => {
  const file = join(mkdtempSync(join(tmpdir(), "ses-bad-")), "bad.yaml");
  writeFileSync(
    file,
    'accounts:\n  - name: Team\n    accountId: "12"\n    region: us-east-1\n    regoin: x\n',
  );
  const { status, stderr, stdout, outdir } = runApp({ SES_CONFIG: file });
  expect(status).toBe(1);
  expect(stderr).toBe(
    `${file} has 3 problems; nothing was synthesized:\n` +
      '  - accounts[0].name must be 1-40 characters of lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen; got "Team".\n' +
      '  - accounts[0].accountId must be exactly 12 digits (quote it in YAML so leading zeros survive); got "12".\n' +
      "  - accounts[0].regoin is not a known key (check the spelling; allowed here: name, accountId, region, roleArn, planRoleArn, tags, eventPublishing, smtp, sending, kmsKeyArn, adopt).\n",
  );
  expect(stdout).toBe("");
  expect(existsSync(outdir)).toBe(false);
});

test("a Terraform expression and a 5 MB value are refused in a few short lines, nothing written", () => {
  const file = join(mkdtempSync(join(tmpdir(), "ses-bad-")), "hostile.yaml");
  const account = (name: string, id: string) =>
    `  - name: ${name}\n    accountId: "${id}"\n    region: us-east-1\n`;
  writeFileSync(
    file,
    "accounts:\n" +
      account("a", "222222222222") +
      '    eventPublishing:\n      logs: {streamName: "${file(\\"/etc/hostname\\")}"}\n' +
      "      configurationSets: [{name: s, eventDestinations: [{name: d, matchingTypes: [send], firehose: {}}]}]\n" +
      account(`b${"x".repeat(5_000_000)}`, "333333333333"),
  );
  const { status, stderr, outdir } = runApp({ SES_CONFIG: file });
  expect(status).toBe(1);
  expect(stderr.split("\n")).toEqual([
    `${file} has 2 problems; nothing was synthesized:`,
    '  - accounts[0].eventPublishing.logs.streamName must not contain "${" or "%{" (Terraform would evaluate it as an expression; configuration strings are data); got "${file(\\"/etc/hostname\\")}".',
    `  - accounts[1].name must be 1-40 characters of lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen; got "b${"x".repeat(59)}"… (5000001 characters).`,
    "",
  ]);
  expect(existsSync(outdir)).toBe(false);
});

test("a missing configuration file is reported without a stack trace", () => {
  const { status, stderr } = runApp({ SES_CONFIG: "/nonexistent/ses.yaml" });
  expect(status).toBe(1);
  expect(stderr).toBe(
    "/nonexistent/ses.yaml has 1 problem; nothing was synthesized:\n  - the configuration cannot be read (ENOENT).\n",
  );
});

test("the committed JSON Schema is up to date with the zod schema (npm run schema)", () => {
  expect(readFileSync(JSON_SCHEMA_FILE, "utf8")).toBe(configJsonSchema());
});
