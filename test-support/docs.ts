/**
 * The project's documentation as tests read it: README.md, docs/*.md and CONTRIBUTING.md. A fact
 * lives in one of them; a test finds it wherever it is (a heading, or the whole text).
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..");

/** Every documentation file, relative to the project root. */
export function docFiles(): string[] {
  const docs = readdirSync(join(root, "docs"))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => `docs/${f}`);
  return ["README.md", ...docs, "CONTRIBUTING.md"];
}

/** The text of one documentation file. */
export function docText(file: string): string {
  return readFileSync(join(root, file), "utf8");
}

/** All documentation, one file after the other. */
export function allDocs(): string {
  return docFiles().map(docText).join("\n");
}

/** Headings of a Markdown text outside code blocks: level and title, with their line index. */
export function headings(text: string): { line: number; level: number; title: string }[] {
  const found: { line: number; level: number; title: string }[] = [];
  let code = false;
  text.split("\n").forEach((line, i) => {
    if (line.startsWith("```")) code = !code;
    const match = /^(#{1,6}) (.*)$/.exec(line);
    if (!code && match) found.push({ line: i, level: match[1].length, title: match[2].trim() });
  });
  return found;
}

/**
 * The section under the heading `title` (with its subsections), in whichever documentation file
 * holds it; throws when none does, so a test never passes on a missing section.
 */
export function docSection(title: string): string {
  for (const file of docFiles()) {
    const text = docText(file);
    const all = headings(text);
    const at = all.findIndex((h) => h.title === title);
    if (at < 0) continue;
    const end = all.slice(at + 1).find((h) => h.level <= all[at].level);
    return text.split("\n").slice(all[at].line, end?.line).join("\n");
  }
  throw new Error(`no documentation file has a heading "${title}"`);
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
export function anchor(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}
