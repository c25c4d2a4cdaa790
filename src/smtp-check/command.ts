/**
 * `smtp-check` as a process: the entry of the bundle in bin/. Writes to stdout until a reader
 * goes away (EPIPE: the rest is dropped, the exit status stays the check's), and on SIGINT or
 * SIGTERM exits 128 + the signal number, under `--json` after printing what ran so far.
 */
import { CliIo, main, processIo } from "./cli";
import { wantsJson } from "./cli-args";
import { formatJson } from "./report";
import { SmtpCheckReport } from "./run-smtp-check";
import { skipped, STEP_NAMES, StepResult } from "./step-result";

const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
type Signal = keyof typeof SIGNAL_EXIT;

/** The report of a check stopped by a signal: the steps that ended, the others not run. */
export function interruptedReport(done: readonly StepResult[], signal: Signal): SmtpCheckReport {
  const why = `not run: interrupted by ${signal}`;
  return {
    ok: false,
    exitCode: SIGNAL_EXIT[signal],
    interrupted: signal,
    steps: STEP_NAMES.map((name) => done.find((s) => s.name === name) ?? skipped(name, why)),
    transcript: [],
  };
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
  for (const signal of Object.keys(SIGNAL_EXIT) as Signal[]) {
    process.once(signal, () => {
      if (wantsJson(argv)) io.out(formatJson(interruptedReport(done, signal)));
      else io.err(`smtp-check: interrupted by ${signal}`);
      exit(SIGNAL_EXIT[signal]);
    });
  }
  main(argv, io, { onStepEnd: (step) => done.push(step) }).then(exit, (error) => {
    io.err(`smtp-check: internal error: ${error instanceof Error ? error.message : error}`);
    exit(1);
  });
}
