import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import { DEFAULT_CONFIG_FILE } from "./load";

/** Your configuration file: read when it is in the project root and SES_CONFIG is not set. */
export const PROJECT_CONFIG_FILE = "ses.yaml";

/** Which configuration file a command reads, and why. */
export interface ConfigFileChoice {
  /** The file, absolute. */
  readonly file: string;
  /** `SES_CONFIG` named it, `project` is ses.yaml in the project root, `example` the example. */
  readonly source: "SES_CONFIG" | "project" | "example";
}

/**
 * The configuration file of the project at `root`: SES_CONFIG (relative to `root`) when set,
 * else ses.yaml when it exists, else the example.
 */
export function chooseConfigFile(root: string, sesConfig: string | undefined): ConfigFileChoice {
  if (sesConfig) return { file: resolve(root, sesConfig), source: "SES_CONFIG" };
  const project = resolve(root, PROJECT_CONFIG_FILE);
  if (existsSync(project)) return { file: project, source: "project" };
  return { file: resolve(root, DEFAULT_CONFIG_FILE), source: "example" };
}

/**
 * The one line that says which file a command reads when SES_CONFIG did not name it (nothing
 * when it did): so no command works on the example without saying so.
 */
export function configFileNotice(root: string, choice: ConfigFileChoice): string | undefined {
  const shown = relative(root, choice.file);
  if (choice.source === "project") return `Configuration: ${shown} (SES_CONFIG overrides it).`;
  if (choice.source === "example")
    return `Configuration: ${shown}, the example (no ${PROJECT_CONFIG_FILE}, no SES_CONFIG); its warnings are about the example. Start your own with npm run init.`;
  return undefined;
}

/** The JSON Schema editors check the configuration against, from the project root. */
export const JSON_SCHEMA_PATH = "schema/config.schema.json";

const STARTER_HEADER = [
  `# Your configuration: every command reads ${PROJECT_CONFIG_FILE} when SES_CONFIG is not set.`,
  "# Every key is described in docs/configuration.md.",
];

/**
 * `npm run init`'s ses.yaml: the example with its `$schema` comment pointing at the schema from
 * the project root and its first comment paragraph (about being the example) replaced.
 */
export function starterConfig(example: string): string {
  const lines = example.split("\n");
  const schemaLine = lines.findIndex((l) => l.includes("$schema="));
  if (schemaLine !== 0)
    throw new Error(`${DEFAULT_CONFIG_FILE} must start with its $schema comment`);
  const paragraphEnd = lines.indexOf("#", 2);
  return [
    `# yaml-language-server: $schema=${JSON_SCHEMA_PATH}`,
    "#",
    ...STARTER_HEADER,
    ...lines.slice(paragraphEnd),
  ].join("\n");
}
