/**
 * A local stand-in for the SES API for the `smtp-check api` tests: HTTPS on 127.0.0.1 with a
 * self-signed certificate for the API host, answering SESv2 GetAccount like SES, and checking each
 * request's SigV4 signature from what arrived (the canonical request is rebuilt from the received
 * method, path, signed headers and body, the key derived from the secret the server knows).
 */
import { createHash, createHmac } from "node:crypto";
import { IncomingMessage } from "node:http";
import { createServer, Server } from "node:https";
import { AddressInfo } from "node:net";
import { TestCertificate } from "./smtp-server";

export interface SesApiServerOptions {
  readonly certificate: TestCertificate;
  /** Secret access keys by access key id. */
  readonly keys: Record<string, string>;
  /** The GetAccount answer. */
  readonly account: Record<string, unknown>;
  /** The region the signature must be for. */
  readonly region: string;
  /** Answer every request with this error instead (status, error type). */
  readonly fail?: { status: number; type: string };
}

export interface SesApiServer {
  readonly port: number;
  /** Every request: its path, whether its signature held, and why not. */
  readonly requests: { path: string; signed: boolean; problem?: string }[];
  close(): Promise<void>;
}

const hex = (text: string | Buffer) => createHash("sha256").update(text).digest("hex");
const mac = (key: string | Buffer, text: string) => createHmac("sha256", key).update(text).digest();

/** Why the request's SigV4 signature does not hold, or undefined when it does. */
export function signatureProblem(
  request: IncomingMessage,
  body: string,
  keys: Record<string, string>,
  region: string,
): string | undefined {
  const auth =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      request.headers.authorization ?? "",
    );
  if (!auth) return "no SigV4 Authorization header";
  const [, keyId, day, signedRegion, service, signedHeaders, signature] = auth;
  const secret = keys[keyId];
  if (!secret) return `unknown access key ${keyId}`;
  if (signedRegion !== region || service !== "ses") return `signed for ${signedRegion}/${service}`;
  const date = String(request.headers["x-amz-date"] ?? "");
  if (!date.startsWith(day)) return "x-amz-date does not match the credential scope";
  const names = signedHeaders.split(";");
  if (!names.includes("host")) return "the host header is not signed";
  const [path, query = ""] = (request.url ?? "/").split("?");
  const canonical = [
    request.method,
    path,
    query,
    ...names.map((name) => `${name}:${String(request.headers[name] ?? "").trim()}`),
    "",
    signedHeaders,
    hex(body),
  ].join("\n");
  const scope = `${day}/${region}/ses/aws4_request`;
  const toSign = `AWS4-HMAC-SHA256\n${date}\n${scope}\n${hex(canonical)}`;
  let key: Buffer = mac(`AWS4${secret}`, day);
  for (const part of [region, "ses", "aws4_request"]) key = mac(key, part);
  const expected = createHmac("sha256", key).update(toSign).digest("hex");
  return expected === signature ? undefined : "signature does not match";
}

export async function startSesApiServer(options: SesApiServerOptions): Promise<SesApiServer> {
  const requests: SesApiServer["requests"] = [];
  const server: Server = createServer(
    { key: options.certificate.key, cert: options.certificate.cert },
    (request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        const problem = signatureProblem(request, body, options.keys, options.region);
        requests.push({ path: request.url ?? "", signed: problem === undefined, problem });
        const answer = (status: number, type: string | undefined, json: object) => {
          response.writeHead(status, {
            "content-type": "application/json",
            ...(type ? { "x-amzn-ErrorType": `${type}:http://internal.amazon.com/` } : {}),
          });
          response.end(JSON.stringify(json));
        };
        if (problem) {
          const type = problem.startsWith("unknown access key")
            ? "UnrecognizedClientException"
            : "SignatureDoesNotMatch";
          return answer(403, type, { message: problem });
        }
        if (options.fail) return answer(options.fail.status, options.fail.type, { message: "no" });
        if (request.method !== "GET" || request.url !== "/v2/email/account") {
          return answer(404, "NotFoundException", { message: "not found" });
        }
        return answer(200, undefined, options.account);
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
