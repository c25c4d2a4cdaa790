/**
 * Deploy waves: stacks grouped so that every stack comes after the stacks it reads (hubs, then the
 * accounts that read their outputs), from the dependencies cdktf records in manifest.json.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Each stack's dependencies (stack names), from a cdktf output directory's manifest. */
export function stackDependencies(outdir: string): Map<string, string[]> {
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
  return new Map(
    Object.values(manifest.stacks as Record<string, { name: string; dependencies?: string[] }>).map(
      (s) => [s.name, s.dependencies ?? []],
    ),
  );
}

/**
 * The stacks in waves: wave 0 depends on nothing, wave n only on earlier waves; names sorted in
 * each wave. With `only`, the other stacks are left out (empty waves dropped), order kept.
 */
export function deployWaves(
  dependencies: ReadonlyMap<string, readonly string[]>,
  only?: readonly string[],
): string[][] {
  const level = new Map<string, number>();
  const levelOf = (name: string, path: string[]): number => {
    const known = level.get(name);
    if (known !== undefined) return known;
    if (path.includes(name))
      throw new Error(`stack dependency cycle: ${[...path, name].join(" -> ")}`);
    const deps = (dependencies.get(name) ?? []).filter((d) => dependencies.has(d));
    const value = Math.max(-1, ...deps.map((d) => levelOf(d, [...path, name]))) + 1;
    level.set(name, value);
    return value;
  };
  const waves: string[][] = [];
  for (const name of [...dependencies.keys()].sort()) {
    const n = levelOf(name, []);
    if (only && !only.includes(name)) continue;
    (waves[n] ??= []).push(name);
  }
  return waves.filter((wave) => wave && wave.length > 0);
}
