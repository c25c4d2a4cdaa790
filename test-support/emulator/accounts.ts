/**
 * AWS SDK clients that act in one emulated account: each assumes `arn:aws:iam::<id>:role/terraform`
 * through the emulator's STS, exactly as the stacks' providers do, so a read-back sees what that
 * account sees.
 */
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { BaseCredentials, EMULATOR_CREDENTIALS } from "./terraform";

// The SDK warns once per process that Node 20 support ends in 2027; tests need no reminder.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

/** The role every account stack's provider assumes in the example configurations. */
const roleArnOf = (accountId: string): string => `arn:aws:iam::${accountId}:role/terraform`;

/** Everything an SDK client constructor needs to talk to one account in the emulator. */
export interface AccountClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly forcePathStyle: true;
  readonly maxAttempts: number;
  readonly credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** Another role to assume than `terraform`, as another caller than the default account's. */
export interface AssumeAs {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly credentials: BaseCredentials;
}

/** Client configuration for `accountId` in `region`, with that account's assumed-role credentials. */
export async function accountClientConfig(
  endpoint: string,
  accountId: string,
  region: string,
  as?: AssumeAs,
): Promise<AccountClientConfig> {
  // From the emulator's default account, STS AssumeRole switches to the target account.
  const credentials = as?.credentials ?? EMULATOR_CREDENTIALS;
  const sts = new STSClient({ endpoint, region, credentials });
  const { Credentials } = await sts.send(
    new AssumeRoleCommand({
      RoleArn: as?.roleArn ?? roleArnOf(accountId),
      RoleSessionName: as?.sessionName ?? "e2e-test",
    }),
  );
  sts.destroy();
  return {
    endpoint,
    region,
    forcePathStyle: true,
    maxAttempts: 2,
    credentials: {
      accessKeyId: Credentials!.AccessKeyId!,
      secretAccessKey: Credentials!.SecretAccessKey!,
      sessionToken: Credentials!.SessionToken,
    },
  };
}
