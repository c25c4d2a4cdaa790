/**
 * Figures and names the documentation quotes, tied to what the code synthesizes: a doc that says
 * something the code does not do fails here.
 */
import { allDocs, docText } from "../test-support/docs";
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
