import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import {
  JSON_SCHEMA_PATH,
  chooseConfigFile,
  configFileNotice,
  starterConfig,
} from "../../src/config/config-file";
import { DEFAULT_CONFIG_FILE, loadConfig, parseConfig, parseText } from "../../src/config/load";

const root = join(__dirname, "..", "..");
const example = readFileSync(join(root, DEFAULT_CONFIG_FILE), "utf8");

describe("which configuration file a command reads", () => {
  const project = mkdtempSync(join(tmpdir(), "config-file-"));

  test("without SES_CONFIG or ses.yaml: the example, announced as the example", () => {
    const choice = chooseConfigFile(project, undefined);
    expect(choice).toEqual({ file: join(project, DEFAULT_CONFIG_FILE), source: "example" });
    expect(configFileNotice(project, choice)).toBe(
      "Configuration: config/example.yaml, the example (no ses.yaml, no SES_CONFIG); its warnings are about the example. Start your own with npm run init.",
    );
  });

  test("ses.yaml in the project root is read when present, announced; SES_CONFIG overrides it silently", () => {
    writeFileSync(join(project, "ses.yaml"), "");
    const choice = chooseConfigFile(project, undefined);
    expect(choice).toEqual({ file: join(project, "ses.yaml"), source: "project" });
    expect(configFileNotice(project, choice)).toBe(
      "Configuration: ses.yaml (SES_CONFIG overrides it).",
    );
    const named = chooseConfigFile(project, "other.json");
    expect(named).toEqual({ file: join(project, "other.json"), source: "SES_CONFIG" });
    expect(configFileNotice(project, named)).toBeUndefined();
  });
});

describe("npm run init's ses.yaml", () => {
  const starter = starterConfig(example);

  test("its $schema comment names the committed schema from the project root", () => {
    const schema = /\$schema=(\S+)/.exec(starter)![1];
    expect(schema).toBe(JSON_SCHEMA_PATH);
    expect(existsSync(resolve(root, schema))).toBe(true);
    // The example's own reference works from config/.
    const own = /\$schema=(\S+)/.exec(example)![1];
    expect(resolve(root, dirname(DEFAULT_CONFIG_FILE), own)).toBe(resolve(root, schema));
  });

  test("it is the example's configuration, without the sentence about being the example", () => {
    expect(parseConfig(parseText(starter, "ses.yaml"), "ses.yaml")).toEqual(
      parseConfig(parseText(example, DEFAULT_CONFIG_FILE), DEFAULT_CONFIG_FILE),
    );
    expect(example).toMatch(/^# The example configuration/m);
    expect(starter).not.toMatch(/example configuration/);
    expect(starter).toMatch(/^# Your configuration: every command reads ses.yaml/m);
  });
});

test("a configuration file that cannot be read is named with its resolved path", () => {
  expect(() => loadConfig("nowhere/ses.yaml")).toThrow(
    `nowhere/ses.yaml has 1 problem; nothing was synthesized:\n  - the configuration cannot be read (ENOENT) at ${resolve("nowhere/ses.yaml")}`,
  );
});

test("your configuration files are not formatted by npm run lint; the example is", () => {
  const files = ["ses.yaml", "ses.json", "config/production.yaml", DEFAULT_CONFIG_FILE];
  // Prettier's own answer, from its API in one process (its module is ESM, which Jest's
  // module loader does not import).
  const ignored = JSON.parse(
    execFileSync(
      process.execPath,
      [
        "-e",
        `const { getFileInfo } = require("prettier");
         const ignorePath = [".gitignore", ".prettierignore"]; // what \`prettier --check .\` reads
         Promise.all(${JSON.stringify(files)}.map((f) => getFileInfo(f, { ignorePath })))
           .then((infos) => console.log(JSON.stringify(infos.map((i) => i.ignored))));`,
      ],
      { cwd: root, encoding: "utf8" },
    ),
  );
  expect(ignored).toEqual([true, true, true, false]);
});
