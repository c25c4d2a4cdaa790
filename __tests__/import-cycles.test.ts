import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const SRC = resolve(__dirname, "..", "src");

/** Every `.ts` file below `dir`. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

/** The files of `src/` that `file` imports or re-exports (type-only imports included). */
function localImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/(?:import|export)[^'";]*?from\s+["'](\.[^"']+)["']/g)];
  return specifiers
    .map(([, specifier]) => resolve(dirname(file), specifier))
    .map((base) => [`${base}.ts`, join(base, "index.ts")].find((path) => existsSync(path)))
    .filter((path): path is string => path !== undefined && path.startsWith(SRC));
}

/** The import circles of `graph`, each as the list of files from its first file back to it. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const visit = (file: string, path: string[]) => {
    const at = path.indexOf(file);
    if (at >= 0) return void found.push([...path.slice(at), file]);
    if (done.has(file)) return;
    for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
    done.add(file);
  };
  for (const file of graph.keys()) visit(file, []);
  return found;
}

test("no import circle in src/", () => {
  const graph = new Map(sourceFiles(SRC).map((file) => [file, localImports(file)]));
  const circles = cycles(graph).map((circle) =>
    circle.map((file) => relative(SRC, file)).join(" -> "),
  );
  expect(circles).toEqual([]);
});
