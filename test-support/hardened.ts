import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseText } from "../src/config/load";
import type { SesConfig } from "../src/config/schema";
import { config } from "./fixtures";

/** The customer-managed key of an account in the example's region. */
export const exampleKeyArn = (accountId: string): string =>
  `arn:aws:kms:us-east-1:${accountId}:key/0f0e0d0c-0b0a-0908-0706-050403020100`;

/** The bucket the hardened example logs S3 server access to. */
export const ACCESS_LOG_BUCKET = "acme-s3-access-logs";

/**
 * The example configuration with every option a scanner rule asks for: an account-wide
 * `kmsKeyArn` on every account, and S3 server access logging of the event bucket.
 */
export function hardenedExampleConfig(): SesConfig {
  const file = join(__dirname, "..", "config", "example.yaml");
  const input = parseText(readFileSync(file, "utf8"), file) as {
    accounts: Record<string, any>[];
  };
  for (const account of input.accounts) {
    account.kmsKeyArn = exampleKeyArn(account.accountId);
    if (account.eventPublishing) {
      account.eventPublishing.bucket = { accessLogging: { targetBucket: ACCESS_LOG_BUCKET } };
    }
  }
  return config(input);
}
