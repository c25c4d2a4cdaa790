/**
 * Where the emulator comes from: moto 5.2.3, the release the extension layer (`moto_ext/`) is
 * written against, found the way contributors install it.
 *
 * - A source tree (MOTO_SOURCE, a directory holding `moto/`, or `../shared/tools/moto-5.2.3.tar.gz`
 *   unpacked once) runs on the first Python that imports its server's libraries: MOTO_PYTHON, else
 *   Debian's /usr/bin/python3 (`scripts/install-test-packages.sh`), the active virtualenv's
 *   python, `python3`, `python` on PATH.
 * - Otherwise moto as pip installs it (`pip install 'moto[server]==5.2.3'`): MOTO_PYTHON, else the
 *   active virtualenv's python (VIRTUAL_ENV), `python3`, `python` on PATH; the first with moto
 *   5.2.3. Another version is refused, naming the one found and where.
 *
 * Each Jest run probes once: the answer is kept in a file named by the run (global-setup.ts).
 */
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";

/** The moto release the extension layer is written against. */
export const MOTO_VERSION = "5.2.3";

/**
 * The versions moto reports for it: the release, and the development version moto's own tree
 * reports from the release's tag onwards (the source archive in `../shared/tools/` is 5.2.3 plus
 * the post-release bump).
 */
const ACCEPTED = [MOTO_VERSION, "5.2.4.dev"];

const ARCHIVE = resolve(
  __dirname,
  "..",
  "..",
  "..",
  "shared",
  "tools",
  `moto-${MOTO_VERSION}.tar.gz`,
);

const INSTALL = `pip install 'moto[server]==${MOTO_VERSION}'`;

/** A Python that runs moto: with `source` on PYTHONPATH, or with moto installed (no `source`). */
export interface MotoRuntime {
  readonly python: string;
  readonly source?: string;
}

/** The runtime, or why the emulator cannot run here. */
export type MotoLookup = { runtime: MotoRuntime } | { reason: string };

/** The environment variable global-setup.ts sets: this Jest run's id, naming the probe's file. */
export const RUN_ID_VARIABLE = "SES_TEST_RUN_ID";

/** An executable named `name` in a PATH directory, or undefined. */
function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? "").split(delimiter).filter(Boolean)) {
    const file = join(dir, name);
    try {
      if (statSync(file).isFile()) return file;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** Candidate Pythons, in the order given, each once, leaving out those that do not exist. */
function pythons(order: ("debian" | "venv" | "path")[], env: NodeJS.ProcessEnv): string[] {
  if (env.MOTO_PYTHON) return [env.MOTO_PYTHON];
  const venv = env.VIRTUAL_ENV;
  const found = order.flatMap((place) => {
    if (place === "debian") return ["/usr/bin/python3"];
    if (place === "venv") return venv ? [join(venv, "bin", "python")] : [];
    return [onPath("python3", env), onPath("python", env)];
  });
  return [...new Set(found.filter((p): p is string => p !== undefined && existsSync(p)))];
}

/** What a probe prints: moto's version and file, or the import error's last line. */
const PROBE = [
  "import sys",
  "try:",
  "    import moto, moto.server, flask, werkzeug, boto3",
  "    print('ok', moto.__version__, moto.__file__)",
  "except Exception as e:",
  "    print('error', type(e).__name__ + ': ' + str(e).splitlines()[0] if str(e) else type(e).__name__)",
].join("\n");

function probe(
  python: string,
  base: NodeJS.ProcessEnv,
  source?: string,
): { version?: string; file?: string; error?: string } {
  const env = { ...base };
  if (source) env.PYTHONPATH = source;
  else delete env.PYTHONPATH;
  const run = spawnSync(python, ["-c", PROBE], { env, encoding: "utf8" });
  const [status, ...rest] = (run.stdout ?? "").trim().split(" ");
  if (status === "ok") return { version: rest[0], file: rest.slice(1).join(" ") };
  return { error: rest.join(" ") || (run.error?.message ?? run.stderr.trim()) };
}

/** The directory holding `moto/`: MOTO_SOURCE, or the archive unpacked once; else undefined. */
function motoSource(env: NodeJS.ProcessEnv, archive: string): string | undefined {
  if (env.MOTO_SOURCE) return env.MOTO_SOURCE;
  if (!existsSync(archive)) return undefined;
  const root = join(tmpdir(), `ses-moto-${MOTO_VERSION}-source`);
  if (!existsSync(join(root, "moto", "server.py"))) {
    // Unpacked beside and renamed into place: Jest workers may unpack at the same moment.
    const scratch = mkdtempSync(join(tmpdir(), "ses-moto-unpack-"));
    const tar = spawnSync("tar", ["-xzf", archive, "-C", scratch], { encoding: "utf8" });
    if (tar.status !== 0) throw new Error(`tar -xzf ${archive} failed: ${tar.stderr}`);
    try {
      renameSync(join(scratch, `moto-${MOTO_VERSION}`), root);
    } catch {
      // another worker won the race; its copy is complete
    }
    rmSync(scratch, { recursive: true, force: true });
  }
  return root;
}

const wrongVersion = (version: string, where: string) =>
  `moto ${version} found (${where}), but the extension layer needs moto ${MOTO_VERSION}: ${INSTALL}`;

/**
 * Looks for moto and a Python that runs it (see the file's comment) in the environment `env`;
 * `archive` is the source archive's path.
 */
export function lookUpMoto(env: NodeJS.ProcessEnv = process.env, archive = ARCHIVE): MotoLookup {
  const source = motoSource(env, archive);
  if (source) {
    const candidates = pythons(["debian", "venv", "path"], env);
    const failures: string[] = [];
    for (const python of candidates) {
      const found = probe(python, env, source);
      if (found.error) {
        failures.push(`${python}: ${found.error}`);
        continue;
      }
      if (!ACCEPTED.includes(found.version!)) {
        return { reason: wrongVersion(found.version!, source) };
      }
      return { runtime: { python, source } };
    }
    const tried = failures.length ? failures.join("; ") : "no python3 or python found";
    return {
      reason: `moto's source ${source} does not import on any Python (${tried}); see scripts/install-test-packages.sh or set MOTO_PYTHON`,
    };
  }
  const candidates = pythons(["venv", "path"], env);
  const others: string[] = [];
  for (const python of candidates) {
    const found = probe(python, env);
    if (found.error) continue;
    if (ACCEPTED.includes(found.version!)) return { runtime: { python } };
    others.push(wrongVersion(found.version!, `${found.file} with ${python}`));
  }
  if (others.length) return { reason: others.join("; ") };
  const tried = candidates.length ? candidates.join(", ") : "no python3 or python found";
  return {
    reason: `moto ${MOTO_VERSION} is not installed for any Python tried (${tried}): ${INSTALL} (in a virtualenv: activate it or set MOTO_PYTHON), or set MOTO_SOURCE`,
  };
}

let cached: MotoLookup | undefined;

/** lookUpMoto, probed once per Jest run (a file per run id) and once per module otherwise. */
export function motoLookup(): MotoLookup {
  if (cached) return cached;
  const runId = process.env[RUN_ID_VARIABLE];
  const file = runId ? join(tmpdir(), `ses-moto-lookup-${runId}.json`) : undefined;
  if (file && existsSync(file)) {
    cached = JSON.parse(readFileSync(file, "utf8")) as MotoLookup;
    return cached;
  }
  cached = lookUpMoto();
  if (file) writeFileSync(file, JSON.stringify(cached));
  return cached;
}

/** Removes this run's probe file (global teardown). */
export function forgetMotoLookup(): void {
  const runId = process.env[RUN_ID_VARIABLE];
  if (runId) rmSync(join(tmpdir(), `ses-moto-lookup-${runId}.json`), { force: true });
}
