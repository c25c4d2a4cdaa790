/**
 * Loopback fixtures for the smtp-check tests: a real SMTP server (smtp-server) with STARTTLS or
 * implicit TLS on a self-signed certificate made by openssl, a server that accepts TCP but never
 * speaks, and a port that refuses connections. Everything binds to 127.0.0.1 on ephemeral ports.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, Server, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";
import { CliIo, main } from "../src/smtp-check/cli";
import { SmtpCheckDeps } from "../src/smtp-check/run-smtp-check";
import { ApiCheckDeps } from "../src/smtp-check/run-api-check";

const LOOPBACK = "127.0.0.1";

export interface TestCertificate {
  /** PEM private key. */
  readonly key: string;
  /** PEM self-signed certificate (trust it as a CA to verify the server). */
  readonly cert: string;
  /** The certificate's file, for `--ca-file`. */
  readonly certFile: string;
  /** Deletes the temporary directory holding the files. */
  remove(): void;
}

/** A self-signed certificate for the given DNS names (and IP addresses), made with openssl. */
export function createCertificate(dnsNames: string[], ipAddresses: string[] = []): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), "smtp-check-cert-"));
  const keyFile = join(dir, "key.pem");
  const certFile = join(dir, "cert.pem");
  const san = [...dnsNames.map((n) => `DNS:${n}`), ...ipAddresses.map((ip) => `IP:${ip}`)];
  // prettier-ignore
  const args = [
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
    "-keyout", keyFile, "-out", certFile, "-days", "2",
    "-subj", `/CN=${dnsNames[0] ?? ipAddresses[0]}`, "-addext", `subjectAltName=${san.join(",")}`,
  ];
  try {
    execFileSync("openssl", args, { stdio: "pipe" });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Error(
        "openssl is not on PATH: the smtp-check tests need it to make a self-signed certificate; install openssl",
      );
    }
    throw error;
  }
  return {
    key: readFileSync(keyFile, "utf8"),
    cert: readFileSync(certFile, "utf8"),
    certFile,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface ReceivedMessage {
  /** Envelope sender (MAIL FROM). */
  readonly from: string;
  /** Envelope recipients (RCPT TO). */
  readonly to: string[];
  /** The authenticated user name. */
  readonly user?: string;
  /** Header fields, names in lower case, folded lines joined. */
  readonly headers: Record<string, string>;
  readonly raw: string;
}

export interface TestSmtpServerOptions {
  readonly certificate: TestCertificate;
  /** Implicit TLS (like 465/2465) instead of STARTTLS (like 587). @default false */
  readonly implicitTls?: boolean;
  /** Accepted user name → password. @default {} */
  readonly users?: Record<string, string>;
  /** SASL mechanisms offered after TLS. @default ["PLAIN", "LOGIN"] (as SES) */
  readonly authMethods?: string[];
  /** Recipients refused at RCPT TO, each with the reply text (code 550). @default {} */
  readonly refuseRecipients?: Record<string, string>;
  /** Refuse MAIL FROM with this reply, for example 530 after AUTH. @default accept */
  readonly refuseMailFrom?: { readonly code: number; readonly text: string };
  /** SIZE advertised in EHLO; a larger message is refused with 552. @default no limit */
  readonly size?: number;
  /** Never answer AUTH (a server that stalls mid-session). @default false */
  readonly stallAuth?: boolean;
  /** How long after accepting a connection the server greets. @default 0 (as SES) */
  readonly greetingDelayMs?: number;
}

/** What the greeting patch below uses of smtp-server's connection class (its own, untyped). */
interface SmtpConnectionInternals {
  _server: { options: { greetingDelayMs?: number } };
  _setListeners(ready: () => void): void;
  connectionReady(): void;
}

/**
 * smtp-server greets 100 ms after accepting, to catch clients that talk first; SES greets at once.
 * The test server greets after `greetingDelayMs` instead (its connection limit check is left out:
 * the tests set none). Every session of the tests waited those 100 ms: about 8 s of the unit tier.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an untyped module of smtp-server
const { SMTPConnection } = require("smtp-server/lib/smtp-connection") as {
  SMTPConnection: { prototype: SmtpConnectionInternals & { init(): void } };
};
SMTPConnection.prototype.init = function (this: SmtpConnectionInternals) {
  this._setListeners(() => {
    const delay = this._server.options.greetingDelayMs ?? 0;
    if (delay === 0) return this.connectionReady();
    setTimeout(() => this.connectionReady(), delay).unref();
  });
};

const smtpError = (code: number, text: string) =>
  Object.assign(new Error(text), { responseCode: code });

export interface TestSmtpServer {
  readonly port: number;
  readonly messages: ReceivedMessage[];
  close(): Promise<void>;
}

/** The DATA reply SES gives: `250 Ok <message-id>`. */
/** The SES SMTP host the tests resolve to loopback, and SMTP credentials of the right shape. */
export const HOST = "email-smtp.us-east-1.amazonaws.com";
export const USER = "AKIAIOSFODNN7EXAMPLE";
export const PASSWORD = "BGxlZnRvdmVyIHNtdHAgcGFzc3dvcmQgZXhhbXBsZQab";

export const TEST_MESSAGE_ID = "0100018c-smtp-check-test-000000";

export function parseHeaders(raw: string): Record<string, string> {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, " ");
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function listen(server: Server | SMTPServer): Promise<number> {
  return new Promise((resolve, reject) => {
    const net = server instanceof SMTPServer ? server.server : server;
    net.once("error", reject);
    server.listen(0, LOOPBACK, () => {
      const address = net.address();
      resolve(typeof address === "object" && address ? address.port : 0);
    });
  });
}

/** A real SMTP server on 127.0.0.1 that records what it receives, SES-style replies included. */
export async function startSmtpServer(options: TestSmtpServerOptions): Promise<TestSmtpServer> {
  const messages: ReceivedMessage[] = [];
  const users = options.users ?? {};
  const server = new SMTPServer({
    ...({ greetingDelayMs: options.greetingDelayMs } as object), // read by the patched init
    secure: options.implicitTls ?? false,
    key: options.certificate.key,
    cert: options.certificate.cert,
    authMethods: options.authMethods ?? ["PLAIN", "LOGIN"],
    size: options.size,
    logger: false,
    // No DNS: the client is loopback, and the tests consult no resolver.
    disableReverseLookup: true,
    closeTimeout: 200,
    onAuth(auth, _session, callback) {
      if (options.stallAuth) return;
      if (auth.username && users[auth.username] === auth.password) {
        return callback(null, { user: auth.username });
      }
      callback(smtpError(535, "Authentication Credentials Invalid"));
    },
    onMailFrom(_address, _session, callback) {
      const refusal = options.refuseMailFrom;
      callback(refusal ? smtpError(refusal.code, refusal.text) : undefined);
    },
    onRcptTo(address, _session, callback) {
      const refusal = options.refuseRecipients?.[address.address];
      callback(refusal ? smtpError(550, refusal) : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if ((stream as { sizeExceeded?: boolean }).sizeExceeded) {
          return callback(smtpError(552, "Message exceeds fixed maximum message size"));
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        const { mailFrom, rcptTo } = session.envelope;
        messages.push({
          from: mailFrom ? mailFrom.address : "",
          to: rcptTo.map((r) => r.address),
          user: typeof session.user === "string" ? session.user : undefined,
          headers: parseHeaders(raw),
          raw,
        });
        callback(null, `Ok ${TEST_MESSAGE_ID}`);
      });
    },
  });
  const port = await listen(server);
  return { port, messages, close: () => new Promise<void>((resolve) => server.close(resolve)) };
}

export interface SilentServer {
  readonly port: number;
  /** How many connections it accepted. */
  accepted(): number;
  close(): Promise<void>;
}

/** Accepts TCP connections on 127.0.0.1 and never sends a byte (no SMTP greeting). */
export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  let count = 0;
  const server = createServer((socket) => {
    count += 1;
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
  });
  const port = await listen(server);
  return {
    port,
    accepted: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A 127.0.0.1 port that was just bound and released: connecting to it is refused. */
export async function refusedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A resolver (for runSmtpCheck's deps) that answers every name with the given addresses. */
export function resolveTo(...addresses: string[]) {
  const asked: string[] = [];
  return {
    asked,
    lookup: async (hostname: string) => {
      asked.push(hostname);
      return addresses;
    },
  };
}

/** What `smtp-check` printed and returned. */
export interface CliRun {
  code: number;
  out: string[];
  err: string[];
}

/** Runs the CLI in this process with the given environment, capturing what it prints. */
export async function runCli(
  argv: string[],
  env: Record<string, string> = {},
  deps: SmtpCheckDeps & ApiCheckDeps = {},
): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env };
  const code = await main(argv, io, deps);
  return { code, out, err };
}
