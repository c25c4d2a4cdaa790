import { StepName, StepResult } from "./step-result";

/**
 * Exit status of `smtp-check`: 0 only when every requested step passed, otherwise the code of
 * the first step that failed (later steps do not run).
 */
export const EXIT_CODES = {
  ok: 0,
  /** A bug in smtp-check itself (the message says so). */
  internal: 1,
  /** Bad command line: the message names the flag; nothing was checked. */
  usage: 2,
  dns: 10,
  tcp: 11,
  tls: 12,
  auth: 13,
  send: 14,
  secret: 15,
} as const satisfies Record<StepName | "ok" | "internal" | "usage", number>;

export function exitCodeFor(steps: readonly StepResult[]): number {
  const failure = steps.find((step) => step.status === "fail");
  return failure ? EXIT_CODES[failure.name] : EXIT_CODES.ok;
}
