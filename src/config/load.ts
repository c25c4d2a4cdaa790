import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { parseDocument } from "yaml";
import type { z } from "zod";
import { ConfigError, ConfigProblem, formatPath } from "./config-error";
import { SesConfig, configSchema } from "./schema";

/** The example configuration committed in the repository, used when none is given. */
export const DEFAULT_CONFIG_FILE = "config/example.yaml";

/** Parses JSON or YAML text (YAML is a superset of JSON); syntax errors become a ConfigError. */
export function parseText(text: string, source: string): unknown {
  if (extname(source) === ".json") {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new ConfigError(source, [
        { path: "", message: `is not valid JSON (${(error as Error).message})` },
      ]);
    }
  }
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new ConfigError(
      source,
      document.errors.map((e) => ({
        path: "",
        message: `is not valid YAML: ${e.message.split("\n")[0].replace(/:$/, "")}`,
      })),
    );
  }
  return document.toJS();
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
    const missing = issue.input === undefined;
    return [
      missing
        ? { path, message: `is required (${issue.expected})` }
        : { path, message: `must be ${article(issue.expected)}`, value: issue.input },
    ];
  }
  if (issue.code === "custom" && issue.params?.hideValue) return [{ path, message: issue.message }];
  return [{ path, message: issue.message, value: issue.input }];
}

function article(type: string): string {
  return type === "array" || type === "object" ? `an ${type}` : `a ${type}`;
}

/** Validates parsed input against the schema; every problem is reported at once. */
export function parseConfig(input: unknown, source: string): SesConfig {
  const result = configSchema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  throw new ConfigError(source, result.error.issues.flatMap(toProblems));
}

/** Reads, parses and validates a configuration file. */
export function loadConfig(file: string): SesConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigError(file, [
      { path: "", message: `cannot be read (${(error as NodeJS.ErrnoException).code})` },
    ]);
  }
  return parseConfig(parseText(text, file), file);
}
