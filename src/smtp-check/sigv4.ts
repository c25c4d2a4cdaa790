/**
 * AWS Signature Version 4 for one HTTPS request (header signing), with node:crypto only, so the
 * bundle needs no signer of its own. Follows AWS's "Create a signed AWS API request" steps:
 * canonical request, string to sign, derived signing key, Authorization header.
 */
import { createHash, createHmac } from "node:crypto";

/** AWS credentials as the default chain returns them. */
export interface AwsCredentials {
  /** Access key id (`AKIA…` long-term, `ASIA…` temporary). @default none (required) */
  readonly accessKeyId: string;
  /** Secret access key: never printed. @default none (required) */
  readonly secretAccessKey: string;
  /** Session token of temporary credentials: never printed. @default none */
  readonly sessionToken?: string;
}

/** The request to sign. */
export interface RequestToSign {
  readonly method: string;
  /** The `Host` header: the name the request is addressed to (with `:port` when not 443). */
  readonly host: string;
  /** The absolute path, without a query string. */
  readonly path: string;
  readonly body: string;
  /** Where and for what the signature is valid. */
  readonly region: string;
  readonly service: string;
  readonly credentials: AwsCredentials;
  /** The signing time (the server allows a few minutes of clock skew). */
  readonly now: Date;
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const hmac = (key: Buffer | string, text: string) =>
  createHmac("sha256", key).update(text, "utf8").digest();

/** RFC 3986 encoding of one path segment, as SigV4 wants it. */
const encodeSegment = (segment: string) =>
  encodeURIComponent(segment).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/** `20261207T075400Z`. */
export function amzDate(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** The headers to send: `host`, `x-amz-date`, `x-amz-content-sha256`, the token, `authorization`. */
export function signRequest(request: RequestToSign): Record<string, string> {
  const { credentials } = request;
  const date = amzDate(request.now);
  const day = date.slice(0, 8);
  const payloadHash = sha256(request.body);
  const headers: Record<string, string> = {
    host: request.host,
    "x-amz-content-sha256": payloadHash,
    "x-amz-date": date,
    ...(credentials.sessionToken ? { "x-amz-security-token": credentials.sessionToken } : {}),
  };
  const names = Object.keys(headers).sort();
  const signedHeaders = names.join(";");
  const canonicalRequest = [
    request.method,
    request.path.split("/").map(encodeSegment).join("/"),
    "",
    ...names.map((name) => `${name}:${headers[name].trim()}`),
    "",
    signedHeaders,
    payloadHash,
  ].join("\n");
  const scope = `${day}/${request.region}/${request.service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", date, scope, sha256(canonicalRequest)].join("\n");
  const key = [day, request.region, request.service, "aws4_request"].reduce<Buffer | string>(
    (k, part) => hmac(k, part),
    `AWS4${credentials.secretAccessKey}`,
  );
  const signature = createHmac("sha256", key).update(stringToSign, "utf8").digest("hex");
  return {
    ...headers,
    authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}
