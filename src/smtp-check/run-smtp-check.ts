import { Socket } from "node:net";
import { SmtpSecretAsRead } from "../private/smtp-secret";
import { checkAuth, Masker, secretMasker } from "./auth-step";
import { shownUsername } from "./username";
import { SMTP_SERVICE } from "./checked-service";
import { checkDns, Resolver, systemResolver } from "./dns-step";
import {
  ConnectTo,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_PORT,
  DEFAULT_SMTP_TIMEOUT_MS,
  defaultHost,
  describeTlsMode,
  regionFromHost,
  SmtpCheckOptions,
  SmtpCredentials,
  TlsMode,
  tlsModeForPort,
} from "./options";
import { awsSecretReader, readSecret, SecretReader } from "./secret-source";
import { checkSend, FollowUp } from "./send-step";
import { SmtpSession } from "./smtp-session";
import {
  combineEndpoints,
  exitCodeFor,
  failed,
  formatLimit,
  skipped,
  STEP_NAMES,
  STEP_TITLES,
  StepName,
  StepOutcome,
  StepResult,
} from "./step-result";
import { checkTcpAll, Connector, netConnector } from "./tcp-step";
import { checkTls, SOME_TLS_FAILED } from "./tls-step";

/** What `runSmtpCheck` talks to; tests replace these so nothing leaves loopback. */
export interface SmtpCheckDeps {
  /**
   * Name resolution for the DNS step.
   * @default the system resolver (`dns.promises.lookup`)
   */
  readonly resolver?: Resolver;
  /**
   * Starts the TCP connection of the TCP step.
   * @default `net.connect`
   */
  readonly connector?: Connector;
  /**
   * Reads the secret of the secret step.
   * @default Secrets Manager through the AWS SDK
   */
  readonly secrets?: SecretReader;
  /**
   * Called when a step starts, with what it is about to do.
   * @default none
   */
  readonly onStepStart?: (name: StepName, doing: string) => void;
  /**
   * Called when a step has a result (also for skipped steps).
   * @default none
   */
  readonly onStepEnd?: (result: StepResult) => void;
  /**
   * Called once at the start with a function that returns what the check knows so far (target,
   * transcript, follow-up), masked: what a report printed after an interrupt carries.
   * @default none
   */
  readonly onProgress?: (known: () => KnownSoFar) => void;
  /**
   * The clock, for the message's date and the follow-up commands' time range.
   * @default `() => new Date()`
   */
  readonly now?: () => Date;
}

/** Everything a check found. */
export interface SmtpCheckReport {
  /** True only when every requested step passed. */
  readonly ok: boolean;
  /** 0, or the exit code of the first failing step (see EXIT_CODES). */
  readonly exitCode: number;
  readonly host?: string;
  readonly port?: number;
  readonly tlsMode?: TlsMode;
  /** Name sent as SNI and verified against the certificate. */
  readonly tlsName?: string;
  /** Where the TCP connection went instead of the host's addresses (--connect-to). */
  readonly connectTo?: ConnectTo;
  /** All six steps in order, each pass, fail or skip. */
  readonly steps: readonly StepResult[];
  /** After a send: SES's message id and the commands that show its events. */
  readonly followUp?: FollowUp;
  /** Set when a signal stopped the check (SIGINT, SIGTERM). */
  readonly interrupted?: string;
  /** The SMTP conversation (password and a user name that is not a key id masked). */
  readonly transcript: readonly string[];
}

/** The fields of a report that are known before the check ends. */
export type KnownSoFar = Pick<
  SmtpCheckReport,
  "host" | "port" | "tlsMode" | "tlsName" | "connectTo" | "followUp" | "transcript"
>;

/** The report's fields that come from the target, the run's transcript and its follow-up. */
function knownFields(target: Target | undefined, run: CheckRun): KnownSoFar {
  return {
    host: target?.host,
    port: target?.port,
    tlsMode: target?.tlsMode,
    tlsName: target?.tlsName,
    connectTo: target?.connectTo,
    followUp: run.followUp,
    transcript: run.transcript(),
  };
}

/** Where to connect and as whom, once the secret (if any) has filled in the gaps. */
interface Target {
  readonly host: string;
  readonly port: number;
  readonly tlsMode: TlsMode;
  /** Name for SNI and the certificate check. */
  readonly tlsName: string;
  readonly connectTo?: ConnectTo;
  readonly region?: string;
  readonly hostRegion?: string;
  readonly credentials?: SmtpCredentials;
}

/** The given credentials win; the secret's come with the region they were made for. */
function credentialsFor(
  options: SmtpCheckOptions,
  secret?: SmtpSecretAsRead,
): SmtpCredentials | undefined {
  if (options.credentials) {
    return { ...options.credentials, region: options.credentials.region ?? options.region };
  }
  if (!secret) return undefined;
  const { username, password, region } = secret;
  return { username, password, region, source: `the credentials in secret ${options.secretId}` };
}

/** Options first, then the secret, then the defaults; undefined when no host can be named. */
function resolveTarget(options: SmtpCheckOptions, secret?: SmtpSecretAsRead): Target | undefined {
  const region = options.region ?? secret?.region;
  const host = options.host ?? secret?.host ?? (region ? defaultHost(region) : undefined);
  if (!host) return undefined;
  const port = options.port ?? secret?.ports?.[0] ?? DEFAULT_PORT;
  const hostRegion = regionFromHost(host);
  return {
    host,
    port,
    tlsMode: options.tlsMode ?? tlsModeForPort(port),
    tlsName: options.tlsName ?? host,
    connectTo: options.connectTo,
    region: hostRegion ?? region,
    hostRegion,
    credentials: credentialsFor(options, secret),
  };
}

const NO_TARGET: StepOutcome = failed(
  "no host to check: the secret has neither `host` nor `region`, and neither --host nor --region was given",
  "the secret does not have the shape this project's sending setup writes",
  "pass --host or --region, or add `host` and `region` to the secret",
);

/** A connected socket and its `address:port`. */
interface Connected {
  readonly name: string;
  readonly socket: Socket;
}

class CheckRun {
  readonly steps: StepResult[] = [];
  followUp?: FollowUp;
  /** Keeps secrets out of every line this run reports; set once the credentials are known. */
  mask: Masker = (text) => text;
  private readonly sessions: { name: string; session: SmtpSession }[] = [];

  constructor(
    private readonly options: SmtpCheckOptions,
    private readonly deps: SmtpCheckDeps,
  ) {}

  get smtpTimeoutMs(): number {
    return this.options.smtpTimeoutMs ?? DEFAULT_SMTP_TIMEOUT_MS;
  }

  /** Runs one step, times it, records and announces its result; true when it passed. */
  async step(name: StepName, doing: string, run: () => Promise<StepOutcome>): Promise<boolean> {
    this.deps.onStepStart?.(name, this.mask(doing));
    const started = performance.now();
    const outcome = await run();
    const ms = Math.round(performance.now() - started);
    this.record({ name, title: STEP_TITLES[name], ms, ...outcome });
    return outcome.status === "pass";
  }

  skip(name: StepName, why: string): void {
    this.record(skipped(name, why));
  }

  /** Marks every step that has no result yet as skipped. */
  skipRest(why: string): void {
    for (const name of STEP_NAMES) {
      if (!this.steps.some((s) => s.name === name)) this.skip(name, why);
    }
  }

  private record(unmasked: StepResult): void {
    const result = maskStep(unmasked, this.mask);
    this.steps.push(result);
    this.deps.onStepEnd?.(result);
  }

  /** The secret step; `ok` is false when it failed (and nothing else may run). */
  async secret(): Promise<{ ok: boolean; secret?: SmtpSecretAsRead }> {
    const { secretId, region } = this.options;
    if (!secretId) {
      this.skip("secret", "no secret id given");
      return { ok: true };
    }
    const reader = this.deps.secrets ?? awsSecretReader(this.smtpTimeoutMs);
    let secret: SmtpSecretAsRead | undefined;
    const ok = await this.step("secret", `reading secret ${secretId}`, async () => {
      const read = await readSecret(reader, secretId, region);
      secret = read.secret;
      return read.secret && !resolveTarget(this.options, read.secret) ? NO_TARGET : read.outcome;
    });
    return { ok, secret };
  }

  async network(target: Target): Promise<void> {
    const addresses = await this.dns(target);
    if (!addresses) return;
    const connected = await this.tcp(target, addresses);
    if (connected.length === 0) return;
    const session = await this.tls(target, connected);
    if (!session) return;
    if (!(await this.auth(target, session))) return;
    await this.send(target, session);
  }

  private async dns(target: Target): Promise<readonly string[] | undefined> {
    let addresses: readonly string[] = [];
    const host = target.connectTo?.host ?? target.host;
    const ok = await this.step("dns", `resolving ${host}`, async () => {
      const result = await checkDns(
        {
          host,
          region: target.region,
          service: SMTP_SERVICE,
          allowPublicAddresses: this.options.allowPublicAddresses ?? false,
          relay: target.connectTo !== undefined,
          timeoutMs: this.smtpTimeoutMs,
        },
        this.deps.resolver ?? systemResolver,
      );
      addresses = result.addresses;
      return result.outcome;
    });
    return ok ? addresses : undefined;
  }

  /** Connects to every address at once; the connected ones go on. */
  private async tcp(target: Target, addresses: readonly string[]): Promise<Connected[]> {
    const limit = this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const port = target.connectTo?.port ?? target.port;
    const endpoints = addresses.map((address) => ({ address, port }));
    const list = addresses.map((a) => `${a}:${port}`).join(", ");
    let connected: Connected[] = [];
    await this.step("tcp", `connecting to ${list} (limit ${formatLimit(limit)})`, async () => {
      const result = await checkTcpAll(
        this.deps.connector ?? netConnector,
        endpoints,
        limit,
        SMTP_SERVICE,
      );
      connected = result.connected.map((c) => ({ ...c, name: `${c.endpoint.address}:${port}` }));
      return result.outcome;
    });
    return connected;
  }

  /** TLS at every connected address at once; the first verified session goes on. */
  private async tls(
    target: Target,
    connected: readonly Connected[],
  ): Promise<SmtpSession | undefined> {
    const { port, tlsMode, tlsName } = target;
    const settings = {
      host: tlsName,
      port,
      tlsMode,
      timeoutMs: this.smtpTimeoutMs,
      ca: this.options.ca,
    };
    const sessions = connected.map(({ socket, name }) => ({
      name,
      session: new SmtpSession(socket, settings),
    }));
    this.sessions.push(...sessions);
    let verified: SmtpSession | undefined;
    const doing = `${describeTlsMode(tlsMode)} with ${tlsName} at ${connected.map((c) => c.name).join(", ")}`;
    await this.step("tls", doing, async () => {
      const outcomes = await Promise.all(
        sessions.map(async ({ name, session }) => ({
          endpoint: name,
          outcome: await checkTls(session, settings),
        })),
      );
      verified = sessions.find((_, i) => outcomes[i].outcome.status === "pass")?.session;
      return combineEndpoints(outcomes, SOME_TLS_FAILED);
    });
    await Promise.all(sessions.filter((s) => s.session !== verified).map((s) => s.session.close()));
    return verified;
  }

  private async auth(target: Target, session: SmtpSession): Promise<boolean> {
    const { credentials } = target;
    if (!credentials) {
      this.skip("auth", "no credentials given");
      return true;
    }
    return this.step("auth", `AUTH LOGIN as ${shownUsername(credentials.username)}`, () =>
      checkAuth(session, { credentials, hostRegion: target.hostRegion }),
    );
  }

  private async send(target: Target, session: SmtpSession): Promise<void> {
    const { message } = this.options;
    if (!message) {
      this.skip("send", "no test message requested");
      return;
    }
    const sentAt = (this.deps.now ?? (() => new Date()))();
    const doing = `sending from ${message.from} to ${message.to.join(", ")}`;
    await this.step("send", doing, async () => {
      const { host, port, region } = target;
      const authenticated = target.credentials !== undefined;
      const settings = { host, port, region, message, sentAt, authenticated };
      const result = await checkSend(session, settings);
      this.followUp = result.followUp;
      return result.outcome;
    });
  }

  /** Every session's conversation, each under its address when there were several. */
  transcript(): string[] {
    const lines = this.sessions.flatMap(({ name, session }) =>
      this.sessions.length > 1
        ? [`* session with ${name}`, ...session.transcript]
        : session.transcript,
    );
    return lines.map(this.mask);
  }

  async close(): Promise<void> {
    await Promise.all(this.sessions.map((s) => s.session.close()));
  }
}

/** The step with every text masked. */
function maskStep(step: StepResult, mask: Masker): StepResult {
  const text = (value: string | undefined) => (value === undefined ? undefined : mask(value));
  const endpoints = step.endpoints?.map((e) => ({
    ...e,
    detail: mask(e.detail),
    ...(e.cause ? { cause: text(e.cause), fix: text(e.fix) } : {}),
  }));
  return {
    ...step,
    detail: mask(step.detail),
    ...(step.cause ? { cause: text(step.cause), fix: text(step.fix) } : {}),
    ...(endpoints ? { endpoints } : {}),
  };
}

function failureNote(steps: readonly StepResult[]): string {
  const failure = steps.find((s) => s.status === "fail");
  return failure ? `not run: ${failure.name} failed` : "not run";
}

/**
 * Checks the path to SES step by step: secret, DNS, TCP, TLS, AUTH LOGIN, send. Stops at the
 * first failure (later steps are skipped) and never throws for a network or server problem.
 */
export async function runSmtpCheck(
  options: SmtpCheckOptions,
  deps: SmtpCheckDeps = {},
): Promise<SmtpCheckReport> {
  if (!options.host && !options.region && !options.secretId) {
    throw new TypeError("runSmtpCheck needs a host, a region or a secret id");
  }
  const run = new CheckRun(options, deps);
  // Before the secret is read, what the options alone name; then the full target.
  let target = resolveTarget(options);
  run.mask = secretMasker(options.credentials);
  deps.onProgress?.(() => knownFields(target, run));
  const { ok, secret } = await run.secret();
  target = ok ? resolveTarget(options, secret) : undefined;
  run.mask = secretMasker(target?.credentials ?? options.credentials);
  try {
    if (target) await run.network(target);
  } finally {
    await run.close();
  }
  run.skipRest(failureNote(run.steps));
  const exitCode = exitCodeFor(run.steps);
  return {
    ok: exitCode === 0,
    exitCode,
    ...knownFields(target, run),
    steps: STEP_NAMES.map((name) => run.steps.find((s) => s.name === name) as StepResult),
  };
}
