/**
 * CPU metering of the end-to-end harness, for `npm run bench:suites` (scripts/suite-cpu.ts). Off
 * unless CPU_METER_FILE is set; then every phase appends one JSON line to that file: terraform
 * commands (through `cpu-meter/bin/terraform` first on PATH), cdktf and the plan script (through
 * `cpu-meter/metered.sh`), synthesis in the Jest process, and the emulator (from /proc).
 */
import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** One metered phase: CPU seconds (user + system) of it and of the processes it waited for. */
export interface CpuRecord {
  readonly suite: string;
  readonly phase: string;
  /** Set on runs through metered.sh: the records of the commands it started name it as parent. */
  readonly id?: string;
  readonly parent: string;
  readonly cpu: number;
  readonly wall: number;
}

const METERED_SH = join(__dirname, "cpu-meter", "metered.sh");

/** The directory to put first on PATH so that `terraform` is metered. */
export const METERED_BIN = join(__dirname, "cpu-meter", "bin");

const meterFile = (): string | undefined => process.env.CPU_METER_FILE;

/** Appends one record (a phase measured inside the Jest process). */
export function recordCpu(phase: string, cpu: number, wall: number): void {
  const file = meterFile();
  if (!file) return;
  const record: CpuRecord = {
    suite: process.env.CPU_METER_SUITE ?? "",
    phase,
    parent: process.env.CPU_METER_PARENT ?? "",
    cpu: Number(cpu.toFixed(3)),
    wall: Number(wall.toFixed(3)),
  };
  appendFileSync(file, `${JSON.stringify(record)}\n`);
}

/** Runs `work` (synchronous, in this process) and records its CPU under `phase`. */
export function meteredSync<T>(phase: string, work: () => T): T {
  if (!meterFile()) return work();
  const cpu = process.cpuUsage();
  const started = performance.now();
  try {
    return work();
  } finally {
    const used = process.cpuUsage(cpu);
    recordCpu(phase, (used.user + used.system) / 1e6, (performance.now() - started) / 1000);
  }
}

/** `[command, args]` to spawn so that the run is metered under `phase` (unchanged when off). */
export function meteredCommand(phase: string, command: string, args: string[]): [string, string[]] {
  return meterFile() ? ["bash", [METERED_SH, phase, command, ...args]] : [command, args];
}

/** CPU seconds a running process has used so far (Linux /proc; 0 where it cannot be read). */
export function processCpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ ticks
  } catch {
    return 0;
  }
}

/** Whether CPU metering is on (only then is /proc read). */
export const metering = (): boolean => meterFile() !== undefined;
