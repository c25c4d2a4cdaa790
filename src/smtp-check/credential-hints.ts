/**
 * What can be read from SMTP credentials without asking SES: SES answers every failed AUTH with
 * the same 535, so these hints are what tells a wrong credential from a wrong region.
 */

/** A long-term IAM access key id: SES SMTP user names are exactly these. */
const ACCESS_KEY_ID = /^AKIA[A-Z0-9]{16}$/;
/** A temporary (STS) access key id: SES SMTP does not accept these. */
const TEMPORARY_KEY_ID = /^ASIA[A-Z0-9]{16}$/;
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

/**
 * The user name as it may be printed: an access key id is not a secret, but anything else might
 * be a password put in the wrong variable, so only its length is shown.
 */
export function shownUsername(username: string): string {
  if (isKeyIdShaped(username)) return username;
  return `${username.length} characters, not shown`;
}

/** An access key id (long-term or temporary): the only user names smtp-check prints. */
export function isKeyIdShaped(username: string): boolean {
  return ACCESS_KEY_ID.test(username) || TEMPORARY_KEY_ID.test(username);
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
