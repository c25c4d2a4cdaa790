import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  REFERENCE_END,
  REFERENCE_START,
  configReference,
  withReference,
} from "../../src/config/reference";
import { configJsonSchemaObject } from "../../src/config/reference";

const page = readFileSync(join(__dirname, "..", "..", "docs", "configuration.md"), "utf8");

test("docs/configuration.md's key table is the schema's (run npm run schema after changing it)", () => {
  expect(page).toContain(REFERENCE_START);
  expect(page).toContain(REFERENCE_END);
  // Prettier aligns the table's columns; the cells are what must match.
  const cells = (text: string) => text.replace(/ +/g, " ").replace(/-{3,}/g, "---");
  expect(cells(page)).toBe(cells(withReference(page)));
});

test("the table lists every key of the schema with its default", () => {
  const table = configReference();
  const schema = configJsonSchemaObject() as { properties: Record<string, unknown> };
  for (const key of Object.keys(schema.properties).filter((k) => k !== "$schema"))
    expect(table).toContain(`| \`${key}\` |`);
  expect(table).toContain('| `state.s3.keyPrefix` | string | `"ses"` |');
  expect(table).toContain("| `accounts[].accountId` | string | required |");
});
