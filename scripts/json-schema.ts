/**
 * `npm run schema`: writes schema/config.schema.json and the key table of docs/configuration.md
 * from the zod schema (src/config/schema-files.ts).
 */
import { writeSchemaFiles } from "../src/config/schema-files";

writeSchemaFiles().then(
  (files) => files.forEach((file) => console.log(`wrote ${file}`)),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
