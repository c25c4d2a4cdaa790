import type { z } from "zod";
import { formatPath } from "./config-error";
import { Rule } from "../private/aws-facts";
import { show } from "../private/show";

/**
 * Helpers for cross-field checks. The checks run even when other parts of the input are invalid
 * (so every problem is reported at once), so they read the input defensively.
 */

export type Ctx = z.RefinementCtx;
export type Path = (string | number)[];
export type Loose = Record<string, unknown>;

/** The object items of a list, with their indexes; anything else is skipped. */
export function objects(value: unknown): [Loose, number][] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, index): [Loose, number][] =>
    typeof item === "object" && item !== null ? [[item as Loose, index]] : [],
  );
}

/** Whether an account's event publishing has a Firehose destination (its event pipeline exists). */
export function publishesToFirehose(account: Loose): boolean {
  const publishing = account.eventPublishing as Loose | undefined;
  return objects(publishing?.configurationSets).some(([set]) =>
    objects(set.eventDestinations).some(([d]) => d.firehose !== undefined),
  );
}

/** The string items of a list, with their indexes. */
export function strings(value: unknown): [string, number][] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, index): [string, number][] =>
    typeof item === "string" ? [[item, index]] : [],
  );
}

/**
 * The value is a string that follows `rule`. Cross checks use only such values in what they
 * compare and echo: anything else is already reported by the schema, and may be megabytes long.
 */
export function valid(rule: Rule, value: unknown): value is string {
  return typeof value === "string" && rule.pattern.test(value);
}

/** Adds a problem whose message already says what is wrong (the value is not repeated). */
export function issue(ctx: Ctx, path: Path, message: string): void {
  ctx.addIssue({ code: "custom", path, params: { hideValue: true }, message });
}

/** Reports every item whose `key` repeats an earlier item's, naming the first one. */
export function reportDuplicates(
  ctx: Ctx,
  items: unknown,
  key: string,
  path: Path,
  what: string,
): void {
  const seen = new Map<unknown, number>();
  for (const [item, index] of objects(items)) {
    const value = item[key];
    if (typeof value !== "string") continue;
    const first = seen.get(value);
    if (first === undefined) {
      seen.set(value, index);
      continue;
    }
    issue(
      ctx,
      [...path, index, key],
      `must be unique among ${what}; ${show(value)} is already used at ${formatPath([...path, first, key])}`,
    );
  }
}

/** Reports repeated values in a list of plain values (subnets, ports, CIDRs). */
export function reportRepeatedValues(ctx: Ctx, list: unknown, path: Path): void {
  if (!Array.isArray(list)) return;
  const seen = new Map<unknown, number>();
  list.forEach((value, index) => {
    const first = seen.get(value);
    if (first === undefined) seen.set(value, index);
    else
      issue(ctx, [...path, index], `repeats ${show(value)} from ${formatPath([...path, first])}`);
  });
}

/** A path as a chain to its parent, so a deep walk does not copy paths. */
interface PathNode {
  readonly parent?: PathNode;
  readonly key: string | number;
}

function pathOf(root: Path, node: PathNode | undefined): Path {
  const keys: Path = [];
  for (let n = node; n; n = n.parent) keys.unshift(n.key);
  return [...root, ...keys];
}

/**
 * Calls `visit` for every object key and string value under `root`, in the file's order, with a
 * function that builds its path on demand. Iterative: a deeply nested file cannot overflow the stack.
 */
export function walkStrings(
  root: unknown,
  rootPath: Path,
  visit: (text: string, path: () => Path, isKey: boolean) => void,
): void {
  const pending: [unknown, PathNode | undefined][] = [[root, undefined]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, node] = next;
    if (typeof node?.key === "string") visit(node.key, () => pathOf(rootPath, node), true);
    if (typeof value === "string") {
      visit(value, () => pathOf(rootPath, node), false);
    } else if (typeof value === "object" && value !== null) {
      const children: [string | number, unknown][] = Array.isArray(value)
        ? value.map((item, i) => [i, item])
        : Object.entries(value);
      for (const [key, item] of children.reverse()) pending.push([item, { parent: node, key }]);
    }
  }
}
