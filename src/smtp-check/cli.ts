import { HELP, parseCli, UsageError, USAGE, wantsJson } from "./cli-args";
import { EXIT_CODES } from "./exit-codes";
import { formatJson, formatJsonError, formatStep, formatStepStart, formatSummary } from "./report";
import { runSmtpCheck, SmtpCheckDeps } from "./run-smtp-check";

/** Where the command writes and what it reads from its environment. */
export interface CliIo {
  /** Writes a line to standard output. @default process.stdout */
  readonly out: (line: string) => void;
  /** Writes a line to standard error. @default process.stderr */
  readonly err: (line: string) => void;
  /** Environment variables (SMTP_USERNAME, SMTP_PASSWORD, AWS_REGION, …). @default process.env */
  readonly env: Readonly<Record<string, string | undefined>>;
}

export const processIo = (): CliIo => ({
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
});

function usageFailure(io: CliIo, json: boolean, message: string): number {
  io.err(`smtp-check: ${message}`);
  io.err(USAGE);
  if (json) io.out(formatJsonError(EXIT_CODES.usage, message, USAGE));
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
  deps: SmtpCheckDeps = {},
): Promise<number> {
  const json = wantsJson(argv);
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
  const live: SmtpCheckDeps = request.json
    ? deps
    : {
        ...deps,
        onStepStart: (name, doing) => io.out(formatStepStart(name, doing)),
        onStepEnd: (result) => {
          deps.onStepEnd?.(result);
          io.out(formatStep(result));
        },
      };
  try {
    const report = await runSmtpCheck(request.options, live);
    io.out(request.json ? formatJson(report) : formatSummary(report, request.verbose));
    if (report.exitCode === EXIT_CODES.secret) io.err(USAGE);
    return report.exitCode;
  } catch (error) {
    return internalFailure(io, request.json, error);
  }
}
