/**
 * The AUTH step, what can be read from SMTP credentials without asking SES (the hints that tell a
 * wrong credential from a wrong region), and the masking that keeps them out of every output.
 */
import { defaultHost, SmtpCredentials } from "./options";
import { ACCESS_KEY_ID, isKeyIdShaped, shownUsername, TEMPORARY_KEY_ID } from "./username";
import type { SmtpError, SmtpSession } from "./smtp-session";
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

/**
 * What can be read from SMTP credentials without asking SES: SES answers every failed AUTH with
 * the same 535, so these hints are what tells a wrong credential from a wrong region.
 */

/** Length of the SMTP password SES derives from a secret access key (base64 of 33 bytes). */
export const SMTP_PASSWORD_LENGTH = 44;
/** Length of an IAM secret access key. */
const SECRET_ACCESS_KEY_LENGTH = 40;

export interface CredentialFacts {
  readonly username: string;
  readonly password: string;
  /** Region in the host name, when it is an SES name. */
  readonly hostRegion?: string;
  /** Region the password was derived for, when known (the secret's `region`, or --region). */
  readonly credentialsRegion?: string;
}

export interface CredentialHints {
  /** Set when the password is known to be for another region than the host's. */
  readonly regionMismatch?: string;
  /** Things about the user name and password that SES would reject. */
  readonly problems: readonly string[];
}

function usernameProblems(username: string): string[] {
  if (username !== username.trim()) return ["the user name has leading or trailing spaces"];
  if (TEMPORARY_KEY_ID.test(username)) {
    return [
      "the user name is a temporary access key id (ASIA…): SES SMTP accepts only a long-term IAM user's key (AKIA…)",
    ];
  }
  if (!ACCESS_KEY_ID.test(username)) {
    return [
      `the user name (${shownUsername(username)}) is not an IAM access key id (AKIA and 16 more characters): SES SMTP user names are access key ids, not IAM user names`,
    ];
  }
  return [];
}

function passwordProblems(password: string): string[] {
  if (password !== password.trim()) return ["the password has leading or trailing spaces"];
  if (password.length === SECRET_ACCESS_KEY_LENGTH) {
    return [
      "the password has 40 characters, like an IAM secret access key: SES needs the SMTP password derived from that key (44 characters), not the key itself",
    ];
  }
  if (password.length !== SMTP_PASSWORD_LENGTH) {
    return [
      `the password has ${password.length} character${password.length === 1 ? "" : "s"}, but the SMTP passwords SES derives have ${SMTP_PASSWORD_LENGTH}`,
    ];
  }
  return [];
}

export function credentialHints(facts: CredentialFacts): CredentialHints {
  const { hostRegion, credentialsRegion } = facts;
  const problems = [...usernameProblems(facts.username), ...passwordProblems(facts.password)];
  if (hostRegion && credentialsRegion && hostRegion !== credentialsRegion) {
    return {
      regionMismatch: `a hint, not a finding: the SMTP password is said to be for ${credentialsRegion} (--region, or the secret's region) but the host is in ${hostRegion}; SMTP passwords are region-bound, so if the password was really derived for ${credentialsRegion} SES rejects it here, but SES's 535 is the same for a wrong password and cannot confirm the region`,
      problems,
    };
  }
  return { problems };
}

/** Rewrites text bound for any output so that nothing secret is left in it. */
export type Masker = (text: string) => string;

const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

/** Letters and digits: a secret next to one is part of a longer word, not the secret itself. */
const WORD_CHARACTER = /[A-Za-z0-9]/;

/** Whether the occurrence at `at` continues a word on either side (as a regexp's `\b` sees it). */
function inWord(text: string, at: number, secret: string): boolean {
  const joins = (inside: string, outside: string | undefined) =>
    outside !== undefined && WORD_CHARACTER.test(inside) && WORD_CHARACTER.test(outside);
  return (
    joins(secret[0], text[at - 1]) || joins(secret[secret.length - 1], text[at + secret.length])
  );
}

/**
 * `text` with every occurrence of `secret` that stands on its own (not inside a longer word)
 * replaced by `shown`, whatever the secret's length: a short secret is masked as surely as a long
 * one, and words that merely contain it stay readable.
 */
function replaceWhole(text: string, secret: string, shown: string): string {
  if (secret === "") return text;
  let result = "";
  let from = 0;
  for (let at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
    if (at < from) continue;
    if (inWord(text, at, secret)) continue;
    result += text.slice(from, at) + shown;
    from = at + secret.length;
  }
  return result + text.slice(from);
}

/**
 * Masks the password, and a user name that is not shaped like an access key id (it may be a
 * password in the wrong variable), in plain text and in base64 (as AUTH LOGIN sends them), at any
 * length. The one place that keeps secrets out of step lines, the transcript, `--json` and errors.
 */
export function secretMasker(credentials: SmtpCredentials | undefined): Masker {
  if (!credentials) return (text) => text;
  const replacements: [string, string][] = [];
  const add = (secret: string, shown: string) =>
    replacements.push([secret, shown], [base64(secret), shown]);
  add(credentials.password, "<password, not shown>");
  const { username } = credentials;
  if (!isKeyIdShaped(username)) add(username, `<user name, ${shownUsername(username)}>`);
  replacements.sort((a, b) => b[0].length - a[0].length);
  return (text) =>
    replacements.reduce((t, [secret, shown]) => replaceWhole(t, secret, shown), text);
}
