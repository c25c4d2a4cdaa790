import type { AccountConfig, SesConfig } from "./schema";

/**
 * The configuration with each account's `kmsKeyArn` resolved once, after validation: every key
 * field of the account's sections that names no key of its own takes it (event bucket, delivery
 * stream, log group, SMTP secrets, alarm topic), so the stacks pass the sections through.
 * Validation sees the file as written, so a wrong account key is reported once, at its own path.
 */
export function withAccountKeys(config: SesConfig): SesConfig {
  return { ...config, accounts: config.accounts.map(withAccountKey) };
}

function withAccountKey(account: AccountConfig): AccountConfig {
  const key = account.kmsKeyArn;
  const { eventPublishing: publishing, sending } = account;
  if (key === undefined) return account;
  return {
    ...account,
    ...(publishing && {
      eventPublishing: {
        ...publishing,
        bucket: { ...publishing.bucket, kmsKeyArn: publishing.bucket.kmsKeyArn ?? key },
        deliveryStream: {
          ...publishing.deliveryStream,
          kmsKeyArn: publishing.deliveryStream.kmsKeyArn ?? key,
        },
        logs: { ...publishing.logs, kmsKeyArn: publishing.logs.kmsKeyArn ?? key },
      },
    }),
    ...(sending && {
      sending: {
        ...sending,
        secretKmsKeyArn: sending.secretKmsKeyArn ?? key,
        alarms: { ...sending.alarms, topicKmsKeyArn: sending.alarms.topicKmsKeyArn ?? key },
      },
    }),
  };
}
