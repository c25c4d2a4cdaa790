/**
 * The API check's first step: AWS credentials from the default chain, as the SDK in an application
 * finds them (environment variables, the shared profile, a container role, the instance profile
 * through IMDS), and where they came from. The secret key and the token are never printed.
 */
import { AwsCredentials } from "./sigv4";
import { codeAndMessage, failed, passed, StepOutcome, withTimeout } from "./step-result";

/** AWS credentials with the SDK's note of where it found them. */
export interface FoundCredentials extends AwsCredentials {
  /** The SDK's feature ids of the source (`CREDENTIALS_ENV_VARS`, `CREDENTIALS_IMDS`, …). */
  readonly $source?: Record<string, unknown>;
}

/** Finds credentials: the seam that tests replace. */
export type CredentialsProvider = () => Promise<FoundCredentials>;

/** The SDK's default chain (through the Secrets Manager client the bundle already carries). */
export function defaultCredentialsChain(region: string): CredentialsProvider {
  return async () => {
    const sdk = await import("@aws-sdk/client-secrets-manager");
    const client = new sdk.SecretsManagerClient({ region });
    try {
      return (await client.config.credentials()) as FoundCredentials;
    } finally {
      client.destroy();
    }
  };
}

/** The SDK's source ids in words, most specific first. */
const SOURCES: readonly [string, string][] = [
  ["CREDENTIALS_ENV_VARS", "environment variables"],
  ["CREDENTIALS_STS_ASSUME_ROLE_WEB_ID", "web identity token (EKS, IRSA)"],
  ["CREDENTIALS_SSO", "IAM Identity Center (SSO) profile"],
  ["CREDENTIALS_PROCESS", "credential_process of the profile"],
  ["CREDENTIALS_STS_ASSUME_ROLE", "a role the profile assumes"],
  ["CREDENTIALS_PROFILE", "shared profile"],
  ["CREDENTIALS_HTTP", "container role (ECS, EKS Pod Identity)"],
  ["CREDENTIALS_IMDS", "instance profile (IMDS)"],
];

export function describeSource(credentials: FoundCredentials): string {
  const ids = Object.keys(credentials.$source ?? {});
  return SOURCES.find(([id]) => ids.includes(id))?.[1] ?? "the default credentials chain";
}

export interface CredentialsResult {
  readonly outcome: StepOutcome;
  readonly credentials?: AwsCredentials;
}

/** The credentials step: found (access key id and source), or why none was. */
export async function checkCredentials(
  provider: CredentialsProvider,
  timeoutMs: number,
): Promise<CredentialsResult> {
  try {
    const found = await withTimeout(provider(), timeoutMs, "ETIMEDOUT");
    const { accessKeyId, secretAccessKey, sessionToken } = found;
    const kind = sessionToken ? "temporary" : "long-term";
    return {
      credentials: { accessKeyId, secretAccessKey, sessionToken },
      outcome: passed(`${kind} access key ${accessKeyId} from ${describeSource(found)}`),
    };
  } catch (error) {
    const { code, message } = codeAndMessage(error);
    const detail = `no AWS credentials: ${code || message.split("\n")[0]}`;
    return {
      outcome: failed(
        detail,
        "nothing in the default chain answered: no AWS_ACCESS_KEY_ID, no shared profile (AWS_PROFILE, ~/.aws), no container role, and no instance profile reachable through IMDS (or IMDSv2's hop limit is 1 inside a container)",
        "attach an instance profile or task role that allows ses:GetAccount, or set AWS_PROFILE; inside a container on EC2, raise the instance's metadata hop limit to 2",
      ),
    };
  }
}
