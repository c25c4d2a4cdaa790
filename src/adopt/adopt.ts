/**
 * `npm run adopt [-- --write] [--from-state FILE --account NAME]`, or `-- --plan` (the import
 * plans, see import-plan.ts): finds the ids of what already
 * exists for the configuration's hubs and accounts (read-only AWS calls with each configured
 * role, see discovery.ts; or one account's old Terraform state with --from-state) and
 * prints the `adopt` sections for review. With --write they go into the configuration file
 * SES_CONFIG or ses.yaml names (the example is never rewritten; comments kept), which is then
 * validated again.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { extname, relative } from "node:path";
import { parseDocument, stringify } from "yaml";
import { ConfigError } from "../config/config-error";
import { PROJECT_CONFIG_FILE, chooseConfigFile, configFileNotice } from "../config/config-file";
import { DEFAULT_CONFIG_FILE, loadConfig } from "../config/load";
import type { SesConfig } from "../config/schema";
import type { Found } from "./discovery";
import { mergeSection } from "./merge";
import { planAllImports } from "./import-plan";
import { projectRoot } from "../review/app-synthesis";
import { cdktfOutputDir } from "../review/cdktf-project";
import { adoptFromState } from "./state";
import { UsageError } from "../review/git-ref";

type Loose = Record<string, unknown>;

interface Options {
  readonly write: boolean;
  readonly fromState?: string;
  readonly account?: string;
  /** `--plan`: plan the synthesized stacks' imports instead (see import-plan.ts). */
  readonly plan?: boolean;
  /** `--outdir`: where `npm run synth` wrote the stacks, for --plan. */
  readonly outdir?: string;
  /** Stack names for --plan (all stacks with adopt entries when none). */
  readonly stacks?: string[];
}

/**
 * The configuration file to read: SES_CONFIG, else ses.yaml in `root`, else the example, which
 * --write refuses to rewrite (it is the repository's own file, not the user's configuration).
 */
export function adoptConfigFile(
  options: Options,
  sesConfig: string | undefined,
  root = projectRoot,
): string {
  const choice = chooseConfigFile(root, sesConfig);
  if (options.write && choice.source === "example")
    throw new UsageError(
      `--write needs your configuration file (${PROJECT_CONFIG_FILE} in the project root, or SES_CONFIG naming it); without one adopt reads the example ${DEFAULT_CONFIG_FILE}, which it does not rewrite.`,
    );
  return sesConfig || relative(root, choice.file);
}

export function parseAdoptArgs(args: readonly string[]): Options {
  let write = false;
  let fromState: string | undefined;
  let account: string | undefined;
  let plan = false;
  let outdir: string | undefined;
  const stacks: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith("--")) stacks.push(arg);
    else if (arg === "--write") write = true;
    else if (arg === "--plan") plan = true;
    else if (arg === "--outdir") outdir = args[++i];
    else if (arg === "--from-state") fromState = args[++i];
    else if (arg === "--account") account = args[++i];
    else
      throw new UsageError(
        `unknown option ${arg}; use --write, --from-state FILE --account NAME, or --plan [--outdir DIR] [STACK ...].`,
      );
  }
  if (fromState && !account)
    throw new UsageError(
      "--from-state needs --account NAME: a state file holds one account's resources.",
    );
  if (plan && (write || fromState))
    throw new UsageError(
      "--plan plans the synthesized stacks; it takes no --write or --from-state.",
    );
  if (stacks.length > 0 && !plan)
    throw new UsageError(`stack names (${stacks.join(", ")}) go with --plan only.`);
  return { write, fromState, account, ...(plan ? { plan, outdir, stacks } : {}) };
}

/**
 * One `adopt` section found, keyed by where it goes in the configuration: a hub, a hub's
 * `apiEndpoint`, or an account.
 */
export interface Section {
  readonly path: ["smtpHubs", number] | ["smtpHubs", number, "apiEndpoint"] | ["accounts", number];
  readonly label: string;
  readonly found: Found<object>;
}

/** `smtpHubs[0].apiEndpoint`, as messages name a section. */
function sectionPath(path: Section["path"]): string {
  const [list, index, ...rest] = path;
  return [`${list}[${index}]`, ...rest].join(".");
}

/** The section at `path` of the parsed file, if it is there. */
function sectionAt(whole: unknown, path: Section["path"]): Loose | undefined {
  let at = whole;
  for (const key of path) at = (at as Record<string | number, unknown> | undefined)?.[key];
  return at as Loose | undefined;
}

async function discover(config: SesConfig, options: Options): Promise<Section[]> {
  if (options.fromState) {
    const index = config.accounts.findIndex((a) => a.name === options.account);
    if (index < 0)
      throw new UsageError(
        `--account ${options.account} is not configured; accounts: ${config.accounts.map((a) => a.name).join(", ")}.`,
      );
    const show = JSON.parse(readFileSync(options.fromState, "utf8"));
    const found = adoptFromState(show, config.accounts[index], options.fromState);
    return [{ path: ["accounts", index], label: `account ${options.account}`, found }];
  }
  // The AWS SDK clients load only when AWS is asked (seconds of module loading).
  const { discoverAccount, discoverHub } = await import("./discovery");
  const sections: Section[] = [];
  for (const [i, hub] of config.smtpHubs.entries()) {
    const clients = config.accounts.filter((a) => a.smtp && a.region === hub.region);
    const { smtp, api } = await discoverHub(hub, clients);
    sections.push({ path: ["smtpHubs", i], label: `hub ${hub.region}`, found: smtp });
    if (api) {
      const label = `hub ${hub.region} API endpoint`;
      sections.push({ path: ["smtpHubs", i, "apiEndpoint"], label, found: api });
    }
  }
  for (const [i, account] of config.accounts.entries()) {
    const hub = config.smtpHubs.find((h) => h.region === account.region);
    const found = await discoverAccount(account, hub);
    sections.push({ path: ["accounts", i], label: `account ${account.name}`, found });
  }
  return sections;
}

/**
 * Merges each section's adopt ids and settings into the configuration file, keeping its comments
 * (see merge.ts). Throws, listing every conflict and writing nothing, when a key found has
 * another value in the file.
 */
export function writeSections(file: string, sections: Section[], foundBy: string): void {
  const text = readFileSync(file, "utf8");
  const json = extname(file) === ".json";
  const document = parseDocument(text);
  const conflicts: string[] = [];
  const sources = { file, found: foundBy };
  for (const { path, found } of sections) {
    const at = sectionPath(path);
    const parts: [string[], object][] = [
      [[], found.settings ?? {}],
      [["adopt"], found.adopt],
    ];
    for (const [key, values] of parts) {
      if (Object.keys(values).length === 0) continue;
      const section = sectionAt(document.toJS(), path);
      const kept = (key.length > 0 ? section?.[key[0]] : section) as Loose | undefined;
      const merged = mergeSection(
        [at, ...key].join("."),
        kept,
        values as Loose,
        sources,
        conflicts,
      );
      for (const [name, value] of Object.entries(merged))
        if (JSON.stringify(value) !== JSON.stringify(kept?.[name]))
          document.setIn([...path, ...key, name], value);
    }
  }
  if (conflicts.length > 0)
    throw new UsageError(
      `${file} is left as it was: what was found disagrees with it.\n${conflicts.join("\n")}`,
    );
  writeFileSync(file, json ? `${JSON.stringify(document.toJS(), null, 2)}\n` : document.toString());
}

/** The command: runs with `process.argv`, resolves to the exit status. */
export async function main(): Promise<number> {
  const options = parseAdoptArgs(process.argv.slice(2));
  if (options.plan)
    return planAllImports(options.outdir ?? cdktfOutputDir(projectRoot), options.stacks);
  const file = adoptConfigFile(options, process.env.SES_CONFIG);
  const notice = configFileNotice(
    projectRoot,
    chooseConfigFile(projectRoot, process.env.SES_CONFIG),
  );
  if (notice) console.error(notice);
  const config = loadConfig(file);
  const sections = await discover(config, options);
  for (const { path, label, found } of sections) {
    console.log(`# ${label} (${sectionPath(path)}.adopt)`);
    for (const note of found.notes) console.log(`#   note: ${note}`);
    console.log(stringify({ ...found.settings, adopt: found.adopt }).trimEnd());
  }
  if (!options.write) {
    console.log(`# Review the ids, then add them to ${file} (or run again with --write).`);
    return 0;
  }
  writeSections(
    file,
    sections,
    options.fromState ? `--from-state ${options.fromState}` : "discovery",
  );
  try {
    loadConfig(file);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Wrote the adopt sections into ${file}, but it does not validate now:`);
    console.error(error.message);
    return 1;
  }
  console.log(
    `# Wrote the adopt sections into ${file}; review with npm run plan or terraform plan.`,
  );
  return 0;
}
