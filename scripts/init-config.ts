/**
 * `npm run init`: writes ses.yaml, your configuration, from the example (see starterConfig);
 * refuses to overwrite one that exists.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_CONFIG_FILE, starterConfig } from "../src/config/config-file";
import { DEFAULT_CONFIG_FILE } from "../src/config/load";

const root = join(__dirname, "..");
const target = join(root, PROJECT_CONFIG_FILE);
if (existsSync(target)) {
  console.error(`${PROJECT_CONFIG_FILE} exists; it is left as it is.`);
  process.exit(1);
}
writeFileSync(target, starterConfig(readFileSync(join(root, DEFAULT_CONFIG_FILE), "utf8")));
console.log(
  `Wrote ${PROJECT_CONFIG_FILE} from ${DEFAULT_CONFIG_FILE}: replace its accounts; every command reads it now.`,
);
