/**
 * The documentation holds together: every link between its pages reaches a file and a heading,
 * and every place the code sends a reader to ("see docs/security.md "State that holds secrets"",
 * README "Prerequisites") names a heading of that page.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { anchor, docFiles, docSection, docText, headings } from "../test-support/docs";

const root = join(__dirname, "..");

function anchorsOf(file: string): string[] {
  return headings(docText(file)).map((h) => anchor(h.title));
}

test("every relative link in the documentation reaches a file, and its anchor a heading", () => {
  const broken: string[] = [];
  for (const file of docFiles()) {
    const text = docText(file).replace(/```[\s\S]*?```/g, "");
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target)) continue;
      const [path, fragment] = target.split("#");
      const resolved = path ? normalize(join(dirname(file), path)) : file;
      if (!existsSync(join(root, resolved))) broken.push(`${file}: ${target}`);
      else if (fragment && !anchorsOf(resolved).includes(fragment))
        broken.push(`${file}: ${target}`);
    }
  }
  expect(broken).toEqual([]);
});

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(path);
    return /\.(ts|js|sh)$/.test(name) ? [path] : [];
  });
}

test("every page and heading the code points a reader to exists", () => {
  const pointers: string[] = [];
  const missing: string[] = [];
  for (const file of [...sourceFiles("src"), ...sourceFiles("scripts"), "main.ts", "help"]) {
    const text = readFileSync(join(root, file), "utf8").replace(/\\"/g, '"');
    for (const [, page, title] of text.matchAll(
      /(README(?:\.md|'s)?|docs\/[\w-]+\.md),? "([^"]+)"/g,
    )) {
      const doc = page.startsWith("README") ? "README.md" : page;
      pointers.push(`${doc} "${title}"`);
      if (!existsSync(join(root, doc)) || !headings(docText(doc)).some((h) => h.title === title))
        missing.push(`${file}: ${doc} "${title}"`);
    }
  }
  expect(pointers.length).toBeGreaterThan(5);
  expect(missing).toEqual([]);
});

test("a section is found in whichever page holds it", () => {
  expect(docSection("Prerequisites")).toMatch(/^## Prerequisites\n/);
  expect(docSection("State that holds secrets")).toMatch(/^## State that holds secrets\n/);
  expect(() => docSection("No such heading")).toThrow(
    'no documentation file has a heading "No such heading"',
  );
});

test("the README is a front door: short, with every other page one link away", () => {
  const readme = docText("README.md");
  expect(readme.split("\n").length).toBeLessThan(340);
  for (const file of docFiles().filter((f) => f !== "README.md"))
    expect(readme).toContain(`](${file})`);
});
