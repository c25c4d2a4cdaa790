/**
 * scripts/ holds entry points only: the code a test runs lives in src/ (or test-support/), so no
 * file of src/, __tests__/ or test-support/ imports from scripts/.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const root = resolve(__dirname, "..");
const SCRIPTS = join(root, "scripts");

/** Every TypeScript or JavaScript file below `dir`. */
function codeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return codeFiles(path);
    return /\.(?:ts|js|cjs|mjs)$/.test(path) ? [path] : [];
  });
}

/** The relative modules `file` imports, re-exports or requires, resolved to absolute paths. */
export function relativeImports(file: string, text = readFileSync(file, "utf8")): string[] {
  const specifiers = [
    ...text.matchAll(/(?:import|export)[^'";]*?from\s+["'](\.[^"']+)["']/g),
    ...text.matchAll(/(?:require|import)\(\s*["'](\.[^"']+)["']\s*\)/g),
  ];
  return specifiers.map(([, specifier]) => resolve(dirname(file), specifier));
}

test("no file of src/, __tests__/ or test-support/ imports from scripts/", () => {
  const files = ["src", "__tests__", "test-support"]
    .flatMap((dir) => codeFiles(join(root, dir)))
    .filter((file) => file !== __filename); // its examples of what the check finds
  expect(files.length).toBeGreaterThan(100);
  const found = files.flatMap((file) =>
    relativeImports(file)
      .filter((target) => target.startsWith(`${SCRIPTS}/`))
      .map((target) => `${relative(root, file)} -> ${relative(root, target)}`),
  );
  expect(found).toEqual([]);
});

test("the import reader sees each form of import", () => {
  const file = join(root, "__tests__", "x.test.ts");
  const text = [
    'import { a } from "../scripts/a";',
    'export { b } from "../scripts/b";',
    'const c = require("../scripts/c");',
    'void import("../scripts/d");',
    'import { e } from "node:fs";',
  ].join("\n");
  expect(relativeImports(file, text).map((p) => relative(root, p))).toEqual([
    "scripts/a",
    "scripts/b",
    "scripts/c",
    "scripts/d",
  ]);
});
