/**
 * The files `npm run schema` writes from the zod schema the app validates with:
 * schema/config.schema.json, the JSON Schema editors use to check and complete the configuration
 * file, and the key table of docs/configuration.md (reference.ts). A test fails when either
 * committed file is out of date.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { configJsonSchemaObject, withReference } from "./reference";

const root = join(__dirname, "..", "..");
export const CONFIG_REFERENCE_FILE = join(root, "docs", "configuration.md");
export const JSON_SCHEMA_FILE = join(root, "schema", "config.schema.json");

/** The text of schema/config.schema.json. */
export function configJsonSchema(): string {
  const schema = configJsonSchemaObject();
  return `${JSON.stringify({ ...schema, title: "SES multi-account configuration" }, null, 2)}\n`;
}

/** Writes both files, each as Prettier would format it; returns the paths written. */
export async function writeSchemaFiles(): Promise<string[]> {
  writeFileSync(JSON_SCHEMA_FILE, configJsonSchema());
  const page = withReference(readFileSync(CONFIG_REFERENCE_FILE, "utf8"));
  // Prettier is loaded only here: it cannot be required inside Jest, which imports this file.
  const { format } = await import("prettier");
  writeFileSync(CONFIG_REFERENCE_FILE, await format(page, { filepath: CONFIG_REFERENCE_FILE }));
  return [JSON_SCHEMA_FILE, CONFIG_REFERENCE_FILE];
}
