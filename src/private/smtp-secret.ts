import { DEFAULT_SMTP_PORT } from "./ses-facts";

/**
 * The JSON of an application's SMTP credentials secret in Secrets Manager: the one contract
 * between its writer, `SesSmtpCredentials` (every field), and its reader, `smtp-check
 * --secret-id`. No cdktf here: smtp-check imports this file.
 */
export interface SmtpSecret {
  /** The SES SMTP host, `email-smtp.<region>.amazonaws.com`. */
  readonly host: string;
  /** The SMTP ports open to the account. */
  readonly ports: readonly number[];
  /** The IAM access key id. */
  readonly username: string;
  /** The region-bound SMTP password derived from the key's secret (`ses_smtp_password_v4`). */
  readonly password: string;
  /** The region the password is valid in. */
  readonly region: string;
}

/** A secret as smtp-check accepts it: one made by hand may leave out host, ports and region. */
export type SmtpSecretAsRead = Pick<SmtpSecret, "username" | "password"> &
  Partial<Pick<SmtpSecret, "host" | "ports" | "region">>;

/** A secret with placeholders, in the order `SesSmtpCredentials` writes the fields: what to store by hand. */
export const SMTP_SECRET_EXAMPLE: SmtpSecret = {
  host: "email-smtp.<region>.amazonaws.com",
  ports: [DEFAULT_SMTP_PORT],
  username: "AKIA…",
  password: "…",
  region: "<region>",
};
