/**
 * No tracked file or link names a path of the machine it was written on: a link to an absolute
 * path (or out of the repository) breaks every other checkout, and a home, temporary or build
 * directory in a text file is someone's machine, not the project. System paths every machine has
 * (`/usr/bin/env` shebangs, `/dev/null`, `/bin/sh`, `/etc/hosts`) are fine.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, posix, relative, resolve } from "node:path";

const root = resolve(__dirname, "..");

/** Roots under which a path belongs to one machine, user or build: a path needs a part below. */
const MACHINE_PATH =
  /(?<![\w.~$/-])\/(?:home|Users|root|tmp|var\/folders|private\/var|opt|mnt|srv|work|workspace|builds|scratch|nix\/store)\/[\w.@+-]+/g;

/** Documented example paths, by file: each exact text, and why it may stay. */
const ALLOWED: Record<string, Record<string, string>> = {
  "docs/operations.md": {
    "/opt/nothing": "the error message for a TF_PROVIDER_MIRROR that holds no provider",
    "/mnt/c": "the Windows drive under WSL, which the prerequisites advise against",
  },
};

interface TrackedFile {
  readonly mode: string;
  readonly path: string;
}

function trackedFiles(): TrackedFile[] {
  const listing = execFileSync("git", ["ls-files", "--stage", "-z"], {
    cwd: root,
    encoding: "utf8",
  });
  return listing
    .split("\0")
    .filter(Boolean)
    .map((line) => {
      const [meta, path] = line.split("\t");
      return { mode: meta.split(" ")[0], path };
    });
}

/** The machine paths a text names, without the allowed ones of its file. */
export function machinePaths(text: string, file = ""): string[] {
  const allowed = ALLOWED[file] ?? {};
  return [...text.matchAll(MACHINE_PATH)].map((m) => m[0]).filter((p) => !(p in allowed));
}

const files = trackedFiles();

test("the repository is read from git: links and text files are known", () => {
  expect(files.length).toBeGreaterThan(100);
  expect(files.map((f) => f.path)).toContain("README.md");
});

test("no tracked link points at an absolute path or out of the repository", () => {
  const links = files.filter((f) => f.mode === "120000");
  const bad = links
    .map((f) => ({ path: f.path, target: gitBlob(f.path) }))
    .filter(
      ({ path, target }) =>
        posix.isAbsolute(target) || !resolve(root, dirname(path), target).startsWith(`${root}/`),
    );
  expect(bad).toEqual([]);
});

test("no tracked text file names an absolute machine path", () => {
  const found: string[] = [];
  const self = relative(root, __filename); // its examples of what the check finds
  const texts = files.filter((f) => !["120000", "160000"].includes(f.mode) && f.path !== self);
  expect(texts.length).toBe(files.length - 1 - files.filter((f) => f.mode === "120000").length);
  for (const f of texts) {
    const bytes = readFileSync(join(root, f.path));
    if (bytes.includes(0)) continue; // binary
    for (const p of machinePaths(bytes.toString("utf8"), f.path)) found.push(`${f.path}: ${p}`);
  }
  expect(found).toEqual([]);
});

test("every allowed example path is still there (an allowance that matches nothing goes)", () => {
  for (const [file, paths] of Object.entries(ALLOWED)) {
    const text = readFileSync(join(root, file), "utf8");
    for (const p of Object.keys(paths))
      expect([file, p, text.includes(p)]).toEqual([file, p, true]);
  }
});

test("the pattern finds machine paths and passes system paths", () => {
  expect(
    machinePaths(
      [
        "cd /home/runner/work/ses/ses",
        'cache="/root/.cache/terraform"',
        "ln -s /opt/hostedtoolcache/terraform x",
        "/tmp/ses-synth-abc/stacks",
        "see /Users/me/src/ses",
        "/work/ses/.terraform-plugin-cache",
      ].join("\n"),
    ),
  ).toEqual([
    "/home/runner",
    "/root/.cache",
    "/opt/hostedtoolcache",
    "/tmp/ses-synth-abc",
    "/Users/me",
    "/work/ses",
  ]);
  expect(
    machinePaths(
      [
        "#!/usr/bin/env node",
        "terraform init > /dev/null",
        "#!/bin/sh",
        '${file("/etc/hostname")}',
        "https://example.com/home/page",
        "arn:aws:iam::123456789012:role/tmp/x",
        "~/.terraformrc",
        "${{ github.workspace }}/.terraform-plugin-cache",
      ].join("\n"),
    ),
  ).toEqual([]);
});

/** A link's target as git stores it. */
function gitBlob(path: string): string {
  return execFileSync("git", ["cat-file", "blob", `:${path}`], { cwd: root, encoding: "utf8" });
}
