/**
 * Writes schema/config.schema.json, the JSON Schema editors use to check and complete the
 * configuration file, derived from the zod schema the app validates with (`npm run schema`).
 * Also writes the key table of docs/configuration.md (src/config/reference.ts). A test fails
 * when either committed file is out of date.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { withReference } from "../src/config/reference";
import { configSchema } from "../src/config/schema";

export const CONFIG_REFERENCE_FILE = join(__dirname, "..", "docs", "configuration.md");
export const JSON_SCHEMA_FILE = join(__dirname, "..", "schema", "config.schema.json");

export function configJsonSchema(): string {
  const schema = z.toJSONSchema(configSchema, { io: "input", unrepresentable: "any" });
  return `${JSON.stringify({ ...schema, title: "SES multi-account configuration" }, null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(JSON_SCHEMA_FILE, configJsonSchema());
  console.log(`wrote ${JSON_SCHEMA_FILE}`);
  const page = withReference(readFileSync(CONFIG_REFERENCE_FILE, "utf8"));
  // Prettier is loaded only here: it cannot be required inside Jest, which imports this file.
  void import("prettier")
    .then(({ format }) => format(page, { filepath: CONFIG_REFERENCE_FILE }))
    .then((formatted) => {
      writeFileSync(CONFIG_REFERENCE_FILE, formatted);
      console.log(`wrote the key table of ${CONFIG_REFERENCE_FILE}`);
    });
}
