/**
 * The API check's last step: a SigV4-signed SESv2 `GetAccount` (GET /v2/email/account) over the
 * connection the TLS step verified, and what its answer says: sandbox or production, sending
 * enabled, the 24-hour quota and how much of it is used, the enforcement status.
 */
import { request } from "node:http";
import { Duplex } from "node:stream";
import { AwsCredentials, signRequest } from "./sigv4";
import { failed, passed, StepOutcome, TimeoutError, withTimeout } from "./step-result";

/** The SESv2 GetAccount path. */
export const GET_ACCOUNT_PATH = "/v2/email/account";

/** What `GetAccount` says about sending, as the report prints it. */
export interface SesAccountStatus {
  /** False while the account is in the sandbox of this region. */
  readonly productionAccess: boolean;
  /** False when sending is paused (by the account or by AWS). */
  readonly sendingEnabled: boolean;
  /** `HEALTHY`, `PROBATION` or `SHUTDOWN`. */
  readonly enforcementStatus: string;
  readonly quota: {
    /** Messages per 24 hours. */
    readonly max24HourSend: number;
    /** Messages per second. */
    readonly maxSendRate: number;
    readonly sentLast24Hours: number;
    /** sentLast24Hours as a percentage of max24HourSend, one decimal. */
    readonly usedPercent: number;
  };
}

export interface AccountSettings {
  /** The `Host` header and signing host (the SES API name, with `:port` when not 443). */
  readonly host: string;
  readonly region: string;
  readonly credentials: AwsCredentials;
  readonly timeoutMs: number;
  readonly now: Date;
}

interface HttpAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** One GET over an open connection (TLS or, for an emulator, plain). */
function get(connection: Duplex, settings: AccountSettings): Promise<HttpAnswer> {
  const headers = signRequest({
    method: "GET",
    host: settings.host,
    path: GET_ACCOUNT_PATH,
    body: "",
    region: settings.region,
    service: "ses",
    credentials: settings.credentials,
    now: settings.now,
  });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        method: "GET",
        path: GET_ACCOUNT_PATH,
        headers: { ...headers, accept: "application/json", connection: "close" },
        createConnection: () => connection as never,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

const percent = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;

/** The answer's fields, or undefined when it is not a GetAccount answer. */
export function parseAccount(body: string): SesAccountStatus | undefined {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const quota = json.SendQuota as Record<string, unknown> | undefined;
  if (typeof json.ProductionAccessEnabled !== "boolean" || typeof quota !== "object") {
    return undefined;
  }
  const max24HourSend = Number(quota.Max24HourSend ?? 0);
  const sentLast24Hours = Number(quota.SentLast24Hours ?? 0);
  return {
    productionAccess: json.ProductionAccessEnabled,
    sendingEnabled: json.SendingEnabled === true,
    enforcementStatus: String(json.EnforcementStatus ?? "unknown"),
    quota: {
      max24HourSend,
      maxSendRate: Number(quota.MaxSendRate ?? 0),
      sentLast24Hours,
      usedPercent: percent(sentLast24Hours, max24HourSend),
    },
  };
}

/** `production; sending enabled; quota 50000 per 24 h at 14/s, 1234 sent (2.5 %); enforcement HEALTHY`. */
export function describeAccount(account: SesAccountStatus): string {
  const { quota } = account;
  return [
    account.productionAccess
      ? "production access"
      : "sandbox (only verified recipients and the mailbox simulator)",
    account.sendingEnabled ? "sending enabled" : "sending PAUSED",
    `quota ${quota.max24HourSend} per 24 h at ${quota.maxSendRate}/s, ${quota.sentLast24Hours} sent in the last 24 h (${quota.usedPercent} %)`,
    `enforcement ${account.enforcementStatus}`,
  ].join("; ");
}

/** The error type AWS names in `x-amzn-ErrorType` or the body's `__type`/`code`. */
function errorType(answer: HttpAnswer): string {
  const header = answer.headers["x-amzn-errortype"];
  const fromHeader = (Array.isArray(header) ? header[0] : header)?.split(":")[0];
  if (fromHeader) return fromHeader;
  try {
    const json = JSON.parse(answer.body) as Record<string, unknown>;
    return String(json.__type ?? json.code ?? json.Code ?? "").replace(/^.*#/, "");
  } catch {
    return "";
  }
}

/** The diagnosis of an HTTP answer that is not a GetAccount result. */
function rejected(answer: HttpAnswer, settings: AccountSettings): StepOutcome {
  const type = errorType(answer);
  const detail = `GetAccount answered HTTP ${answer.status}${type ? ` ${type}` : ""}`;
  const key = settings.credentials.accessKeyId;
  if (/AccessDenied/i.test(type)) {
    return failed(
      detail,
      `the identity of access key ${key} may not call ses:GetAccount (an identity policy, a permissions boundary or an SCP denies it, or a VPC endpoint policy does)`,
      "allow ses:GetAccount to this role (it reads no message and no identity); with the hub's API endpoint, also check its endpoint policy",
    );
  }
  if (/SignatureDoesNotMatch|InvalidSignature/i.test(type)) {
    return failed(
      detail,
      "SES computed another signature: the secret access key does not belong to this access key id, or this machine's clock is off by more than five minutes",
      "check the clock (chronyc tracking, or timedatectl) and the credentials' source",
    );
  }
  if (/UnrecognizedClient|InvalidClientTokenId|ExpiredToken|InvalidToken/i.test(type)) {
    return failed(
      detail,
      `SES does not know access key ${key}: it was deleted or deactivated, or its session expired`,
      "renew the credentials (an instance profile and a container role renew themselves: check that this process uses them and not stale environment variables)",
    );
  }
  if (answer.status === 429 || /Throttl|TooManyRequests/i.test(type)) {
    return failed(detail, "SES throttled the call", "retry in a minute");
  }
  return failed(
    detail,
    "the answer is not an SES GetAccount result: the address is not the SES API endpoint's, or a proxy answered",
    "check that the name resolves to the SES API endpoint (the hub's email.<region>.amazonaws.com zone, or the public name)",
  );
}

export interface AccountResult {
  readonly outcome: StepOutcome;
  readonly account?: SesAccountStatus;
}

/** The account step: signed GetAccount, then sending paused or shut down fails the check. */
export async function checkAccount(
  connection: Duplex,
  settings: AccountSettings,
): Promise<AccountResult> {
  let answer: HttpAnswer;
  try {
    answer = await withTimeout(get(connection, settings), settings.timeoutMs, "ETIMEDOUT");
  } catch (error) {
    const timedOut = error instanceof TimeoutError;
    return {
      outcome: failed(
        timedOut
          ? `no answer to GetAccount within ${settings.timeoutMs} ms`
          : `GetAccount did not complete: ${(error as Error).message}`,
        "the connection was verified but the server did not answer the HTTPS request: a proxy or a server that is not SES",
        "check which server answers at this address",
      ),
    };
  } finally {
    connection.destroy();
  }
  const account = answer.status === 200 ? parseAccount(answer.body) : undefined;
  if (!account) return { outcome: rejected(answer, settings) };
  const detail = describeAccount(account);
  if (!account.sendingEnabled || account.enforcementStatus === "SHUTDOWN") {
    return {
      account,
      outcome: failed(
        detail,
        account.enforcementStatus === "HEALTHY"
          ? `sending is paused for this account in ${settings.region} (the account paused it)`
          : `AWS paused sending for this account in ${settings.region} (enforcement ${account.enforcementStatus})`,
        account.enforcementStatus === "HEALTHY"
          ? `\`aws sesv2 put-account-sending-attributes --sending-enabled --region ${settings.region}\``
          : "see the reputation dashboard in the SES console, fix the cause and answer AWS's case",
      ),
    };
  }
  return { account, outcome: passed(detail) };
}
