/**
 * `smtp-check` as a command: parse argv, run the check, print the report (step lines as they run,
 * or one JSON object), and, as a process (the entry of the bundle in bin/), handle EPIPE and
 * signals.
 */
import {
  API_HELP,
  API_USAGE,
  HELP,
  parseApiCli,
  parseCli,
  USAGE,
  UsageError,
  wantsApiCheck,
  wantsJson,
} from "./cli-args";
import {
  API_STEP_NAMES,
  API_STEP_TITLES,
  ApiCheckDeps,
  ApiCheckReport,
  runApiCheck,
} from "./run-api-check";
import { SES_API_PORT, sesApiHost } from "../private/ses-facts";
import { KnownSoFar, runSmtpCheck, SmtpCheckDeps, SmtpCheckReport } from "./run-smtp-check";
import { EXIT_CODES, skipped, STEP_NAMES, StepName, StepResult } from "./step-result";

/** Where the command writes and what it reads from its environment. */
export interface CliIo {
  /** Writes a line to standard output. @default process.stdout */
  readonly out: (line: string) => void;
  /** Writes a line to standard error. @default process.stderr */
  readonly err: (line: string) => void;
  /** Environment variables (SMTP_USERNAME, SMTP_PASSWORD, AWS_REGION, …). @default process.env */
  readonly env: Readonly<Record<string, string | undefined>>;
}

const processIo = (): CliIo => ({
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
});

function usageFailure(io: CliIo, json: boolean, message: string, usage = USAGE): number {
  io.err(`smtp-check: ${message}`);
  io.err(usage);
  if (json) io.out(formatJsonError(EXIT_CODES.usage, message, usage));
  return EXIT_CODES.usage;
}

function internalFailure(io: CliIo, json: boolean, error: unknown): number {
  const message = `internal error (please report it): ${error instanceof Error ? error.message : String(error)}`;
  io.err(`smtp-check: ${message}`);
  if (json) io.out(formatJsonError(EXIT_CODES.internal, message));
  return EXIT_CODES.internal;
}

/**
 * `smtp-check`: parses argv, runs the check, prints (steps as they run, or one JSON object) and
 * returns the exit status. Never throws and never prints a stack trace.
 */
export async function main(
  argv: readonly string[],
  io: CliIo = processIo(),
  deps: SmtpCheckDeps & ApiCheckDeps = {},
): Promise<number> {
  const json = wantsJson(argv);
  if (wantsApiCheck(argv)) return apiMain(argv.slice(1), io, deps);
  let request;
  try {
    request = parseCli(argv, io.env);
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(io, json, error.message);
    return internalFailure(io, json, error);
  }
  if (request.help) {
    io.out(HELP);
    return EXIT_CODES.ok;
  }
  const live = request.json ? deps : printingSteps(deps, io);
  try {
    const report = await runSmtpCheck(request.options, live);
    io.out(request.json ? formatJson(report) : formatSummary(report, request.verbose));
    if (report.exitCode === EXIT_CODES.secret) io.err(USAGE);
    return report.exitCode;
  } catch (error) {
    return internalFailure(io, request.json, error);
  }
}

/** What the plain report hooks into: the step hooks both checks take. */
interface StepHooks {
  readonly onStepStart?: (name: StepName, doing: string) => void;
  readonly onStepEnd?: (result: StepResult) => void;
}

/** The deps with each step's start and result also printed, as the plain report does. */
function printingSteps<D extends StepHooks>(deps: D, io: CliIo): D {
  return {
    ...deps,
    onStepStart: (name: StepName, doing: string) => io.out(formatStepStart(name, doing)),
    onStepEnd: (result: StepResult) => {
      deps.onStepEnd?.(result);
      io.out(formatStep(result));
    },
  };
}

/** `smtp-check api`: parse, run the API check, print; never throws. */
async function apiMain(argv: readonly string[], io: CliIo, deps: ApiCheckDeps): Promise<number> {
  const json = wantsJson(argv);
  let request;
  try {
    request = parseApiCli(argv, io.env);
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(io, json, error.message, API_USAGE);
    return internalFailure(io, json, error);
  }
  if (request.help) {
    io.out(API_HELP);
    return EXIT_CODES.ok;
  }
  const live = request.json ? deps : printingSteps(deps, io);
  try {
    const report = await runApiCheck(request.options, live);
    io.out(request.json ? formatApiJson(report) : formatApiSummary(report));
    return report.exitCode;
  } catch (error) {
    return internalFailure(io, request.json, error);
  }
}

/** The verdict of an API check: can the account send, and how much. */
function formatApiSummary(report: ApiCheckReport): string {
  const failure = report.steps.find((s) => s.status === "fail");
  const verdict = failure
    ? `FAILED at ${failure.name} (${failure.title}): exit ${report.exitCode}`
    : `OK: this account can send through ${report.host} in ${report.region}: exit ${EXIT_CODES.ok}`;
  const account = report.account;
  const facts = account
    ? [
        "",
        `  access:       ${account.productionAccess ? "production" : "sandbox"}`,
        `  sending:      ${account.sendingEnabled ? "enabled" : "paused"}`,
        `  quota:        ${account.quota.max24HourSend} per 24 h, ${account.quota.maxSendRate} per second`,
        `  used:         ${account.quota.sentLast24Hours} in the last 24 h (${account.quota.usedPercent} %)`,
        `  enforcement:  ${account.enforcementStatus}`,
      ]
    : [];
  return [...facts, "", verdict].join("\n");
}

/** The API check's `--json` object: the steps as the SMTP check prints them, and the account. */
function formatApiJson(report: ApiCheckReport): string {
  return JSON.stringify(
    {
      ok: report.ok,
      exitCode: report.exitCode,
      check: report.check,
      interrupted: report.interrupted ?? null,
      region: report.region,
      host: report.host,
      port: report.port,
      connectTo: report.connectTo ?? null,
      steps: report.steps.map(jsonStep),
      account: report.account ?? null,
    },
    null,
    2,
  );
}

const LABEL = { pass: "PASS", fail: "FAIL", skip: "SKIP" } as const;
const NAME_WIDTH = 6;
const MS_WIDTH = 8;
const INDENT = " ".repeat(2 + 4 + 1 + NAME_WIDTH + 1 + MS_WIDTH + 2);

/** `  ...  tcp     connecting to 10.0.1.5:587 (limit 5 s)`: printed when a step starts. */
function formatStepStart(name: StepName, doing: string): string {
  return `  ...  ${name.padEnd(NAME_WIDTH)} ${"".padStart(MS_WIDTH)}  ${doing}`;
}

/** The result line of one step, with cause and fix lines under a failure. */
function formatStep(step: StepResult): string {
  const ms = step.status === "skip" ? "" : `${step.ms} ms`;
  const lines = [
    `  ${LABEL[step.status]} ${step.name.padEnd(NAME_WIDTH)} ${ms.padStart(MS_WIDTH)}  ${step.detail}`,
  ];
  if (step.cause) lines.push(`${INDENT}cause: ${step.cause}`);
  if (step.fix) lines.push(`${INDENT}fix:   ${step.fix}`);
  for (const e of step.endpoints ?? []) {
    lines.push(`${INDENT}${LABEL[e.status]} ${e.endpoint}  ${e.detail}`);
    // Each address's own cause: a refusal at one address is not the drop at another.
    if (e.cause) lines.push(`${INDENT}     cause: ${e.cause}`);
    if (e.fix) lines.push(`${INDENT}     fix:   ${e.fix}`);
  }
  return lines.join("\n");
}

function followUpLines(report: SmtpCheckReport): string[] {
  const { followUp } = report;
  if (!followUp) return [];
  return [
    "",
    "Then check the event pipeline in a minute or two (Firehose buffers before writing to S3),",
    "with credentials of the account that owns the configuration set and the bucket:",
    ...(followUp.messageId ? [`  SES message id: ${followUp.messageId}`] : []),
    ...followUp.commands.map((command) => `  ${command}`),
  ];
}

/** What comes after the step lines: the verdict, the follow-up commands, the transcript. */
function formatSummary(report: SmtpCheckReport, verbose: boolean): string {
  const failure = report.steps.find((s) => s.status === "fail");
  const verdict = failure
    ? `FAILED at ${failure.name} (${failure.title}): exit ${report.exitCode}`
    : `OK: every requested step passed: exit ${EXIT_CODES.ok}`;
  const transcript = verbose
    ? [
        "",
        "SMTP conversation:",
        ...report.transcript.flatMap((e) => e.split("\n")).map((l) => `  ${l}`),
      ]
    : [];
  return ["", verdict, ...followUpLines(report), ...transcript].join("\n");
}

/** A step in `--json`: the same keys for every step, cause and fix null when absent. */
function jsonStep(s: StepResult) {
  return {
    name: s.name,
    title: s.title,
    status: s.status,
    ms: s.ms,
    detail: s.detail,
    cause: s.cause ?? null,
    fix: s.fix ?? null,
    endpoints: s.endpoints ?? null,
  };
}

/** The `--json` object: every step with the same keys, cause and fix null when absent. */
function formatJson(report: SmtpCheckReport): string {
  return JSON.stringify(
    {
      ok: report.ok,
      exitCode: report.exitCode,
      interrupted: report.interrupted ?? null,
      host: report.host ?? null,
      port: report.port ?? null,
      tlsMode: report.tlsMode ?? null,
      tlsName: report.tlsName ?? null,
      connectTo: report.connectTo ?? null,
      steps: report.steps.map(jsonStep),
      followUp: report.followUp ?? null,
      transcript: report.transcript,
    },
    null,
    2,
  );
}

/** The `--json` object for input that never reached a check (bad usage, internal error). */
function formatJsonError(exitCode: number, error: string, usage?: string): string {
  return JSON.stringify(
    { ok: false, exitCode, error, ...(usage ? { usage } : {}), steps: [] },
    null,
    2,
  );
}

/**
 * `smtp-check` as a process: the entry of the bundle in bin/. Writes to stdout until a reader
 * goes away (EPIPE: the rest is dropped, the exit status stays the check's), and on SIGINT or
 * SIGTERM exits 128 + the signal number, under `--json` after printing what ran so far.
 */

const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
export type Signal = keyof typeof SIGNAL_EXIT;

/**
 * The report of a check stopped by a signal: every field already known (target, transcript,
 * follow-up), the steps that ended, the others not run.
 */
export function interruptedReport(
  done: readonly StepResult[],
  signal: Signal,
  known: KnownSoFar = { transcript: [] },
): SmtpCheckReport {
  const why = `not run: interrupted by ${signal}`;
  return {
    ...known,
    ok: false,
    exitCode: SIGNAL_EXIT[signal],
    interrupted: signal,
    steps: STEP_NAMES.map((name) => done.find((s) => s.name === name) ?? skipped(name, why)),
  };
}

/** The JSON printed when a signal stops a check (see interruptedReport). */
export function formatInterrupted(
  done: readonly StepResult[],
  signal: Signal,
  known?: KnownSoFar,
): string {
  return formatJson(interruptedReport(done, signal, known));
}

/** The JSON printed when a signal stops `smtp-check api`: its target, the steps that ended. */
export function formatApiInterrupted(
  argv: readonly string[],
  env: CliIo["env"],
  done: readonly StepResult[],
  signal: Signal,
): string {
  const { options } = parseApiCli(argv.slice(1), env);
  const why = `not run: interrupted by ${signal}`;
  return formatApiJson({
    ok: false,
    exitCode: SIGNAL_EXIT[signal],
    check: "api",
    interrupted: signal,
    region: options.region,
    host: options.host ?? sesApiHost(options.region),
    port: options.connectTo?.port ?? SES_API_PORT,
    connectTo: options.connectTo,
    steps: API_STEP_NAMES.map(
      (name) =>
        done.find((s) => s.name === name) ?? {
          ...skipped(name, why),
          title: API_STEP_TITLES[name],
        },
    ),
  });
}

/** stdout that stops writing, quietly, once its reader has gone. */
function pipeSafeIo(): CliIo {
  let readerGone = false;
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    readerGone = true;
  });
  const io = processIo();
  return { ...io, out: (line) => (readerGone ? undefined : io.out(line)) };
}

function exit(code: number): void {
  process.stdout.write("", () => process.exit(code));
}

/** Runs `smtp-check` with the process's argv, streams and signals, then exits. */
export function runCommand(argv: readonly string[] = process.argv.slice(2)): void {
  // The AWS SDK's notice about future Node versions is noise on a diagnostic's stderr.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const io = pipeSafeIo();
  const done: StepResult[] = [];
  let known: (() => KnownSoFar) | undefined;
  for (const signal of Object.keys(SIGNAL_EXIT) as Signal[]) {
    process.once(signal, () => {
      if (wantsJson(argv)) {
        io.out(
          wantsApiCheck(argv)
            ? formatApiInterrupted(argv, io.env, done, signal)
            : formatInterrupted(done, signal, known?.()),
        );
      } else io.err(`smtp-check: interrupted by ${signal}`);
      exit(SIGNAL_EXIT[signal]);
    });
  }
  const deps: SmtpCheckDeps = {
    onStepEnd: (step) => done.push(step),
    onProgress: (soFar) => (known = soFar),
  };
  main(argv, io, deps).then(exit, (error) => {
    io.err(`smtp-check: internal error: ${error instanceof Error ? error.message : error}`);
    exit(1);
  });
}
