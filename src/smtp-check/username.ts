/** SMTP user names: which are access key ids, and how one may be printed. */

/** A long-term IAM access key id: SES SMTP user names are exactly these. */
export const ACCESS_KEY_ID = /^AKIA[A-Z0-9]{16}$/;
/** A temporary (STS) access key id: SES SMTP does not accept these. */
export const TEMPORARY_KEY_ID = /^ASIA[A-Z0-9]{16}$/;

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
