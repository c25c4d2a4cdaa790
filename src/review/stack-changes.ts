/**
 * Which stacks a change touches: two synthesized outputs compared stack by stack on their
 * normalised JSON (cdktf's `//` metadata removed, object keys in a fixed order), so construct
 * paths, key order and the order of accounts in the configuration never select a stack.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** A stack's JSON without cdktf's `//` metadata, as canonical text (object keys sorted). */
export function normalizedStack(json: Json): string {
  return JSON.stringify(canonical(json));
}

function canonical(value: Json): Json {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value)
      .filter((key) => key !== "//")
      .sort()
      .map((key) => [key, canonical(value[key])]),
  );
}

/**
 * The blocks of a stack that differ: top-level keys (`terraform`, `provider`, `output`, …), and
 * for `resource` and `data` the resource type (`resource.aws_vpc_security_group_ingress_rule`).
 */
export function changedBlocks(before: Json, after: Json): string[] {
  const changed: string[] = [];
  for (const key of unionOfKeys(before, after)) {
    if (key === "//") continue;
    const nested = key === "resource" || key === "data";
    if (!nested) {
      if (differs(before[key], after[key])) changed.push(key);
      continue;
    }
    for (const type of unionOfKeys(before[key] ?? {}, after[key] ?? {})) {
      if (differs(before[key]?.[type], after[key]?.[type])) changed.push(`${key}.${type}`);
    }
  }
  return changed;
}

function unionOfKeys(a: Json, b: Json): string[] {
  return [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])].sort();
}

function differs(a: Json, b: Json): boolean {
  return JSON.stringify(canonical(a)) !== JSON.stringify(canonical(b));
}

/** A stack that differs between the two outputs, and why. */
export interface ChangedStack {
  readonly name: string;
  /** The blocks that differ (see {@link changedBlocks}). */
  readonly blocks: string[];
}

/** The comparison of a reference output with the current one, each by stack name. */
export interface StackChanges {
  /** Stacks only in the current output. */
  readonly added: string[];
  /** Stacks only in the reference output: they need a destroy, never a plan. */
  readonly removed: string[];
  /** Stacks in both whose normalised JSON differs. */
  readonly changed: ChangedStack[];
  readonly unchanged: string[];
}

/** Compares two sets of synthesized stacks (name → JSON). */
export function compareStacks(
  reference: ReadonlyMap<string, Json>,
  current: ReadonlyMap<string, Json>,
): StackChanges {
  const names = [...new Set([...reference.keys(), ...current.keys()])].sort();
  const changes: StackChanges = { added: [], removed: [], changed: [], unchanged: [] };
  for (const name of names) {
    const before = reference.get(name);
    const after = current.get(name);
    if (before === undefined) changes.added.push(name);
    else if (after === undefined) changes.removed.push(name);
    else if (normalizedStack(before) === normalizedStack(after)) changes.unchanged.push(name);
    else changes.changed.push({ name, blocks: changedBlocks(before, after) });
  }
  return changes;
}

/** The stacks to plan or deploy: added and changed ones, by name. */
export function selectedStacks(changes: StackChanges): string[] {
  return [...changes.added, ...changes.changed.map((c) => c.name)].sort();
}

/** Human-readable lines: each selected or removed stack and why. */
export function describeChanges(changes: StackChanges, ref: string): string[] {
  const lines = [
    ...changes.added.map((name) => `  + ${name}: new stack (not in ${ref})`),
    ...changes.changed.map((c) => `  ~ ${c.name}: ${c.blocks.join(", ")} changed`),
    ...changes.removed.map(
      (name) => `  - ${name}: removed; destroy it before merging (npx cdktf destroy ${name})`,
    ),
  ];
  const total = lines.length + changes.unchanged.length;
  return [
    `Compared with ${ref}: ${lines.length} of ${total} stacks differ, ${changes.unchanged.length} unchanged.`,
    ...lines,
  ];
}
