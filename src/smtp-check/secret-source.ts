import { SMTP_SECRET_EXAMPLE, SmtpSecret, SmtpSecretAsRead } from "../private/smtp-secret";
import { isHostName, isSesPort, REGION_PATTERN, SES_SMTP_PORTS } from "./options";
import { failed, StepOutcome } from "./step-result";

/** Reads a secret's text: the seam that tests replace (no network). */
export interface SecretReader {
  /**
   * The `SecretString` of the secret's current version, or undefined for a binary secret.
   * @param region where to call Secrets Manager; undefined lets the SDK pick (AWS_REGION, profile).
   */
  read(secretId: string, region: string | undefined): Promise<string | undefined>;
}

const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):\d{12}:secret:.+$/;

/** The region in a secret ARN, or undefined for a secret name. */
export function regionFromSecretArn(secretId: string): string | undefined {
  return SECRET_ARN.exec(secretId)?.[1];
}

export function isSecretId(value: string): boolean {
  return SECRET_ARN.test(value) || /^[A-Za-z0-9/_+=.@-]{1,512}$/.test(value);
}

/** Secrets Manager through the AWS SDK, loaded only when a secret is asked for. */
export function awsSecretReader(timeoutMs: number): SecretReader {
  return {
    async read(secretId, region) {
      const sdk = await import("@aws-sdk/client-secrets-manager");
      const client = new sdk.SecretsManagerClient({
        region,
        maxAttempts: 2,
        requestHandler: { connectionTimeout: timeoutMs, requestTimeout: timeoutMs },
      });
      try {
        const answer = await client.send(new sdk.GetSecretValueCommand({ SecretId: secretId }));
        return answer.SecretString;
      } finally {
        client.destroy();
      }
    },
  };
}

const SECRET_FIELDS = Object.keys(SMTP_SECRET_EXAMPLE);

const nonEmptyString = (value: unknown): value is string =>
  typeof value === "string" && value.length > 0;

function fieldProblems(json: Partial<Record<keyof SmtpSecret, unknown>>): string[] {
  const problems: string[] = [];
  if (!nonEmptyString(json.username)) problems.push("`username` (a string) is missing");
  if (!nonEmptyString(json.password)) problems.push("`password` (a string) is missing");
  if (json.host !== undefined && !(nonEmptyString(json.host) && isHostName(json.host))) {
    problems.push("`host` is not a host name");
  }
  const ports = json.ports;
  const validPorts =
    Array.isArray(ports) &&
    ports.length > 0 &&
    ports.every((p) => typeof p === "number" && isSesPort(p));
  if (ports !== undefined && !validPorts) {
    problems.push(`\`ports\` is not a list of SES SMTP ports (${SES_SMTP_PORTS.join(", ")})`);
  }
  if (
    json.region !== undefined &&
    !(nonEmptyString(json.region) && REGION_PATTERN.test(json.region))
  ) {
    problems.push("`region` is not a region code");
  }
  return problems;
}

/** Parses the secret's text; on failure returns every problem found, never the values. */
export function parseSecret(text: string): SmtpSecretAsRead | { problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problems: ["it is not JSON"] };
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return { problems: ["it is not a JSON object"] };
  }
  const record = json as Partial<Record<keyof SmtpSecret, unknown>>;
  const problems = fieldProblems(record);
  if (problems.length > 0) return { problems };
  return {
    username: record.username as string,
    password: record.password as string,
    host: record.host as string | undefined,
    ports: record.ports as number[] | undefined,
    region: record.region as string | undefined,
  };
}

interface AwsErrorLike {
  readonly name?: string;
  readonly code?: string;
  readonly message?: string;
}

const RESOURCE_POLICY_NOTE =
  "a secret in another account also needs a resource policy allowing this role, and a customer managed KMS key whose policy allows it too";

/** Why reading the secret failed, and what to do, from the SDK's error. */
export function diagnoseSecretError(
  error: unknown,
  secretId: string,
  region: string | undefined,
): StepOutcome {
  const e = (typeof error === "object" && error !== null ? error : {}) as AwsErrorLike;
  const name = e.name ?? "Error";
  const message = e.message ?? String(error);
  const where = region ? `in ${region}` : "in the SDK's default region";
  const detail = `could not read secret ${secretId} ${where}: ${name}: ${message}`;
  if (name === "AccessDeniedException") {
    return failed(
      detail,
      `this instance's IAM role may not read the secret (${RESOURCE_POLICY_NOTE})`,
      "allow secretsmanager:GetSecretValue on the secret and kms:Decrypt on its key for the instance role",
    );
  }
  if (name === "ResourceNotFoundException") {
    return failed(
      detail,
      `there is no secret named ${secretId} ${where}: the name or the region is wrong, or the secret lives in another account`,
      "pass --region, or give the secret's full ARN (required for a secret in another account)",
    );
  }
  if (name === "DecryptionFailure" || /kms/i.test(message)) {
    return failed(
      detail,
      "Secrets Manager could not decrypt the secret with its KMS key for this role",
      `allow kms:Decrypt on the secret's key for the instance role (${RESOURCE_POLICY_NOTE})`,
    );
  }
  if (name === "CredentialsProviderError" || /credentials/i.test(message)) {
    return failed(
      detail,
      "no AWS credentials were found on this machine",
      "attach an instance profile to the instance, or set AWS_PROFILE / AWS_ACCESS_KEY_ID",
    );
  }
  if (
    ["UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException"].includes(
      name,
    )
  ) {
    return failed(
      detail,
      "AWS rejected this machine's credentials: they are expired or invalid, or the clock is off",
      "check `aws sts get-caller-identity` and the system clock",
    );
  }
  if (/region is missing/i.test(message)) {
    return failed(
      detail,
      "no region was given for Secrets Manager",
      "pass --region, set AWS_REGION, or give the secret's full ARN",
    );
  }
  if (
    ["ENOTFOUND", "ETIMEDOUT", "ECONNREFUSED", "ECONNRESET", "EAI_AGAIN"].includes(e.code ?? "") ||
    name === "TimeoutError"
  ) {
    return failed(
      detail,
      "this machine cannot reach the Secrets Manager API (a private subnet without a NAT gateway or a secretsmanager VPC endpoint)",
      "add a com.amazonaws.<region>.secretsmanager interface endpoint to the VPC, or pass --user and SMTP_PASSWORD instead",
    );
  }
  return failed(
    detail,
    "Secrets Manager refused the request",
    "run `aws secretsmanager get-secret-value --secret-id <id>` on this machine to see the same error",
  );
}

/** The secret step: read and parse the secret; never puts the secret's values in the outcome. */
export async function readSecret(
  reader: SecretReader,
  secretId: string,
  fallbackRegion: string | undefined,
): Promise<{ outcome: StepOutcome; secret?: SmtpSecretAsRead }> {
  const region = regionFromSecretArn(secretId) ?? fallbackRegion;
  let text: string | undefined;
  try {
    text = await reader.read(secretId, region);
  } catch (error) {
    return { outcome: diagnoseSecretError(error, secretId, region) };
  }
  if (text === undefined) {
    return {
      outcome: failed(
        `secret ${secretId} has no SecretString (it is binary)`,
        "the secret was not written by this project's sending setup",
        `store a JSON SecretString: {${SECRET_FIELDS.map((field) => JSON.stringify(field)).join(", ")}}`,
      ),
    };
  }
  const parsed = parseSecret(text);
  if ("problems" in parsed) {
    return {
      outcome: failed(
        `secret ${secretId} is unusable: ${parsed.problems.join("; ")}`,
        "the secret does not have the shape this project's sending setup writes",
        `store {${Object.entries(SMTP_SECRET_EXAMPLE)
          .map(([field, value]) => `${JSON.stringify(field)}: ${JSON.stringify(value)}`)
          .join(", ")}}`,
      ),
    };
  }
  const fields = Object.keys(parsed).filter(
    (k) => parsed[k as keyof SmtpSecretAsRead] !== undefined,
  );
  return {
    outcome: { status: "pass", detail: `read secret ${secretId} (${fields.join(", ")})` },
    secret: parsed,
  };
}
