/**
 * The steps of a check, in the order they run, and what each one reports: a result per step (and
 * per address for TCP and TLS, combined here), the exit status the results add up to, and the
 * time limit and error helpers the network steps share.
 */

/** The SMTP check's steps, in order (`smtp-check api` has its own list, API_STEP_NAMES). */
export const STEP_NAMES = ["secret", "dns", "tcp", "tls", "auth", "send"] as const;
/** Every step of either check: the SMTP steps, and the API check's `creds` and `api`. */
export type StepName = (typeof STEP_NAMES)[number] | "creds" | "api";

export const STEP_TITLES: Record<StepName, string> = {
  secret: "read the SMTP credentials from Secrets Manager",
  dns: "resolve the host name",
  tcp: "open a TCP connection",
  tls: "SMTP greeting and a verified TLS session",
  auth: "EHLO and AUTH LOGIN",
  send: "send a test message",
  creds: "find AWS credentials (the default chain)",
  api: "signed SESv2 GetAccount",
};

/** `skip`: the step was not requested, or an earlier step failed. */
export type StepStatus = "pass" | "fail" | "skip";

/** What a step found: what it saw, and on failure the likely cause and the fix. */
export interface StepOutcome {
  readonly status: "pass" | "fail";
  /** What the step did and saw, in one line. */
  readonly detail: string;
  /** On failure: the most likely reason, naming the piece that is broken. */
  readonly cause?: string;
  /** On failure: what to change or run. */
  readonly fix?: string;
  /**
   * On failure: which kind of failure (for TCP `dropped`, `refused`, `unreachable`, `error`), so a
   * step combining several addresses explains each kind by its own cause.
   * @default none (the failure is its own kind)
   */
  readonly kind?: string;
  /** TCP and TLS: the result at each address of the host (only when there are several). */
  readonly endpoints?: readonly EndpointResult[];
}

/** One address's result within a TCP or TLS step. */
export interface EndpointResult {
  /** `address:port`. */
  readonly endpoint: string;
  readonly status: "pass" | "fail";
  readonly detail: string;
  readonly cause?: string;
  readonly fix?: string;
}

export interface StepResult {
  readonly name: StepName;
  readonly title: string;
  readonly status: StepStatus;
  /** Wall-clock time the step took, in milliseconds (0 when skipped). */
  readonly ms: number;
  readonly detail: string;
  readonly cause?: string;
  readonly fix?: string;
  readonly endpoints?: readonly EndpointResult[];
}

export const passed = (detail: string): StepOutcome => ({ status: "pass", detail });

export const failed = (detail: string, cause: string, fix: string): StepOutcome => ({
  status: "fail",
  detail,
  cause,
  fix,
});

export function skipped(name: StepName, detail: string): StepResult {
  return { name, title: STEP_TITLES[name], status: "skip", ms: 0, detail };
}

/** One address's outcome of a TCP or TLS step. */
export interface EndpointOutcome {
  /** `address:port`. */
  readonly endpoint: string;
  readonly outcome: StepOutcome;
}

/** What a step says when some addresses pass and others fail. */
export interface PartialFailure {
  readonly cause: (failing: readonly string[]) => string;
  readonly fix: (failing: readonly string[]) => string;
  /**
   * The failure kinds this explanation is about (a refusal is not a drop); the failures of other
   * kinds keep their own cause and fix.
   * @default every kind
   */
  readonly kinds?: readonly string[];
}

const listed = (results: readonly EndpointOutcome[]) => results.map((r) => r.endpoint).join(", ");

function endpointResult({ endpoint, outcome }: EndpointOutcome): EndpointResult {
  const { status, detail, cause, fix } = outcome;
  return { endpoint, status, detail, ...(cause ? { cause, fix } : {}) };
}

/** Failing addresses that share one cause and fix (and so one kind of failure). */
interface FailureGroup {
  readonly names: string[];
  readonly cause: string;
  readonly fix: string;
  readonly kind?: string;
}

function groupByCause(failing: readonly EndpointOutcome[]): FailureGroup[] {
  const groups: FailureGroup[] = [];
  for (const { endpoint, outcome } of failing) {
    const { cause = "", fix = "", kind } = outcome;
    const group = groups.find((g) => g.cause === cause && g.fix === fix);
    if (group) group.names.push(endpoint);
    else groups.push({ names: [endpoint], cause, fix, kind });
  }
  return groups;
}

const covers = (partial: PartialFailure, kind: string | undefined) =>
  partial.kinds === undefined || (kind !== undefined && partial.kinds.includes(kind));

/**
 * One step outcome from every address's: a single address's outcome as it is; several that all
 * pass summarised; failures grouped by cause, so each kind of failure keeps its own cause and fix.
 * When some addresses pass, the failures the step's partial-failure diagnosis is about (clients
 * pick an address at random and some of their connections fail) take that diagnosis instead.
 */
export function combineEndpoints(
  results: readonly EndpointOutcome[],
  partial: PartialFailure,
): StepOutcome {
  if (results.length === 1) return results[0].outcome;
  const endpoints = results.map(endpointResult);
  const failing = results.filter((r) => r.outcome.status === "fail");
  const passing = results.filter((r) => r.outcome.status === "pass");
  if (failing.length === 0) {
    return { ...passed(`all ${results.length} addresses passed: ${listed(results)}`), endpoints };
  }
  const detail =
    passing.length === 0
      ? `all ${results.length} addresses failed: ${listed(results)}`
      : `${failing.length} of ${results.length} addresses failed: ${listed(failing)} (passed: ${listed(passing)})`;
  const groups = groupByCause(failing).map((group) =>
    passing.length > 0 && covers(partial, group.kind)
      ? { ...group, cause: partial.cause(group.names), fix: partial.fix(group.names) }
      : group,
  );
  if (groups.length === 1) return { ...failed(detail, groups[0].cause, groups[0].fix), endpoints };
  const each = (text: (g: FailureGroup) => string) =>
    groups.map((g) => `${g.names.join(", ")}: ${text(g)}`).join("; ");
  return {
    ...failed(
      detail,
      each((g) => g.cause),
      each((g) => g.fix),
    ),
    endpoints,
  };
}

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
  /** `smtp-check api`: no credentials in the default chain. */
  creds: 16,
  /** `smtp-check api`: GetAccount failed, or the account cannot send. */
  api: 17,
} as const satisfies Record<StepName | "ok" | "internal" | "usage", number>;

export function exitCodeFor(steps: readonly StepResult[]): number {
  const failure = steps.find((step) => step.status === "fail");
  return failure ? EXIT_CODES[failure.name] : EXIT_CODES.ok;
}

/** An error whose `code` names the limit that was reached. */
export class TimeoutError extends Error {
  constructor(
    readonly code: string,
    readonly ms: number,
  ) {
    super(`no answer within ${ms} ms`);
    this.name = "TimeoutError";
  }
}

/** Settles like `promise`, or rejects with a TimeoutError carrying `code` after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, code: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(code, ms)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** `5 s`, `300 ms`, `1.5 s`: a limit as people read it. */
export function formatLimit(ms: number): string {
  return ms < 1000 || ms % 100 !== 0 ? `${ms} ms` : `${ms / 1000} s`;
}

/** The `code` (ENOTFOUND, ETIMEDOUT, …) and message of a Node.js network error, or of anything thrown. */
export function codeAndMessage(error: unknown): { code: string; message: string } {
  const { code = "", message = String(error) } = (error ?? {}) as {
    code?: string;
    message?: string;
  };
  return { code, message };
}
