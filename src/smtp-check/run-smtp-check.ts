import { Socket } from "node:net";
import { checkAuth } from "./auth-step";
import { checkDns, Resolver, systemResolver } from "./dns-step";
import { exitCodeFor } from "./exit-codes";
import { FollowUp } from "./follow-up";
import {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_PORT,
  DEFAULT_SMTP_TIMEOUT_MS,
  SmtpCheckOptions,
  SmtpCredentials,
} from "./options";
import { awsSecretReader, readSecret, SecretReader, SmtpSecret } from "./secret-source";
import { checkSend } from "./send-step";
import {
  defaultHost,
  describeTlsMode,
  regionFromHost,
  TlsMode,
  tlsModeForPort,
} from "./ses-endpoint";
import { SmtpSession } from "./smtp-session";
import {
  failed,
  skipped,
  STEP_NAMES,
  STEP_TITLES,
  StepName,
  StepOutcome,
  StepResult,
} from "./step-result";
import { checkTcp, Connector, netConnector } from "./tcp-step";
import { formatLimit } from "./timeout";
import { checkTls } from "./tls-step";

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
  /** All six steps in order, each pass, fail or skip. */
  readonly steps: readonly StepResult[];
  /** After a send: SES's message id and the commands that show its events. */
  readonly followUp?: FollowUp;
  /** The SMTP conversation (passwords masked). */
  readonly transcript: readonly string[];
}

/** Where to connect and as whom, once the secret (if any) has filled in the gaps. */
interface Target {
  readonly host: string;
  readonly port: number;
  readonly tlsMode: TlsMode;
  readonly region?: string;
  readonly hostRegion?: string;
  readonly credentials?: SmtpCredentials;
}

/** The given credentials win; the secret's come with the region they were made for. */
function credentialsFor(
  options: SmtpCheckOptions,
  secret?: SmtpSecret,
): SmtpCredentials | undefined {
  if (options.credentials) {
    return { ...options.credentials, region: options.credentials.region ?? options.region };
  }
  if (!secret) return undefined;
  const { username, password, region } = secret;
  return { username, password, region, source: `the credentials in secret ${options.secretId}` };
}

/** Options first, then the secret, then the defaults; undefined when no host can be named. */
function resolveTarget(options: SmtpCheckOptions, secret?: SmtpSecret): Target | undefined {
  const region = options.region ?? secret?.region;
  const host = options.host ?? secret?.host ?? (region ? defaultHost(region) : undefined);
  if (!host) return undefined;
  const port = options.port ?? secret?.ports?.[0] ?? DEFAULT_PORT;
  const hostRegion = regionFromHost(host);
  return {
    host,
    port,
    tlsMode: options.tlsMode ?? tlsModeForPort(port),
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

class CheckRun {
  readonly steps: StepResult[] = [];
  followUp?: FollowUp;
  session?: SmtpSession;
  socket?: Socket;

  constructor(
    private readonly options: SmtpCheckOptions,
    private readonly deps: SmtpCheckDeps,
  ) {}

  get smtpTimeoutMs(): number {
    return this.options.smtpTimeoutMs ?? DEFAULT_SMTP_TIMEOUT_MS;
  }

  /** Runs one step, times it, records and announces its result; true when it passed. */
  async step(name: StepName, doing: string, run: () => Promise<StepOutcome>): Promise<boolean> {
    this.deps.onStepStart?.(name, doing);
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

  private record(result: StepResult): void {
    this.steps.push(result);
    this.deps.onStepEnd?.(result);
  }

  /** The secret step; `ok` is false when it failed (and nothing else may run). */
  async secret(): Promise<{ ok: boolean; secret?: SmtpSecret }> {
    const { secretId, region } = this.options;
    if (!secretId) {
      this.skip("secret", "no secret id given");
      return { ok: true };
    }
    const reader = this.deps.secrets ?? awsSecretReader(this.smtpTimeoutMs);
    let secret: SmtpSecret | undefined;
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
    if (!(await this.tcp(target, addresses[0]))) return;
    if (!(await this.tls(target))) return;
    if (!(await this.auth(target))) return;
    await this.send(target);
  }

  private async dns(target: Target): Promise<readonly string[] | undefined> {
    let addresses: readonly string[] = [];
    const ok = await this.step("dns", `resolving ${target.host}`, async () => {
      const result = await checkDns(
        {
          host: target.host,
          region: target.region,
          allowPublicAddresses: this.options.allowPublicAddresses ?? false,
          timeoutMs: this.smtpTimeoutMs,
        },
        this.deps.resolver ?? systemResolver,
      );
      addresses = result.addresses;
      return result.outcome;
    });
    return ok ? addresses : undefined;
  }

  private tcp(target: Target, address: string): Promise<boolean> {
    const limit = this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const endpoint = { address, port: target.port };
    const doing = `connecting to ${address}:${target.port} (limit ${formatLimit(limit)})`;
    return this.step("tcp", doing, async () => {
      const result = await checkTcp(this.deps.connector ?? netConnector, endpoint, limit);
      this.socket = result.socket;
      return result.outcome;
    });
  }

  private tls(target: Target): Promise<boolean> {
    const { host, port, tlsMode } = target;
    const settings = { host, port, tlsMode, timeoutMs: this.smtpTimeoutMs, ca: this.options.ca };
    this.session = new SmtpSession(this.socket as Socket, settings);
    const session = this.session;
    const doing = `${describeTlsMode(target.tlsMode)} with ${target.host}:${target.port}`;
    return this.step("tls", doing, () => checkTls(session, settings));
  }

  private async auth(target: Target): Promise<boolean> {
    const { credentials } = target;
    if (!credentials) {
      this.skip("auth", "no credentials given");
      return true;
    }
    const session = this.session as SmtpSession;
    return this.step("auth", `AUTH LOGIN as ${credentials.username}`, () =>
      checkAuth(session, { credentials, hostRegion: target.hostRegion }),
    );
  }

  private async send(target: Target): Promise<void> {
    const { message } = this.options;
    if (!message) {
      this.skip("send", "no test message requested");
      return;
    }
    const session = this.session as SmtpSession;
    const sentAt = (this.deps.now ?? (() => new Date()))();
    const doing = `sending from ${message.from} to ${message.to.join(", ")}`;
    await this.step("send", doing, async () => {
      const { host, port, region } = target;
      const result = await checkSend(session, { host, port, region, message, sentAt });
      this.followUp = result.followUp;
      return result.outcome;
    });
  }

  async close(): Promise<void> {
    if (this.session) await this.session.close();
    else this.socket?.destroy();
  }
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
  const { ok, secret } = await run.secret();
  const target = ok ? resolveTarget(options, secret) : undefined;
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
    host: target?.host,
    port: target?.port,
    tlsMode: target?.tlsMode,
    steps: STEP_NAMES.map((name) => run.steps.find((s) => s.name === name) as StepResult),
    followUp: run.followUp,
    transcript: run.session?.transcript ?? [],
  };
}
