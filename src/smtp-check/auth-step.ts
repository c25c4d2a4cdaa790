import { credentialHints, CredentialHints, shownUsername } from "./credential-hints";
import { SmtpCredentials } from "./options";
import { defaultHost } from "./ses-endpoint";
import { SmtpError, SmtpSession } from "./smtp-session";
import { failed, passed, StepOutcome } from "./step-result";

export interface AuthSettings {
  /** User name and password for AUTH LOGIN. @default none (required) */
  readonly credentials: SmtpCredentials;
  /** Region in the host name, when it is an SES name. @default unknown (no region comparison) */
  readonly hostRegion?: string;
}

function source(credentials: SmtpCredentials): string {
  return credentials.source ?? "the given credentials";
}

function rejectedCredentials(
  error: SmtpError,
  settings: AuthSettings,
  hints: CredentialHints,
): StepOutcome {
  const { credentials, hostRegion } = settings;
  const detail = `the server rejected ${source(credentials)} (user ${shownUsername(credentials.username)}): ${error.response}`;
  const region = hostRegion ?? "the host's region";
  if (hints.regionMismatch) {
    return failed(
      detail,
      [hints.regionMismatch, ...hints.problems].join("; "),
      `use SMTP credentials created for ${region}, or connect to ${defaultHost(credentials.region ?? "<region>")}`,
    );
  }
  const known =
    hints.problems.length > 0
      ? `; and these credentials look wrong: ${hints.problems.join("; ")}`
      : "";
  return failed(
    detail,
    `SES answers 535 alike for a wrong user name or password, an inactive or deleted access key, and an SMTP password derived for a region other than ${region}, so the reply alone cannot tell them apart${known}`,
    `check that the user name is the IAM user's active access key id (\`aws iam list-access-keys --user-name <smtp-user>\`), and derive the SMTP password from its secret access key for ${region} (or create SMTP credentials for ${region} in the SES console)`,
  );
}

/** Why AUTH LOGIN failed, from the reply code. */
export function diagnoseAuthError(error: SmtpError, settings: AuthSettings): StepOutcome {
  const reply = error.response ?? error.message;
  if (error.responseCode === 535) {
    const { username, password, region } = settings.credentials;
    const facts = {
      username,
      password,
      hostRegion: settings.hostRegion,
      credentialsRegion: region,
    };
    return rejectedCredentials(error, settings, credentialHints(facts));
  }
  if (error.responseCode === 454) {
    return failed(
      `temporary authentication failure: ${reply}`,
      "SES could not check the credentials right now (throttling or a service problem)",
      "retry in a minute",
    );
  }
  if (error.responseCode && error.responseCode >= 500) {
    return failed(
      `the server refused AUTH LOGIN: ${reply}`,
      "the server does not accept AUTH LOGIN, so it is not SES (SES offers AUTH PLAIN LOGIN after TLS)",
      "check that the name resolves to the SES endpoint",
    );
  }
  return failed(
    `authentication did not complete: ${reply}`,
    "the server or the network stopped responding during AUTH",
    "retry; --verbose shows the conversation",
  );
}

function offersLogin(capabilities: readonly string[]): StepOutcome | undefined {
  if (capabilities.length === 0) return undefined;
  const auth = capabilities.find((c) => /^AUTH\b/i.test(c));
  if (auth && /\bLOGIN\b/i.test(auth)) return undefined;
  return failed(
    `EHLO offers ${auth ?? "no AUTH"}: ${capabilities.join(", ")}`,
    "the server does not offer AUTH LOGIN after TLS, so it is not SES (SES offers AUTH PLAIN LOGIN)",
    "check that the name resolves to the SES endpoint",
  );
}

/** Auth step: EHLO must offer AUTH LOGIN, and AUTH LOGIN must succeed. */
export async function checkAuth(
  session: SmtpSession,
  settings: AuthSettings,
): Promise<StepOutcome> {
  const capabilities = session.capabilities();
  const missing = offersLogin(capabilities);
  if (missing) return missing;
  const { username, password } = settings.credentials;
  try {
    await session.login(username, password);
  } catch (error) {
    return diagnoseAuthError(error as SmtpError, settings);
  }
  const reply = session.lastReply();
  return passed(
    `AUTH LOGIN accepted ${source(settings.credentials)} (user ${shownUsername(username)})${reply ? `: ${reply}` : ""}; EHLO offers ${capabilities.join(", ")}`,
  );
}
