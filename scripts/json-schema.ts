/**
 * Writes schema/config.schema.json, the JSON Schema editors use to check and complete the
 * configuration file, derived from the zod schema the app validates with (`npm run schema`).
 * A test fails when the committed file is out of date.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { configSchema } from "../src/config/schema";

export const JSON_SCHEMA_FILE = join(__dirname, "..", "schema", "config.schema.json");

export function configJsonSchema(): string {
  const schema = z.toJSONSchema(configSchema, { io: "input", unrepresentable: "any" });
  return `${JSON.stringify({ ...schema, title: "SES multi-account configuration" }, null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(JSON_SCHEMA_FILE, configJsonSchema());
  console.log(`wrote ${JSON_SCHEMA_FILE}`);
}
