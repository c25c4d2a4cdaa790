/** The steps of a check, in the order they run, and what each one reports. */

export const STEP_NAMES = ["secret", "dns", "tcp", "tls", "auth", "send"] as const;
export type StepName = (typeof STEP_NAMES)[number];

export const STEP_TITLES: Record<StepName, string> = {
  secret: "read the SMTP credentials from Secrets Manager",
  dns: "resolve the host name",
  tcp: "open a TCP connection",
  tls: "SMTP greeting and a verified TLS session",
  auth: "EHLO and AUTH LOGIN",
  send: "send a test message",
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
