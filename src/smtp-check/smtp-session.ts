import { isIP, Socket } from "node:net";
import { TLSSocket } from "node:tls";
import { format } from "node:util";
import SMTPConnection from "nodemailer/lib/smtp-connection";
import { shownUsername } from "./username";
import { TlsMode } from "./options";
import { trustingAlso } from "./trust";

/** One line of the SMTP conversation; `C:` client, `S:` server, `*` client events. */
export type TranscriptLine = string;

export interface SessionSettings {
  /**
   * Host name: sent as SNI (unless it is an address) and verified against the certificate.
   * @default none (required)
   */
  readonly host: string;
  /**
   * The port, for nodemailer's bookkeeping (the socket is already connected).
   * @default none (required)
   */
  readonly port: number;
  /** STARTTLS (required, never opportunistic) or implicit TLS. @default none (required) */
  readonly tlsMode: TlsMode;
  /** Extra trusted PEM certificates, added to Node's built-in store. @default none */
  readonly ca?: string;
  /** Limit for the greeting, the TLS handshake and each reply, in ms. @default none (required) */
  readonly timeoutMs: number;
}

/** The TLS session's facts, for the report. */
export interface TlsFacts {
  readonly protocol: string;
  readonly cipher: string;
  readonly subject: string;
  readonly issuer: string;
  readonly validTo: string;
}

/** An error from the SMTP client, as nodemailer describes it. */
export interface SmtpError extends Error {
  /** nodemailer's code: ETIMEDOUT, ETLS, ESOCKET, EPROTOCOL, ECONNECTION, EAUTH, EENVELOPE, … */
  code?: string;
  /** The server's reply that caused it, if any. */
  response?: string;
  responseCode?: number;
  /** The command the error answers (CONN, STARTTLS, AUTH LOGIN, MAIL FROM, DATA, …). */
  command?: string;
  /** Node's TLS errors: the reason and the certificate of a name mismatch. */
  reason?: string;
  cert?: { subjectaltname?: string };
  /** EENVELOPE: every recipient was refused (the addresses, and each one's error). */
  rejected?: string[];
  rejectedErrors?: SmtpError[];
}

/** A recipient the server refused, with its reply. */
export interface RejectedRecipient {
  readonly recipient: string;
  readonly response: string;
}

/** nodemailer's documented `rejected` addresses, each with its error from `rejectedErrors`. */
export function rejectedRecipients(
  rejected: readonly string[] | undefined,
  errors: readonly SmtpError[] | undefined,
): RejectedRecipient[] {
  return (rejected ?? []).map((recipient, i) => ({
    recipient,
    response: errors?.[i]?.response ?? "no reply recorded",
  }));
}

type Logged = { tnx?: string };

/**
 * nodemailer's SMTP client on an already connected socket, with promises, every error routed to
 * the pending operation, and a transcript (passwords are masked by nodemailer itself).
 *
 * nodemailer's documented API has no EHLO capability list, no "greeted" state, last command or
 * last reply, and no access to the TLS socket (protocol, cipher, certificate). The one workaround
 * for each lives here: the first four read the transcript that its documented `logger` and
 * `transactionLog` options produce (entries tagged `tnx: "client"` / `"server"`), the last its
 * `_socket` field. `smtp-session.test.ts` pins them against a real server.
 */
export class SmtpSession {
  readonly transcript: TranscriptLine[] = [];
  private readonly connection: SMTPConnection;
  private pending?: (error: SmtpError) => void;
  private ended = false;

  constructor(socket: Socket, settings: SessionSettings) {
    this.connection = new SMTPConnection({
      connection: socket,
      host: settings.host,
      port: settings.port,
      secure: settings.tlsMode === "implicit",
      requireTLS: settings.tlsMode === "starttls",
      tls: {
        // SNI carries names only (RFC 6066); an address is still verified against the certificate.
        ...(isIP(settings.host) ? {} : { servername: settings.host }),
        rejectUnauthorized: true,
        ...(settings.ca ? { secureContext: trustingAlso(settings.ca) } : {}),
      },
      connectionTimeout: settings.timeoutMs,
      greetingTimeout: settings.timeoutMs,
      // Every limit is the same, as documented; the TLS step tells them apart by the session's state.
      socketTimeout: settings.timeoutMs,
      transactionLog: true,
      logger: this.logger(),
    });
    this.connection.on("error", (error) => this.fail(error));
    this.connection.on("end", () => {
      this.ended = true;
      this.fail(closedError());
    });
  }

  /** Greeting, EHLO, STARTTLS or implicit TLS with certificate verification, EHLO again. */
  open(): Promise<void> {
    return this.run((done) => this.connection.connect((error) => done(error ?? null)));
  }

  /** AUTH LOGIN, whatever else the server offers. */
  login(username: string, password: string): Promise<void> {
    // `user` only names the user in nodemailer's log lines: never a user name that may be secret.
    const auth = {
      credentials: { user: username, pass: password },
      method: "LOGIN",
      user: shownUsername(username),
    };
    return this.run((done) => this.connection.login(auth, (error) => done(error ?? null)));
  }

  /**
   * MAIL FROM, RCPT TO, DATA; resolves with the server's final reply and the rejected recipients.
   */
  send(
    envelope: { from: string; to: readonly string[] },
    message: Buffer,
  ): Promise<{ response: string; rejected: RejectedRecipient[] }> {
    return this.run((done) =>
      this.connection.send({ from: envelope.from, to: [...envelope.to] }, message, (error, info) =>
        done(error, {
          response: info?.response ?? "",
          rejected: rejectedRecipients(info?.rejected, info?.rejectedErrors),
        }),
      ),
    );
  }

  /** QUIT if the session is usable, then close the socket (forcibly after `graceMs`). */
  close(graceMs = 1000): Promise<void> {
    this.pending = undefined;
    const connection = this.connection;
    if (this.ended) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => connection.close(), graceMs);
      connection.once("end", () => {
        clearTimeout(timer);
        resolve();
      });
      if (connection.stage === "connected") connection.quit();
      else connection.close();
    });
  }

  /** True once the server said anything (its greeting, at least). */
  greeted(): boolean {
    return this.transcript.some((line) => line.startsWith("S: "));
  }

  /** The server's last reply (AUTH's 235, which nodemailer's login callback does not pass on). */
  lastReply(): string | undefined {
    return [...this.transcript]
      .reverse()
      .find((l) => l.startsWith("S: "))
      ?.slice(3);
  }

  /** The verb of the last command the client sent (EHLO, STARTTLS, AUTH, …), if any. */
  lastCommand(): string | undefined {
    const line = [...this.transcript].reverse().find((l) => l.startsWith("C: "));
    return line?.slice(3).split(" ")[0];
  }

  /** The capabilities of the last EHLO reply (`AUTH PLAIN LOGIN`, `SIZE …`, …). */
  capabilities(): string[] {
    const ehlo = this.transcript.map((line) => /^C: EHLO /.test(line)).lastIndexOf(true);
    const reply = ehlo >= 0 ? this.transcript[ehlo + 1] : undefined;
    if (!reply?.startsWith("S: 250")) return [];
    return reply
      .slice(3)
      .split("\n")
      .slice(1)
      .map((line) => line.replace(/^250[ -]/, "").trim());
  }

  /** The TLS session's protocol, cipher and certificate, once TLS is up and verified. */
  tlsFacts(): TlsFacts | undefined {
    const socket = this.connection._socket as Socket | TLSSocket | false;
    // nodemailer swaps in the TLS socket before the handshake: only a verified one counts.
    if (!(socket instanceof TLSSocket) || !socket.authorized) return undefined;
    const cert = socket.getPeerCertificate();
    return {
      protocol: socket.getProtocol() ?? "unknown",
      cipher: socket.getCipher()?.name ?? "unknown",
      subject: cert.subjectaltname ?? `CN=${cert.subject?.CN ?? "?"}`,
      issuer: first(cert.issuer?.O ?? cert.issuer?.CN) ?? "?",
      validTo: cert.valid_to ?? "?",
    };
  }

  private run<T = void>(
    operation: (done: (error: SmtpError | null, value?: T) => void) => void,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const settle = (error: SmtpError | null, value?: T) => {
        if (this.pending !== onError) return;
        this.pending = undefined;
        if (error) reject(error);
        else resolve(value as T);
      };
      const onError = (error: SmtpError) => settle(error);
      this.pending = onError;
      operation(settle);
    });
  }

  private fail(error: SmtpError): void {
    this.pending?.(error);
  }

  private logger() {
    const record = (entry: Logged, message: string, ...args: unknown[]) => {
      const text = format(message, ...args);
      if (entry.tnx === "client") this.transcript.push(`C: ${text}`);
      else if (entry.tnx === "server") this.transcript.push(`S: ${text}`);
      else this.transcript.push(`* ${text}`);
    };
    return {
      level: () => undefined,
      trace: record,
      debug: record,
      info: record,
      warn: record,
      error: record,
      fatal: record,
    };
  }
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function closedError(): SmtpError {
  const error: SmtpError = new Error("the server closed the connection");
  error.code = "ECLOSED";
  return error;
}
