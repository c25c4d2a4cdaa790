/**
 * `npm run bench [-- --runs N] [-- --skip-test] [-- --skip-scale] [-- --scale 1,10,100,300]`
 * `npm run bench -- --changed-phases [--fleet N]`
 *
 * Prints wall time and peak memory (the whole process tree's resident memory, sampled every
 * 20 ms) of:
 *  1. the example configuration: a bare `node -e ''`, the app command alone, `npm run synth`,
 *     `cdktf synth`, and
 *     `npm test`, each as the median of several runs;
 *  2. a scale table for 1, 10, 100 and 300 SMTP client accounts: app synthesis, stacks and
 *     providers per stack, and terraform validate / offline plan of the hub stack and of account
 *     stacks (all of them for 1 and 10 accounts, one for more).
 *  3. fleet tooling (`--fleet N`, default 300 accounts; `--fleet-plan M`, default 20): `npm run
 *     synth` against the app alone; the whole `npm run plan -- --changed` review of a one-account
 *     edit in a throw-away git checkout; and `npm run plan` of every stack of an M-account fleet
 *     at the default parallelism (a full N-account plan takes N × ~5 s / cores: measured on M).
 *  4. `--changed-phases` (alone): the phases of `npm run plan -- --changed` for a one-account edit
 *     of an N-account fleet (`--fleet N`), each run alone: one app synthesis, `npm run stacks --
 *     --changed` (two syntheses and the comparison; then again, the reference reused), terraform
 *     init of the provider template, the offline plans of the hub and of the account, and the
 *     whole command cold (no .offline-plan/) and warm (run again).
 * It measures; it asserts nothing. Terraform runs use the local provider mirror.
 */
import { spawn } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  SynthesizedStack,
  initArgs,
  synthesizedStacks,
  terraform,
  terraformEnv,
  writeOfflineOverride,
} from "../src/review/offline-terraform";
import { parallelismBound } from "../src/review/fleet-cli";
import { fleetCheckout } from "../test-support/project-copy";
import { remoteStateDefaults } from "../src/review/remote-state-defaults";
import { generatedFleet as scaleConfig } from "../test-support/fleet";

const root = resolve(__dirname, "..");
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const RUNS = Number(option("--runs") ?? 5);
const SCALES = (option("--scale") ?? "1,10,100,300").split(",").map(Number);
const FLEET = Number(option("--fleet") ?? 300);
const FLEET_PLAN = Number(option("--fleet-plan") ?? 20);

interface Sample {
  wallSeconds: number;
  peakMiB: number;
  /** CPU time (user + system) of the process tree, as sampled: independent of other load. */
  cpuSeconds: number;
  status: number | null;
}

/**
 * Resident memory of a process and all its descendants, in KiB; records each one's CPU time so
 * far (clock ticks) in `cpuTicks`.
 */
function treeRssKiB(rootPid: number, cpuTicks = new Map<number, number>()): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const pid = Number(entry);
      const ppid = Number(fields[1]);
      rss.set(pid, Number(fields[21]) * 4); // pages of 4 KiB
      ticks.set(pid, Number(fields[11]) + Number(fields[12])); // utime + stime
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    if (ticks.has(pid)) cpuTicks.set(pid, Math.max(cpuTicks.get(pid) ?? 0, ticks.get(pid)!));
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

function measure(
  command: string,
  commandArgs: string[],
  cwd = root,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Sample> {
  return new Promise((done, fail) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, commandArgs, { cwd, env, stdio: "ignore" });
    let peak = 0;
    const cpuTicks = new Map<number, number>();
    const timer = setInterval(() => {
      if (child.pid) peak = Math.max(peak, treeRssKiB(child.pid, cpuTicks));
    }, 20);
    child.on("error", fail);
    child.on("exit", (status) => {
      clearInterval(timer);
      const wallSeconds = Number(process.hrtime.bigint() - start) / 1e9;
      const cpuSeconds = [...cpuTicks.values()].reduce((a, b) => a + b, 0) / 100; // USER_HZ
      done({ wallSeconds, peakMiB: peak / 1024, cpuSeconds, status });
    });
  });
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function medianOf(runs: number, command: string, commandArgs: string[], env?: NodeJS.ProcessEnv) {
  return medianOfIn(root, runs, command, commandArgs, env);
}

async function medianOfIn(
  cwd: string,
  runs: number,
  command: string,
  commandArgs: string[],
  env?: NodeJS.ProcessEnv,
) {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) samples.push(await measure(command, commandArgs, cwd, env));
  const failed = samples.filter((s) => s.status !== 0).length;
  return {
    wall: median(samples.map((s) => s.wallSeconds)),
    peak: median(samples.map((s) => s.peakMiB)),
    cpu: median(samples.map((s) => s.cpuSeconds)),
    note: failed ? `${failed} of ${runs} runs failed` : "",
  };
}

function row(cells: (string | number)[], widths: number[]): string {
  return cells.map((c, i) => String(c).padEnd(widths[i])).join("  ");
}

async function exampleFigures(): Promise<void> {
  const outdir = mkdtempSync(join(tmpdir(), "bench-out-"));
  const env = { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1" };
  await measure("node", ["scripts/run-app.js"], root, env); // builds the bundle and its code cache once
  const cases: [string, string, string[], number][] = [
    ["node -e '' (baseline)", "node", ["-e", ""], RUNS],
    ["app synthesis (node scripts/run-app.js)", "node", ["scripts/run-app.js"], RUNS],
    ["npm run synth (scripts/synth.js)", "npm", ["run", "synth", "--", "--output", outdir], RUNS],
    ["cdktf synth", "npx", ["cdktf", "synth", "--output", outdir], RUNS],
  ];
  if (!args.includes("--skip-test"))
    cases.push(["npm test", "npm", ["test", "--silent"], Math.min(RUNS, 3)]);
  console.log(`\nExample configuration (median of runs; peak = whole process tree)`);
  const widths = [42, 6, 10, 10, 20];
  console.log(row(["command", "runs", "wall s", "peak MiB", "note"], widths));
  for (const [label, command, commandArgs, runs] of cases) {
    const r = await medianOf(runs, command, commandArgs, env);
    console.log(row([label, runs, r.wall.toFixed(3), r.peak.toFixed(0), r.note], widths));
  }
}

async function terraformFigures(
  stack: SynthesizedStack,
  defaults: ReturnType<typeof remoteStateDefaults>,
) {
  writeOfflineOverride(stack, defaults[stack.name]);
  terraform(stack.dir, initArgs());
  const env = terraformEnv();
  const validate = await measure("terraform", ["validate", "-no-color"], stack.dir, env);
  const plan = await measure(
    "terraform",
    ["plan", "-input=false", "-lock=false", "-no-color", "-out=bench.tfplan"],
    stack.dir,
    env,
  );
  return { validate, plan };
}

async function scaleFigures(): Promise<void> {
  console.log(
    "\nScale: one SMTP hub and N client accounts. synth = app synthesis, median of 3, " +
      "smtp only / smtp + event publishing in every account; terraform runs: single runs on the latter",
  );
  const widths = [8, 13, 13, 7, 10, 24, 10, 10, 10, 10];
  console.log(
    row(
      [
        "accounts",
        "synth s",
        "synth MiB",
        "stacks",
        "providers",
        "stack",
        "valid. s",
        "valid. MiB",
        "plan s",
        "plan MiB",
      ],
      widths,
    ),
  );
  for (const n of SCALES) {
    const dir = mkdtempSync(join(tmpdir(), `bench-scale-${n}-`));
    const synthOf = (withEventPublishing: boolean) => {
      const configFile = join(dir, `config-${withEventPublishing}.json`);
      writeFileSync(
        configFile,
        JSON.stringify(scaleConfig(n, { eventPublishing: withEventPublishing })),
      );
      const env = {
        ...process.env,
        SES_CONFIG: configFile,
        CDKTF_OUTDIR: join(dir, `out-${withEventPublishing}`),
      };
      return medianOf(3, "node", ["scripts/run-app.js"], env);
    };
    const smtpOnly = await synthOf(false);
    const synth = await synthOf(true);
    if (synth.note || smtpOnly.note) {
      console.log(row([n, `synthesis failed: ${smtpOnly.note} ${synth.note}`], [8, 60]));
      continue;
    }
    const outdir = join(dir, "out-true");
    const stacks = synthesizedStacks(outdir);
    const providers = [...new Set(stacks.map((s) => (s.json.provider?.aws ?? []).length))].join(
      "/",
    );
    const defaults = remoteStateDefaults(stacks);
    const hub = stacks.filter((s) => s.name.startsWith("smtp-hub-"));
    const accounts = stacks.filter((s) => !s.name.startsWith("smtp-hub-"));
    const measured = [...hub, ...(n <= 10 ? accounts : accounts.slice(0, 1))];
    let first = true;
    for (const stack of measured) {
      const t = await terraformFigures(stack, defaults);
      const lead = first
        ? [
            n,
            `${smtpOnly.wall.toFixed(2)} / ${synth.wall.toFixed(2)}`,
            `${smtpOnly.peak.toFixed(0)} / ${synth.peak.toFixed(0)}`,
            stacks.length,
            providers,
          ]
        : ["", "", "", "", ""];
      first = false;
      const failed = t.validate.status !== 0 || t.plan.status !== 0 ? " (FAILED)" : "";
      console.log(
        row(
          [
            ...lead,
            stack.name + failed,
            t.validate.wallSeconds.toFixed(1),
            t.validate.peakMiB.toFixed(0),
            t.plan.wallSeconds.toFixed(1),
            t.plan.peakMiB.toFixed(0),
          ],
          widths,
        ),
      );
    }
  }
}

/** One wall/peak row of the fleet table. */
const FLEET_WIDTHS = [60, 8, 8, 9, 20];

function fleetRow(
  label: string,
  sample: { wall: number; cpu: number; peak: number; note: string },
): void {
  const cells = [label, sample.wall.toFixed(2), sample.cpu.toFixed(2), sample.peak.toFixed(0)];
  console.log(row([...cells, sample.note], FLEET_WIDTHS));
}

const loadAverage = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

async function fleetFigures(): Promise<void> {
  console.log(
    `\nFleet tooling: ${FLEET} accounts with smtp and event publishing (wall s, CPU s and peak MiB ` +
      `of the process tree; load average ${loadAverage()} at the start)`,
  );
  console.log(row(["command", "wall s", "CPU s", "peak MiB", "note"], FLEET_WIDTHS));
  const fleet = scaleConfig(FLEET);
  const dir = fleetCheckout("bench-fleet-", fleet);
  const env = { ...process.env, SES_CONFIG: "fleet.json", CHECKPOINT_DISABLE: "1" };
  const inFleet = (runs: number, command: string, commandArgs: string[], e = env) =>
    medianOfIn(dir, runs, command, commandArgs, e);
  await inFleet(1, "node", ["scripts/run-app.js"]); // builds the bundle and its code cache once
  fleetRow(
    `app alone (node scripts/run-app.js), median of 3`,
    await inFleet(3, "node", ["scripts/run-app.js"]),
  );
  fleetRow(`npm run synth, median of 3`, await inFleet(3, "npm", ["run", "synth"]));
  // One account edited: its own tags (its stack) and its CIDR (the hub's rules).
  const edited = fleet.accounts[FLEET - 1] as { tags?: object; smtp: { cidrs: string[] } };
  edited.tags = { Team: "billing" };
  edited.smtp.cidrs = ["172.16.0.0/24"];
  writeFileSync(join(dir, "fleet.json"), JSON.stringify(fleet));
  fleetRow(
    `npm run plan -- --changed (one account edited), 1 run`,
    await inFleet(1, "npm", ["run", "plan", "--", "--changed"]),
  );
  writeFileSync(join(dir, "fleet.json"), JSON.stringify(scaleConfig(FLEET_PLAN)));
  const parallelism = parallelismBound(1);
  fleetRow(`npm run plan: all ${FLEET_PLAN + 1} stacks of a ${FLEET_PLAN}-account fleet, 1 run`, {
    ...(await inFleet(1, "npm", ["run", "plan"])),
    note: `parallelism ${parallelism}`,
  });
  console.log(`load average at the end: ${loadAverage()}`);
  rmSync(dir, { recursive: true, force: true });
}

/** The managed resources of the synthesized stack in `dir`. */
function resourceCount(dir: string): number {
  const json = JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8"));
  return Object.values(json.resource ?? {}).reduce<number>(
    (n, byName) => n + Object.keys(byName as object).length,
    0,
  );
}

/** The phases of `npm run plan -- --changed` for a one-account edit, each measured alone. */
async function changedPhases(): Promise<void> {
  console.log(
    `\nnpm run plan -- --changed, one account of ${FLEET} edited: phases (wall s, CPU s of the ` +
      `process tree, peak MiB; load average ${loadAverage()} at the start)`,
  );
  console.log(row(["phase", "wall s", "CPU s", "peak MiB", "note"], FLEET_WIDTHS));
  const fleet = scaleConfig(FLEET);
  const dir = fleetCheckout("bench-phases-", fleet);
  const env = { ...process.env, SES_CONFIG: "fleet.json", CHECKPOINT_DISABLE: "1" };
  const one = (command: string, commandArgs: string[], cwd = dir) =>
    medianOfIn(cwd, 1, command, commandArgs, env);
  await one("node", ["scripts/run-app.js"]); // builds the bundle and its code cache once
  const edited = fleet.accounts[FLEET - 1] as { tags?: object; smtp: { cidrs: string[] } };
  edited.tags = { Team: "billing" };
  edited.smtp.cidrs = ["172.16.0.0/24"];
  writeFileSync(join(dir, "fleet.json"), JSON.stringify(fleet));
  const scratch = mkdtempSync(join(tmpdir(), "bench-phases-out-"));
  const appEnv = { ...env, CDKTF_OUTDIR: scratch };
  fleetRow(
    "app synthesis, one configuration",
    await medianOfIn(dir, 1, "node", ["scripts/run-app.js"], appEnv),
  );
  const stacksArgs = ["scripts/run-command.js", "stacks", "--changed"];
  await one("node", ["scripts/run-command.js", "stacks", "--version"]); // builds its bundle once
  fleetRow("npm run stacks -- --changed (2 syntheses, comparison)", await one("node", stacksArgs));
  fleetRow("the same again (reference reused)", await one("node", stacksArgs));
  fleetRow(
    "npm run plan -- --changed, after those (init cold)",
    await one("npm", ["run", "plan", "--", "--changed"]),
  );
  const stacksDir = join(dir, ".offline-plan", "cdktf.out", "stacks");
  for (const stack of ["smtp-hub-us-east-1", `ses-account-${String(FLEET).padStart(3, "0")}`]) {
    const args = ["plan", "-input=false", "-lock=false", "-refresh=false", "-out=bench.tfplan"];
    fleetRow(`terraform plan -refresh=false of ${stack}`, {
      ...(await one("terraform", args, join(stacksDir, stack))),
      note: `${resourceCount(join(stacksDir, stack))} resources`,
    });
  }
  const [template] = readdirSync(join(dir, ".offline-plan", "init"));
  const initDir = join(scratch, "init");
  mkdirSync(initDir);
  cpSync(
    join(dir, ".offline-plan", "init", template, "main.tf.json"),
    join(initDir, "main.tf.json"),
  );
  fleetRow("terraform init of the provider template", await one("terraform", initArgs(), initDir));
  rmSync(join(dir, ".offline-plan"), { recursive: true, force: true });
  fleetRow(
    "npm run plan -- --changed, cold (no .offline-plan/)",
    await one("npm", ["run", "plan", "--", "--changed"]),
  );
  fleetRow(
    "npm run plan -- --changed, warm (run again)",
    await one("npm", ["run", "plan", "--", "--changed"]),
  );
  console.log(`load average at the end: ${loadAverage()}`);
  rmSync(dir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
}

async function main(): Promise<void> {
  console.log(
    `node ${process.version}, ${readFileSync("/proc/cpuinfo", "utf8").match(/^processor/gm)?.length ?? "?"} CPUs`,
  );
  if (args.includes("--changed-phases")) return changedPhases();
  if (!args.includes("--skip-example")) await exampleFigures();
  if (!args.includes("--skip-scale")) await scaleFigures();
  if (!args.includes("--skip-fleet")) await fleetFigures();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
