/**
 * How the end-to-end suites find the emulator (test-support/emulator/moto-runtime.ts), with
 * Pythons that answer the probe as a given moto installation would: a virtualenv's python first,
 * then python3 / python on PATH; a wrong version is refused naming it and where it is.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lookUpMoto } from "../../test-support/emulator/moto-runtime";

let dir: string;
/** No source archive: moto as pip installs it. */
let archive: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "moto-runtime-"));
  archive = join(dir, "no-such-archive.tar.gz");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A Python at `path` whose moto is `version` (in site-packages beside it), or that has none. */
function python(path: string, version?: string): string {
  mkdirSync(join(path, ".."), { recursive: true });
  const answer = version
    ? `echo "ok ${version} ${join(path, "..", "site-packages", "moto", "__init__.py")}"`
    : `echo "error ModuleNotFoundError: No module named 'moto'"`;
  writeFileSync(path, `#!/bin/sh\n${answer}\n`);
  chmodSync(path, 0o755);
  return path;
}

test("moto 5.2.3 in the active virtualenv is used before python3 on PATH", () => {
  const venv = join(dir, "venv");
  const venvPython = python(join(venv, "bin", "python"), "5.2.3");
  python(join(dir, "bin", "python3"), "5.2.1");
  const env = { PATH: join(dir, "bin"), VIRTUAL_ENV: venv };
  expect(lookUpMoto(env, archive)).toEqual({ runtime: { python: venvPython } });
});

test("python3 on PATH with moto 5.2.3 is found without a virtualenv", () => {
  const found = python(join(dir, "bin", "python3"), "5.2.3");
  expect(lookUpMoto({ PATH: join(dir, "bin") }, archive)).toEqual({ runtime: { python: found } });
});

test("another moto version is refused, naming the version, where it is and the pip command", () => {
  const found = python(join(dir, "bin", "python3"), "5.2.1");
  const moto = join(dir, "bin", "site-packages", "moto", "__init__.py");
  expect(lookUpMoto({ PATH: join(dir, "bin") }, archive)).toEqual({
    reason: `moto 5.2.1 found (${moto} with ${found}), but the extension layer needs moto 5.2.3: pip install 'moto[server]==5.2.3'`,
  });
});

test("a Python without moto is passed over for the next one on PATH", () => {
  python(join(dir, "bin", "python3"));
  const found = python(join(dir, "bin", "python"), "5.2.3");
  expect(lookUpMoto({ PATH: join(dir, "bin") }, archive)).toEqual({ runtime: { python: found } });
});

test("MOTO_PYTHON is the only Python tried", () => {
  python(join(dir, "bin", "python3"), "5.2.3");
  const chosen = python(join(dir, "other", "python3"));
  const env = { PATH: join(dir, "bin"), MOTO_PYTHON: chosen };
  expect(lookUpMoto(env, archive)).toEqual({
    reason: `moto 5.2.3 is not installed for any Python tried (${chosen}): pip install 'moto[server]==5.2.3' (in a virtualenv: activate it or set MOTO_PYTHON), or set MOTO_SOURCE`,
  });
});

test("a MOTO_SOURCE of another version is refused with its version", () => {
  const source = join(dir, "moto-src");
  mkdirSync(source);
  const env = { PATH: "", MOTO_SOURCE: source, MOTO_PYTHON: python(join(dir, "py"), "5.1.0") };
  expect(lookUpMoto(env, archive)).toEqual({
    reason: `moto 5.1.0 found (${source}), but the extension layer needs moto 5.2.3: pip install 'moto[server]==5.2.3'`,
  });
});

test("the source archive's own version, 5.2.3 plus the post-release bump (5.2.4.dev), is accepted", () => {
  const source = join(dir, "moto-src");
  mkdirSync(source);
  const chosen = python(join(dir, "py"), "5.2.4.dev");
  const env = { PATH: "", MOTO_SOURCE: source, MOTO_PYTHON: chosen };
  expect(lookUpMoto(env, archive)).toEqual({ runtime: { python: chosen, source } });
});
