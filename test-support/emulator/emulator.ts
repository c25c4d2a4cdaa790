/**
 * The local AWS emulator for end-to-end tests: moto 5.2.x, run from its source archive in
 * `../shared/tools/` (or `MOTO_SOURCE`, a directory holding the `moto/` package) on Debian's
 * python3, with this project's extension layer (`moto_ext/`) loaded before the server starts.
 * It listens on a free port of 127.0.0.1 only and is stopped by its PID.
 */
import { ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { metering, processCpuSeconds, recordCpu } from "../cpu-meter";

/** The moto release the extension layer is written against. */
export const MOTO_VERSION = "5.2.3";
const ARCHIVE = resolve(
  __dirname,
  "..",
  "..",
  "..",
  "shared",
  "tools",
  `moto-${MOTO_VERSION}.tar.gz`,
);
const PYTHON = process.env.MOTO_PYTHON ?? "/usr/bin/python3";
const EXTENSION_DIR = __dirname;

/** A running emulator. */
export interface Emulator {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** The server's log file (requests and tracebacks), for failure messages. */
  readonly logFile: string;
  stop(): Promise<void>;
}

/** Why the emulator cannot run here, or undefined when it can. */
export function emulatorUnavailable(): string | undefined {
  if (!existsSync(PYTHON)) return `${PYTHON} not found (apt-get install python3)`;
  const source = motoSource();
  if (!source) {
    return `no moto source: set MOTO_SOURCE or put moto-${MOTO_VERSION}.tar.gz in ../shared/tools/`;
  }
  const probe = spawnSync(PYTHON, ["-c", "import moto.server, flask, werkzeug, boto3"], {
    env: { ...process.env, PYTHONPATH: source },
    encoding: "utf8",
  });
  if (probe.status !== 0) {
    return `moto does not import on ${PYTHON} (see .ci/run for the Debian packages): ${lastLine(probe.stderr)}`;
  }
  return undefined;
}

let unpacked: string | undefined;

/** The directory holding the `moto/` package: MOTO_SOURCE, or the archive unpacked once. */
function motoSource(): string | undefined {
  if (process.env.MOTO_SOURCE) return process.env.MOTO_SOURCE;
  if (unpacked) return unpacked;
  if (!existsSync(ARCHIVE)) return undefined;
  const root = join(tmpdir(), `ses-moto-${MOTO_VERSION}-source`);
  if (!existsSync(join(root, "moto", "server.py"))) {
    // Unpacked beside and renamed into place: Jest workers may unpack at the same moment.
    const scratch = mkdtempSync(join(tmpdir(), "ses-moto-unpack-"));
    const tar = spawnSync("tar", ["-xzf", ARCHIVE, "-C", scratch], { encoding: "utf8" });
    if (tar.status !== 0) throw new Error(`tar -xzf ${ARCHIVE} failed: ${tar.stderr}`);
    try {
      renameSync(join(scratch, `moto-${MOTO_VERSION}`), root);
    } catch {
      // another worker won the race; its copy is complete
    }
    rmSync(scratch, { recursive: true, force: true });
  }
  unpacked = root;
  return root;
}

/** A port nobody listens on at this moment. */
async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Starts moto with the extension layer and waits until it answers. */
export async function startEmulator(): Promise<Emulator> {
  const reason = emulatorUnavailable();
  if (reason) throw new Error(`The AWS emulator cannot start: ${reason}`);
  const port = await freePort();
  const logDir = mkdtempSync(join(tmpdir(), "ses-moto-log-"));
  const logFile = join(logDir, "moto.log");
  const log = openSync(logFile, "a");
  const child = spawn(PYTHON, ["-m", "moto_ext", "-H", "127.0.0.1", "-p", String(port)], {
    env: {
      ...process.env,
      PYTHONPATH: `${EXTENSION_DIR}:${motoSource()}`,
      PYTHONDONTWRITEBYTECODE: "1",
    },
    stdio: ["ignore", log, log],
  });
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  await waitUntilReady(url, child, logFile);
  const startCpu = processCpuSeconds(child.pid);
  recordCpu("emulator start", startCpu, (performance.now() - started) / 1000);
  const stop = async () => {
    if (metering()) recordCpu("emulator serving", processCpuSeconds(child.pid) - startCpu, 0);
    await stopProcess(child);
    rmSync(logDir, { recursive: true, force: true });
  };
  return { url, logFile, stop };
}

async function waitUntilReady(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`The AWS emulator exited (${child.exitCode}):\n${tail(logFile)}`);
    }
    try {
      const response = await fetch(`${url}/moto-api/data.json`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stopProcess(child);
  throw new Error(`The AWS emulator did not answer within 60 s:\n${tail(logFile)}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once("exit", () => done());
    child.kill("SIGTERM");
  });
}

function lastLine(text: string): string {
  return text.trim().split("\n").pop() ?? "";
}

/** The last lines of the emulator's log. */
export function tail(logFile: string, lines = 40): string {
  return readFileSync(logFile, "utf8").trim().split("\n").slice(-lines).join("\n");
}
