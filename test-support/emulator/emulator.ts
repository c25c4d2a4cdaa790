/**
 * The local AWS emulator for end-to-end tests: moto 5.2.3 (found as moto-runtime.ts says), with
 * this project's extension layer (`moto_ext/`) loaded before the server starts. It listens on a
 * free port of 127.0.0.1 only and is stopped by its PID.
 */
import { ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { metering, processCpuSeconds, recordCpu } from "../cpu-meter";
import { motoLookup } from "./moto-runtime";

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
  const lookup = motoLookup();
  return "reason" in lookup ? lookup.reason : undefined;
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

/**
 * An Authorization header for a request made by hand: moto routes a request by the service and
 * region of its credential scope, and checks no signature while it enforces no IAM policy.
 */
export function unsignedAuthorization(service: string, region = "us-east-1"): string {
  return `AWS4-HMAC-SHA256 Credential=test/20260101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=0`;
}

/** How the emulator runs. */
export interface EmulatorOptions {
  /**
   * How often the server's threads switch, in seconds (Python's `sys.setswitchinterval`). Tiny
   * values interleave requests handled at once every few bytecodes: races between them show.
   * @default 0.005 (Python's)
   */
  readonly threadSwitchSeconds?: number;
}

/** Starts moto with the extension layer and waits until it answers. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const lookup = motoLookup();
  if ("reason" in lookup) throw new Error(`The AWS emulator cannot start: ${lookup.reason}`);
  const { python, source } = lookup.runtime;
  const port = await freePort();
  const logDir = mkdtempSync(join(tmpdir(), "ses-moto-log-"));
  const logFile = join(logDir, "moto.log");
  const log = openSync(logFile, "a");
  const child = spawn(python, ["-m", "moto_ext", "-H", "127.0.0.1", "-p", String(port)], {
    env: {
      ...process.env,
      PYTHONPATH: [EXTENSION_DIR, ...(source ? [source] : [])].join(delimiter),
      PYTHONDONTWRITEBYTECODE: "1",
      ...(options.threadSwitchSeconds && {
        MOTO_EXT_SWITCH_INTERVAL: String(options.threadSwitchSeconds),
      }),
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

/** The emulator's log, line by line. */
function logLines(logFile: string): string[] {
  return readFileSync(logFile, "utf8").trim().split("\n");
}

/** The last lines of the emulator's log. */
export function tail(logFile: string, lines = 40): string {
  return logLines(logFile).slice(-lines).join("\n");
}

/**
 * A request line of moto_ext/request_log.py: `HH:MM:SS <action> <status> <seconds>s`, then
 * ` attempt N` when an SDK sent the call again, and ` (first answer repeated)` (moto_ext/retries.py).
 */
const REQUEST_LINE =
  /^\d\d:\d\d:\d\d .+ (\d{3}) [\d.]+s( attempt \d+)?( \(first answer repeated\))?$/;

/** A REST read answered 404: how the provider's waiters see that something is gone. */
const WAITER_READ = / (GET|HEAD) \S+ 404 /;

/** werkzeug's start-up lines. */
const SERVER_BANNER = /development server|Running on http|Press CTRL\+C/;

/**
 * What a failed run's message quotes: every request the emulator refused or failed (status 400 and
 * up, but for REST reads answered 404), every call an SDK sent again (its earlier attempt failed or
 * its answer was lost) and any line that is not a request (tracebacks), then the last `lines` lines.
 */
export function failureLog(logFile: string, lines = 20): string {
  const all = logLines(logFile);
  const noted = all.filter((line) => {
    const request = REQUEST_LINE.exec(line);
    if (!request) return !SERVER_BANNER.test(line);
    const retried = request[2] !== undefined || request[3] !== undefined;
    return (Number(request[1]) >= 400 && !WAITER_READ.test(line)) || retried;
  });
  return `failed or retried requests and other lines:\n${noted.slice(-60).join("\n")}\nlast lines:\n${all.slice(-lines).join("\n")}`;
}
