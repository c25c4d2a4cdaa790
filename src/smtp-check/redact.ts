import { isKeyIdShaped, shownUsername } from "./credential-hints";
import { SmtpCredentials } from "./options";

/** Rewrites text bound for any output so that nothing secret is left in it. */
export type Masker = (text: string) => string;

/** Shorter strings are too common to replace everywhere; the step lines mask them by construction. */
const MIN_MASKED_LENGTH = 4;

const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

/**
 * Masks the password, and a user name that is not shaped like an access key id (it may be a
 * password in the wrong variable), in plain text and in base64 (as AUTH LOGIN sends them). The
 * one place that keeps secrets out of step lines, the transcript, `--json` and errors.
 */
export function secretMasker(credentials: SmtpCredentials | undefined): Masker {
  if (!credentials) return (text) => text;
  const replacements: [string, string][] = [];
  const add = (secret: string, shown: string) => {
    if (secret.length < MIN_MASKED_LENGTH) return;
    replacements.push([secret, shown], [base64(secret), shown]);
  };
  add(credentials.password, "<password, not shown>");
  const { username } = credentials;
  if (!isKeyIdShaped(username)) add(username, `<user name, ${shownUsername(username)}>`);
  replacements.sort((a, b) => b[0].length - a[0].length);
  return (text) => replacements.reduce((t, [secret, shown]) => t.split(secret).join(shown), text);
}
