import { EXIT_CODES } from "./exit-codes";
import { SmtpCheckReport } from "./run-smtp-check";
import { StepName, StepResult } from "./step-result";

const LABEL = { pass: "PASS", fail: "FAIL", skip: "SKIP" } as const;
const NAME_WIDTH = 6;
const MS_WIDTH = 8;
const INDENT = " ".repeat(2 + 4 + 1 + NAME_WIDTH + 1 + MS_WIDTH + 2);

/** `  ...  tcp     connecting to 10.0.1.5:587 (limit 5 s)`: printed when a step starts. */
export function formatStepStart(name: StepName, doing: string): string {
  return `  ...  ${name.padEnd(NAME_WIDTH)} ${"".padStart(MS_WIDTH)}  ${doing}`;
}

/** The result line of one step, with cause and fix lines under a failure. */
export function formatStep(step: StepResult): string {
  const ms = step.status === "skip" ? "" : `${step.ms} ms`;
  const lines = [
    `  ${LABEL[step.status]} ${step.name.padEnd(NAME_WIDTH)} ${ms.padStart(MS_WIDTH)}  ${step.detail}`,
  ];
  if (step.cause) lines.push(`${INDENT}cause: ${step.cause}`);
  if (step.fix) lines.push(`${INDENT}fix:   ${step.fix}`);
  for (const e of step.endpoints ?? []) {
    lines.push(`${INDENT}${LABEL[e.status]} ${e.endpoint}  ${e.detail}`);
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
export function formatSummary(report: SmtpCheckReport, verbose: boolean): string {
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

/** The `--json` object: every step with the same keys, cause and fix null when absent. */
export function formatJson(report: SmtpCheckReport): string {
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
      steps: report.steps.map((s) => ({
        name: s.name,
        title: s.title,
        status: s.status,
        ms: s.ms,
        detail: s.detail,
        cause: s.cause ?? null,
        fix: s.fix ?? null,
        endpoints: s.endpoints ?? null,
      })),
      followUp: report.followUp ?? null,
      transcript: report.transcript,
    },
    null,
    2,
  );
}

/** The `--json` object for input that never reached a check (bad usage, internal error). */
export function formatJsonError(exitCode: number, error: string, usage?: string): string {
  return JSON.stringify(
    { ok: false, exitCode, error, ...(usage ? { usage } : {}), steps: [] },
    null,
    2,
  );
}
