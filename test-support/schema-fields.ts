import type { z } from "zod";

/** A place in the configuration where the schema takes a string: a value, or a record's key. */
export interface StringField {
  /** Path to the string; list items as index 0, record entries under the key "key". */
  readonly path: (string | number)[];
  /** The string is a record's key (the path ends at the record), not a value. */
  readonly isKey: boolean;
  /** The regular expressions the schema matches the string against (none for keys and enums). */
  readonly patterns: RegExp[];
}

interface Def {
  readonly type: string;
  readonly checks?: { readonly _zod: { readonly def: { readonly pattern?: RegExp } } }[];
  readonly innerType?: Schema;
  readonly in?: Schema;
  readonly element?: Schema;
  readonly shape?: Record<string, Schema>;
  readonly valueType?: Schema;
  readonly options?: Schema[];
}
interface Schema {
  readonly _zod: { readonly def: Def };
}

/**
 * Every string field of a zod schema (strings, enums, record keys and values), found by walking
 * its definitions, so a field added later is found without being listed anywhere.
 */
export function stringFields(schema: z.ZodType): StringField[] {
  const fields: StringField[] = [];
  const visit = (s: Schema, path: (string | number)[]): void => {
    const def = s._zod.def;
    if (def.type === "string" || def.type === "enum") {
      const patterns = (def.checks ?? []).flatMap((c) => c._zod.def.pattern ?? []);
      fields.push({ path, isKey: false, patterns });
    } else if (def.innerType) visit(def.innerType, path);
    else if (def.type === "pipe" && def.in) visit(def.in, path);
    else if (def.type === "array" && def.element) visit(def.element, [...path, 0]);
    else if (def.type === "union") def.options?.forEach((option) => visit(option, path));
    else if (def.type === "record" && def.valueType) {
      fields.push({ path, isKey: true, patterns: [] });
      visit(def.valueType, [...path, "key"]);
    } else if (def.type === "object" && def.shape) {
      for (const [key, value] of Object.entries(def.shape)) visit(value, [...path, key]);
    }
  };
  visit(schema as unknown as Schema, []);
  return fields;
}

/** Sets `value` at `path` in `root`, creating the objects and lists on the way. */
export function setAt(root: Record<string, unknown>, path: (string | number)[], value: unknown) {
  let node: any = root;
  path.slice(0, -1).forEach((key, i) => {
    const wantList = typeof path[i + 1] === "number";
    if (typeof node[key] !== "object" || node[key] === null) node[key] = wantList ? [] : {};
    node = node[key];
  });
  node[path[path.length - 1]] = value;
}
