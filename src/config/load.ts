import { readFileSync } from "node:fs";
import { extname, isAbsolute, resolve } from "node:path";
import { Document, LineCounter, YAMLError, parseDocument, visit } from "yaml";
import type { z } from "zod";
import { withAccountKeys } from "./account-keys";
import { ConfigError, ConfigProblem, formatPath } from "./config-error";
import { rawProblems } from "./raw-checks";
import { SesConfig, configSchema } from "./schema";

/** The example configuration committed in the repository, used when no other is named or present. */
export const DEFAULT_CONFIG_FILE = "config/example.yaml";

/** Parses JSON or YAML text; syntax errors and parser-level refusals become a ConfigError. */
export function parseText(text: string, source: string): unknown {
  return extname(source) === ".json" ? parseJson(text, source) : parseYaml(text, source);
}

/** A parser-level refusal: the whole file, with the parser's complaint and where. */
function refuse(source: string, messages: string[]): never {
  throw new ConfigError(
    source,
    messages.map((message) => ({ path: "", message })),
  );
}

function parseYaml(text: string, source: string): unknown {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true, lineCounter });
  if (document.errors.length > 0) refuse(source, yamlErrors(document.errors));
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // The yaml library refuses aliases that expand past maxAliasCount (an "alias bomb").
    const at = firstAlias(document, lineCounter);
    refuse(source, [
      `is not valid YAML: its aliases expand to too many nodes (${(error as Error).message.toLowerCase()})${at}`,
    ]);
  }
}

const STACK_OVERFLOW = "Maximum call stack size exceeded";

/**
 * The parser's errors, first lines only. A file nested deeper than the parser can recurse fails
 * once per level it unwinds: that is one problem, at the outermost place.
 */
function yamlErrors(errors: readonly YAMLError[]): string[] {
  const tooDeep = errors.filter((e) => e.message.startsWith(STACK_OVERFLOW));
  const outermost = tooDeep.sort((a, b) => a.pos[0] - b.pos[0])[0];
  return [
    ...errors.filter((e) => !tooDeep.includes(e)).map((e) => firstLine(e.message)),
    ...(outermost
      ? [firstLine(outermost.message).replace(STACK_OVERFLOW, "nested too deeply")]
      : []),
  ].map((message) => `is not valid YAML: ${message}`);
}

/** How many nodes one alias may expand to before the file is refused as an alias bomb. */
const MAX_ALIAS_COUNT = 100;

function firstLine(message: string): string {
  return message.split("\n")[0].replace(/:$/, "");
}

function firstAlias(document: Document, lineCounter: LineCounter): string {
  let offset: number | undefined;
  visit(document, {
    Alias(_, node) {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  if (offset === undefined) return "";
  const { line, col } = lineCounter.linePos(offset);
  return ` at line ${line}, column ${col}`;
}

/**
 * JSON is parsed by JSON.parse; the YAML parser (JSON is YAML) then refuses a repeated key, as
 * YAML files are refused, and locates a syntax error JSON.parse does not place.
 */
function parseJson(text: string, source: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    refuse(source, [`is not valid JSON: ${jsonSyntaxError(error as Error, text)}`]);
  }
  const duplicates = parseDocument(text, { prettyErrors: true, uniqueKeys: true }).errors.filter(
    (e) => e.code === "DUPLICATE_KEY",
  );
  if (duplicates.length > 0) {
    refuse(
      source,
      duplicates.map((e) => `is not valid JSON: ${firstLine(e.message)}`),
    );
  }
  return value;
}

/** JSON.parse's complaint without the text it echoes, and where (line and column). */
function jsonSyntaxError(error: Error, text: string): string {
  const complaint = error.message
    .replace(/, ".*" is not valid JSON$/s, "")
    .replace(/ in JSON at position \d+.*$/s, "");
  const lineCounter = new LineCounter();
  const yamlErrors = parseDocument(text, { lineCounter }).errors;
  const position = /at position (\d+)/.exec(error.message);
  const offset = position ? Number(position[1]) : yamlErrors[0]?.pos[0];
  if (offset === undefined) return complaint;
  const { line, col } = lineCounter.linePos(offset);
  return `${complaint} at line ${line}, column ${col}`;
}

/** The keys an object schema allows at `path`, to tell a typo what it should have been. */
function allowedKeys(path: readonly PropertyKey[]): string[] {
  // zod's internal definitions are walked here only to phrase a message.
  let def = (configSchema as unknown as { _zod: { def: ZodDef } })._zod.def;
  const unwrap = () => {
    for (let next = def.innerType ?? def.in; next; next = def.innerType ?? def.in)
      def = next._zod.def;
  };
  unwrap();
  for (const key of path) {
    if (def.type === "array" && def.element && typeof key === "number") def = def.element._zod.def;
    else if (def.type === "object" && def.shape && typeof key === "string" && def.shape[key])
      def = def.shape[key]._zod.def;
    else return [];
    unwrap();
  }
  return def.type === "object" && def.shape
    ? Object.keys(def.shape).filter((k) => k !== "$schema")
    : [];
}

interface ZodDef {
  type: string;
  innerType?: { _zod: { def: ZodDef } };
  /** The input side of a pipe (a schema with a transform). */
  in?: { _zod: { def: ZodDef } };
  element?: { _zod: { def: ZodDef } };
  shape?: Record<string, { _zod: { def: ZodDef } }>;
}

function toProblems(issue: z.core.$ZodIssue): ConfigProblem[] {
  const path = formatPath(issue.path);
  if (issue.code === "unrecognized_keys") {
    const allowed = allowedKeys(issue.path);
    return issue.keys.map((key) => ({
      path: formatPath([...issue.path, key]),
      message: `is not a known key (check the spelling${allowed.length ? `; allowed here: ${allowed.join(", ")}` : ""})`,
    }));
  }
  if (issue.code === "invalid_key") {
    // A record's key broke its rule: report the rule, at the key's path.
    return issue.issues.map((inner) => ({ path, message: inner.message, value: issue.input }));
  }
  if (issue.code === "invalid_type") {
    if (issue.input === undefined) return [{ path, message: `is required (${issue.expected})` }];
    return [{ path, message: typeMessage(issue), value: issue.input }];
  }
  if (issue.code === "custom" && issue.params?.hideValue) return [{ path, message: issue.message }];
  return [{ path, message: issue.message, value: issue.input }];
}

/** What a value of the wrong type should have been; the schema's own sentence when it has one. */
function typeMessage(issue: z.core.$ZodIssueInvalidType): string {
  if (typeof issue.input === "number" && !Number.isFinite(issue.input))
    return "must be a finite number (.nan and .inf are not numbers AWS accepts)";
  if (issue.message.startsWith("must ")) return issue.message;
  if (issue.expected === "int") return "must be a whole number";
  return `must be ${article(issue.expected)}`;
}

function article(type: string): string {
  return type === "array" || type === "object" ? `an ${type}` : `a ${type}`;
}

/**
 * Validates parsed input against the schema; every problem is reported at once. The result has
 * each account's `kmsKeyArn` resolved into its sections (account-keys.ts).
 */
export function parseConfig(input: unknown, source: string): SesConfig {
  const raw = rawProblems(input);
  const result = configSchema.safeParse(input, { reportInput: true });
  if (result.success && raw.length === 0) return withAccountKeys(result.data);
  // A string refused as an expression is not also reported for the schema's rule at that path.
  const refused = new Set(raw.map((problem) => problem.path));
  const problems = result.success ? [] : result.error.issues.flatMap(toProblems);
  throw new ConfigError(source, [...raw, ...problems.filter((p) => !refused.has(p.path))]);
}

/** Reads, parses and validates a configuration file. */
export function loadConfig(file: string): SesConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const where = isAbsolute(file) ? "" : ` at ${resolve(file)}`;
    throw new ConfigError(file, [{ path: "", message: `cannot be read (${code})${where}` }]);
  }
  return parseConfig(parseText(text, file), file);
}
