import { MAX_SHOWN_CHARACTERS, show } from "../private/show";

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

/** At most this many lines are listed; the count in the first line is always the full one. */
export const MAX_LISTED_PROBLEMS = 100;

/** The listed lines stop before they pass this many characters (a report stays readable). */
export const MAX_REPORT_CHARACTERS = 20_000;

/** A problem repeated for many items names this many of them, then how many more. */
export const MAX_NAMED_ITEMS = 3;

/** A message repeated at this many places or more is one line, with the count. */
export const GROUPED_FROM = 5;

/** Values as the user wrote them; a list of objects by its length, not its contents. */
function showValue(value: unknown): string {
  const isListOfObjects = Array.isArray(value) && value.some((item) => typeof item === "object");
  return isListOfObjects ? `a list of ${value.length}` : show(value);
}

/** The first few of `items`, then how many more: `a, b, c and 147 more`. */
export function firstFew(items: readonly string[], max = MAX_NAMED_ITEMS): string {
  if (items.length <= max) return items.join(", ");
  return `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}

/**
 * One line for every problem with the same message: one place as the problem says it, several
 * by the first few places (and values), with the count.
 */
function describe(group: readonly ConfigProblem[]): string {
  const [first] = group;
  const places = group.map((p) => (p.path === "" ? "the configuration" : p.path));
  const values = [...new Set(group.filter((p) => "value" in p).map((p) => showValue(p.value)))];
  const where =
    group.length === 1 ? places[0] : `each of ${group.length} places (${firstFew(places)})`;
  const got = values.length > 0 ? `; got ${firstFew(values)}` : "";
  return `${where} ${first.message}${got}.`;
}

/**
 * Problems with the same message at GROUPED_FROM places or more as one group, at the place of
 * their first; every other problem alone.
 */
function grouped(problems: readonly ConfigProblem[]): ConfigProblem[][] {
  const byMessage = new Map<string, ConfigProblem[]>();
  for (const problem of problems) {
    const group = byMessage.get(problem.message);
    if (group) group.push(problem);
    else byMessage.set(problem.message, [problem]);
  }
  const groups: ConfigProblem[][] = [];
  for (const problem of problems) {
    const same = byMessage.get(problem.message)!;
    if (same.length < GROUPED_FROM) groups.push([problem]);
    else if (same[0] === problem) groups.push(same);
  }
  return groups;
}

/** The report's lines, within MAX_LISTED_PROBLEMS lines and MAX_REPORT_CHARACTERS. */
function listed(problems: readonly ConfigProblem[]): string[] {
  const lines: string[] = [];
  let characters = 0;
  let shown = 0;
  for (const group of grouped(problems)) {
    const line = `  - ${describe(group)}`;
    if (lines.length === MAX_LISTED_PROBLEMS || characters + line.length > MAX_REPORT_CHARACTERS)
      break;
    lines.push(line);
    characters += line.length;
    shown += group.length;
  }
  if (shown < problems.length)
    lines.push(`  … and ${problems.length - shown} more (fix these first).`);
  return lines;
}

/** Thrown when a configuration file is unreadable or invalid; lists every problem found. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(
      `${source} has ${problems.length} problem${problems.length === 1 ? "" : "s"}; nothing was synthesized:\n` +
        listed(problems).join("\n"),
    );
    this.name = "ConfigError";
  }
}
