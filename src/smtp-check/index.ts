/** smtp-check as a library: `runSmtpCheck(options, deps)` returns every step's result. */
export { main } from "./cli";
export type { CliIo } from "./cli";
export { EXIT_CODES } from "./exit-codes";
export type { Resolver } from "./dns-step";
export type { FollowUp } from "./follow-up";
export type {
  ConnectTo,
  MessageTag,
  SmtpCheckOptions,
  SmtpCredentials,
  TestMessageOptions,
} from "./options";
export { runSmtpCheck } from "./run-smtp-check";
export type { SmtpCheckDeps, SmtpCheckReport } from "./run-smtp-check";
export type { SecretReader } from "./secret-source";
export { STEP_NAMES } from "./step-result";
export type { EndpointResult, StepName, StepResult, StepStatus } from "./step-result";
export type { Connector } from "./tcp-step";
