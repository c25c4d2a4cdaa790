/**
 * The CPU table of `npm run bench:suites`: runs Jest suites one after another with CPU metering on
 * (test-support/cpu-meter.ts) and prints, per suite and per phase, CPU seconds (user + system of
 * the phase's whole process tree, its metered sub-phases taken out) and how many runs made it.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { CpuRecord, METERED_BIN, meteredCommand } from "./cpu-meter";

const ROOT = resolve(__dirname, "..");

/** The phase name of the outer run (Jest, or `npm test`): what no sub-phase accounts for. */
const OUTER = "jest: test code, SDK calls, Jest itself";

/** Total and count of one phase of one suite. */
interface Cell {
  cpu: number;
  runs: number;
}

/** CPU per phase of each suite: a record's own CPU is its CPU less its metered children's. */
export function cpuByPhase(records: CpuRecord[]): Map<string, Map<string, Cell>> {
  const children = new Map<string, number>();
  for (const r of records) children.set(r.parent, (children.get(r.parent) ?? 0) + r.cpu);
  const table = new Map<string, Map<string, Cell>>();
  for (const r of records) {
    const own = r.cpu - (r.id ? (children.get(r.id) ?? 0) : 0);
    const bySuite = table.get(r.phase) ?? new Map<string, Cell>();
    const cell = bySuite.get(r.suite) ?? { cpu: 0, runs: 0 };
    bySuite.set(r.suite, { cpu: cell.cpu + own, runs: cell.runs + 1 });
    table.set(r.phase, bySuite);
  }
  return table;
}

/** The table as text: phases by total CPU, one column per suite, a total row and column. */
export function formatCpuTable(records: CpuRecord[], walls: Map<string, number>): string {
  const suites = [...walls.keys()];
  const table = cpuByPhase(records);
  const total = (cells: Map<string, Cell>) =>
    [...cells.values()].reduce((sum, c) => sum + c.cpu, 0);
  const phases = [...table.keys()].sort((a, b) => total(table.get(b)!) - total(table.get(a)!));
  const widths = [44, ...suites.map((s) => Math.max(s.length, 12)), 10];
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ");
  const out = [line(["phase: CPU s (runs)", ...suites, "all"])];
  for (const phase of phases) {
    const cells = table.get(phase)!;
    const cell = (s: string) => {
      const c = cells.get(s);
      return c ? `${c.cpu.toFixed(1)} (${c.runs})` : "-";
    };
    out.push(line([phase, ...suites.map(cell), total(cells).toFixed(1)]));
  }
  const roots = records.filter((r) => r.parent === "");
  const cpuOf = (s: string) => roots.filter((r) => r.suite === s).reduce((n, r) => n + r.cpu, 0);
  const all = suites.reduce((n, s) => n + cpuOf(s), 0);
  out.push(line(["total CPU s", ...suites.map((s) => cpuOf(s).toFixed(1)), all.toFixed(1)]));
  const wallOf = (s: string) => walls.get(s)!;
  const allWall = suites.reduce((n, s) => n + wallOf(s), 0);
  out.push(line(["wall s", ...suites.map((s) => wallOf(s).toFixed(1)), allWall.toFixed(1)]));
  return out.join("\n");
}

/** The terraform the metering wrapper runs: the first on PATH. */
function realTerraform(): string {
  const found = spawnSync("bash", ["-c", "command -v terraform"], { encoding: "utf8" });
  if (found.status !== 0) throw new Error("terraform not found on PATH");
  return found.stdout.trim();
}

/**
 * Runs `command args` (from the project directory) metered as the suite `suite`; resolves with
 * its exit status and wall seconds. Its output goes to this process's.
 */
export function runMetered(
  suite: string,
  meterFile: string,
  command: string,
  args: string[],
): Promise<{ status: number; wall: number }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CPU_METER_FILE: meterFile,
    CPU_METER_SUITE: suite,
    CPU_METER_TERRAFORM: realTerraform(),
    CPU_METER_PARENT: "",
    PATH: `${METERED_BIN}:${process.env.PATH}`,
  };
  const [metered, meteredArgs] = meteredCommand(OUTER, command, args);
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(metered, meteredArgs, { cwd: ROOT, env: env, stdio: "inherit" });
    child.on("error", fail);
    child.on("close", (status) =>
      done({ status: status ?? 1, wall: (performance.now() - started) / 1000 }),
    );
  });
}

/** Runs each Jest suite alone (`--maxWorkers=1`), or `npm test` once; prints the table. */
export async function suiteCpu(paths: string[], wholeSuite: boolean): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "suite-cpu-"));
  const meterFile = join(dir, "cpu.jsonl");
  // Set for the runs only: the meter functions read it from the environment.
  process.env.CPU_METER_FILE = meterFile;
  const walls = new Map<string, number>();
  let failed = 0;
  const load = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  const loads = [`load average at the start: ${load()}`];
  const runs: [string, string, string[]][] = wholeSuite
    ? [["npm test", "npm", ["test", "--silent"]]]
    : paths.map((p) => [
        basename(p).replace(/\.test\.ts$/, ""),
        join(ROOT, "node_modules", ".bin", "jest"),
        [p, "--maxWorkers=1"],
      ]);
  for (const [suite, command, args] of runs) {
    const run = await runMetered(suite, meterFile, command, args);
    walls.set(suite, run.wall);
    if (run.status !== 0) failed++;
    loads.push(`after ${suite}: ${load()}`);
  }
  delete process.env.CPU_METER_FILE;
  const records = readFileSync(meterFile, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as CpuRecord);
  rmSync(dir, { recursive: true, force: true });
  console.log(`\n${formatCpuTable(records, walls)}\n${loads.join("; ")}`);
  if (failed) console.log(`${failed} run(s) failed: their figures are not comparable`);
  return failed ? 1 : 0;
}
