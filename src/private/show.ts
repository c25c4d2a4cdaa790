/** Values in error messages, rendered the same way by the configuration checks and the constructors' checks (without cdktf). */

/** Messages echo at most this many characters of a value; longer ones are described instead. */
export const MAX_SHOWN_CHARACTERS = 100;

/**
 * Renders a value for an error message: strings quoted, numbers YAML's way (`.nan`, `.inf`),
 * everything else as JSON; a value longer than MAX_SHOWN_CHARACTERS by its start and length.
 */
export function show(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "number" && !Number.isFinite(value))
    return Number.isNaN(value) ? ".nan" : `${value < 0 ? "-" : ""}.inf`;
  const text = JSON.stringify(value) ?? String(value);
  if (text.length <= MAX_SHOWN_CHARACTERS) return text;
  if (typeof value === "string")
    return `${JSON.stringify(value.slice(0, 60))}… (${value.length} characters)`;
  return Array.isArray(value)
    ? `a list of ${value.length}`
    : `an object of ${Object.keys(value as object).length} keys`;
}
