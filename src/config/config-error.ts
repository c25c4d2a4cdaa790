import { MAX_SHOWN_CHARACTERS, show } from "../private/validation";

/** One problem in a configuration: where it is, what was there, what is allowed. */
export interface ConfigProblem {
  /** Path into the configuration, for example `accounts[0].accountId`; empty for the whole file. */
  readonly path: string;
  /** What is allowed, as a phrase such as "must be exactly 12 digits". */
  readonly message: string;
  /** The value received, when there is one. */
  readonly value?: unknown;
}

/**
 * Renders a path such as `["accounts", 0, "name"]` as `accounts[0].name`; a key too long to echo
 * is shortened and its length given.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) =>
      typeof key === "number" ? `[${key}]` : `${i === 0 ? "" : "."}${keyText(key)}`,
    )
    .join("");
}

function keyText(key: PropertyKey): string {
  const text = String(key);
  return text.length <= MAX_SHOWN_CHARACTERS
    ? text
    : `${text.slice(0, 40)}…(a key of ${text.length} characters)`;
}

/** At most this many problems are listed; the count in the first line is always the full one. */
export const MAX_LISTED_PROBLEMS = 100;

/** Values as the user wrote them; a list of objects by its length, not its contents. */
function showValue(value: unknown): string {
  const isListOfObjects = Array.isArray(value) && value.some((item) => typeof item === "object");
  return isListOfObjects ? `a list of ${value.length}` : show(value);
}

function describe(problem: ConfigProblem): string {
  const where = problem.path === "" ? "the configuration" : problem.path;
  const got = "value" in problem ? `; got ${showValue(problem.value)}` : "";
  return `${where} ${problem.message}${got}.`;
}

/** Thrown when a configuration file is unreadable or invalid; lists every problem found. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => `  - ${describe(p)}`);
    if (problems.length > MAX_LISTED_PROBLEMS)
      listed.push(`  … and ${problems.length - MAX_LISTED_PROBLEMS} more (fix these first).`);
    super(
      `${source} has ${problems.length} problem${problems.length === 1 ? "" : "s"}; nothing was synthesized:\n` +
        listed.join("\n"),
    );
    this.name = "ConfigError";
  }
}
