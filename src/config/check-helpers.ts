import type { z } from "zod";
import { formatPath } from "./config-error";
import { show } from "../private/rules";

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

/** The string items of a list, with their indexes. */
export function strings(value: unknown): [string, number][] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, index): [string, number][] =>
    typeof item === "string" ? [[item, index]] : [],
  );
}

/** Adds a problem whose message already says what is wrong (the value is not repeated). */
export function issue(ctx: Ctx, path: Path, message: string): void {
  ctx.addIssue({ code: "custom", path, params: { hideValue: true }, message });
}

/**
 * Reports every item whose `key` repeats an earlier item's, naming the first one; `caseInsensitive`
 * for names AWS compares without case (IAM).
 */
export function reportDuplicates(
  ctx: Ctx,
  items: unknown,
  key: string,
  path: Path,
  what: string,
  caseInsensitive = false,
): void {
  const seen = new Map<unknown, number>();
  for (const [item, index] of objects(items)) {
    const value = item[key];
    if (typeof value !== "string") continue;
    const normalized = caseInsensitive ? value.toLowerCase() : value;
    const first = seen.get(normalized);
    if (first === undefined) {
      seen.set(normalized, index);
      continue;
    }
    issue(
      ctx,
      [...path, index, key],
      `must be unique among ${what}${caseInsensitive ? " (ignoring case)" : ""}; ${show(value)} is already used at ${formatPath([...path, first, key])}`,
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
      issue(
        ctx,
        [...path, index],
        `repeats ${show(value)} from ${formatPath([...path, first])}`,
      );
  });
}
