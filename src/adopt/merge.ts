/**
 * How `npm run adopt -- --write` combines what it found with what the configuration file already
 * says, so runs add up (discovery, then `--from-state` for an account, in either order): a key
 * found only once is kept, lists are joined, and one key given two different ids (or a shard given
 * two different groups) is a conflict, refused with both values and where each came from.
 */

type Loose = Record<string, unknown>;

/** Where the two sides of a merge came from, for conflict messages. */
export interface MergeSources {
  /** The configuration file, such as `ses.yaml`. */
  readonly file: string;
  /** What found the new values, such as `discovery` or `--from-state old.json`. */
  readonly found: string;
}

/** Lists whose position means something: `securityGroups[i]` is shard i (ids and identities). */
const BY_POSITION = new Set(["securityGroups"]);

/** The key that says which resource a list item is: an ingress rule by account, CIDR and port. */
function itemKey(item: unknown): string {
  if (typeof item !== "object" || item === null) return JSON.stringify(item);
  const { account, cidr, port } = item as Loose;
  return JSON.stringify([account, cidr, port]);
}

const shown = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

function conflict(path: string, kept: unknown, found: unknown, sources: MergeSources): string {
  return `${path}: ${sources.file} has ${shown(kept)}, but ${sources.found} found ${shown(found)}; one of them is not the resource to adopt: correct or remove the entry in ${sources.file} and run again.`;
}

function mergeList(
  path: string,
  kept: unknown[],
  found: unknown[],
  byPosition: boolean,
  sources: MergeSources,
  conflicts: string[],
): unknown[] {
  const merged = [...kept];
  found.forEach((item, i) => {
    const at = byPosition ? i : merged.findIndex((k) => itemKey(k) === itemKey(item));
    if (at < 0 || at >= merged.length) merged.push(item);
    else if (JSON.stringify(merged[at]) !== JSON.stringify(item))
      conflicts.push(conflict(`${path}[${at}]`, merged[at], item, sources));
  });
  return merged;
}

/**
 * `kept` (the section in the file) with `found` added; `path` names the section in messages.
 * Conflicts are appended to `conflicts`; the merged section is returned either way.
 */
export function mergeSection(
  path: string,
  kept: Loose | undefined,
  found: Loose,
  sources: MergeSources,
  conflicts: string[],
): Loose {
  const merged: Loose = { ...kept };
  for (const [key, value] of Object.entries(found)) {
    const old = merged[key];
    const at = `${path}.${key}`;
    if (old === undefined) merged[key] = value;
    else if (Array.isArray(old) && Array.isArray(value))
      merged[key] = mergeList(at, old, value, BY_POSITION.has(key), sources, conflicts);
    else if (JSON.stringify(old) !== JSON.stringify(value))
      conflicts.push(conflict(at, old, value, sources));
  }
  return merged;
}
