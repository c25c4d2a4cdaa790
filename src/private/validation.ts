import { Token } from "cdktf";
import type { Rule } from "./aws-facts";
import { show } from "./show";

export { MAX_SHOWN_CHARACTERS, show } from "./show";

/**
 * The constructors' checks: they throw one sentence naming the field, the value received (shown
 * by `show`, bounded) and what is allowed, and skip unresolved cdktf tokens.
 */

/**
 * Throws when a plain (non-token) value breaks a rule; used by constructor checks.
 * The message names the field, the value and what is allowed, in one sentence.
 */
export function check(field: string, value: string | undefined, r: Rule): void {
  if (value === undefined || isToken(value)) return;
  if (!r.pattern.test(value)) throw new Error(`${field} must be ${r.allowed}; got ${show(value)}.`);
}

/** True for a cdktf token (an unresolved reference), which constructor checks must skip. */
export function isToken(value: unknown): boolean {
  return Token.isUnresolved(value);
}

/** Drops keys whose value is undefined, so spreading them does not erase defaults. */
export function definedOnly<T extends object>(props: T): T {
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined)) as T;
}

/** Throws unless `value` is a whole number within `range`. */
export function inRange(field: string, value: number, range: { min: number; max: number }): void {
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new Error(
      `${field} must be a whole number from ${range.min} to ${range.max}; got ${show(value)}.`,
    );
  }
}

/** Throws unless `value` is one of `allowed` (undefined passes: the field is optional). */
export function checkOneOf<T>(field: string, value: T | undefined, allowed: readonly T[]): void {
  if (value !== undefined && !allowed.includes(value)) {
    throw new Error(`${field} must be one of ${allowed.join(", ")}; got ${show(value)}.`);
  }
}

/** Throws when a name repeats: names key construct ids, so they must be unique. */
export function checkUnique(field: string, names: readonly string[], where: string): void {
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated !== undefined)
    throw new Error(`${field} must be unique ${where}; got ${show(repeated)} twice.`);
}

/** Throws unless every value is one of `allowed` (undefined and `[]` pass). */
export function checkAllOf<T>(
  field: string,
  values: readonly T[] | undefined,
  allowed: readonly T[],
): void {
  if (values?.some((value) => !allowed.includes(value))) {
    throw new Error(
      `${field} must list values among ${allowed.join(", ")} (or none); got ${show(values)}.`,
    );
  }
}
