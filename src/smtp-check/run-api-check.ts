/**
 * `smtp-check api`: can this account send through the SES API, and how much? DNS of the API host
 * (`email.<region>.amazonaws.com`: private addresses through the hub's zone, or public with
 * --allow-public), TCP 443, TLS with the host name verified, then a SigV4-signed SESv2
 * `GetAccount` with the machine's own credentials chain, over that verified connection.
 */
import { connect as tlsConnect, TLSSocket } from "node:tls";
import { Duplex } from "node:stream";
import { SES_API_PORT, sesApiHost } from "../private/ses-facts";
import { checkAccount, SesAccountStatus } from "./account-step";
import { checkCredentials, CredentialsProvider, defaultCredentialsChain } from "./credentials-step";
import { API_SERVICE } from "./checked-service";
import { checkDns, Resolver, systemResolver } from "./dns-step";
import { ConnectTo, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_SMTP_TIMEOUT_MS } from "./options";
import { AwsCredentials } from "./sigv4";
import {
  combineEndpoints,
  exitCodeFor,
  failed,
  formatLimit,
  passed,
  skipped,
  StepName,
  StepOutcome,
  StepResult,
  STEP_TITLES,
  withTimeout,
} from "./step-result";
import { checkTcpAll, Connector, netConnector } from "./tcp-step";
import { describeTlsFailure, SOME_TLS_FAILED } from "./tls-step";
import { trustingAlso } from "./trust";

/** The API check's steps, in order. */
export const API_STEP_NAMES = ["creds", "dns", "tcp", "tls", "api"] as const satisfies StepName[];

export const API_STEP_TITLES: Record<(typeof API_STEP_NAMES)[number], string> = {
  creds: STEP_TITLES.creds,
  dns: "resolve the SES API host name",
  tcp: "open a TCP connection to port 443",
  tls: "a verified TLS session",
  api: STEP_TITLES.api,
};

/** What `smtp-check api` checks. */
export interface ApiCheckOptions {
  /**
   * SES region: the API host is `email.<region>.amazonaws.com` and the signature's region.
   * @default none (required)
   */
  readonly region: string;
  /**
   * Host name (or address) to connect to, still signing for and verifying the API host name.
   * @default `email.<region>.amazonaws.com`
   */
  readonly host?: string;
  /**
   * Connect here instead (an SSH tunnel, a relay, or an emulator), as curl's `--connect-to`.
   * @default none: the host's own addresses on 443
   */
  readonly connectTo?: ConnectTo;
  /**
   * Speak plain HTTP instead of TLS (a local emulator only; SES itself is HTTPS only).
   * @default false
   */
  readonly plainHttp?: boolean;
  /** PEM certificates trusted besides the built-in store. @default none */
  readonly ca?: string;
  /** Accept public addresses for the API host. @default false */
  readonly allowPublicAddresses?: boolean;
  /** Limit of the TCP connect, in ms. @default 5000 */
  readonly connectTimeoutMs?: number;
  /** Limit of DNS, the handshake, the credentials and the request, in ms. @default 10000 */
  readonly timeoutMs?: number;
}

/** What the API check talks to; tests replace these. */
export interface ApiCheckDeps {
  /** @default the system resolver */
  readonly resolver?: Resolver;
  /** @default `net.connect` */
  readonly connector?: Connector;
  /** @default the AWS SDK's default credentials chain */
  readonly credentials?: CredentialsProvider;
  /** @default none */
  readonly onStepStart?: (name: StepName, doing: string) => void;
  /** @default none */
  readonly onStepEnd?: (result: StepResult) => void;
  /** The signing clock. @default `() => new Date()` */
  readonly now?: () => Date;
}

/** Everything an API check found. */
export interface ApiCheckReport {
  readonly ok: boolean;
  readonly exitCode: number;
  readonly check: "api";
  readonly region: string;
  /** The API host name: the name resolved, signed for and verified. */
  readonly host: string;
  readonly port: number;
  readonly connectTo?: ConnectTo;
  readonly steps: readonly StepResult[];
  /** What GetAccount said, when it answered. */
  readonly account?: SesAccountStatus;
  /** Set when a signal stopped the check. */
  readonly interrupted?: string;
}

type ApiStep = (typeof API_STEP_NAMES)[number];

interface Verified {
  readonly name: string;
  readonly connection: Duplex;
}

class ApiRun {
  readonly steps: StepResult[] = [];
  account?: SesAccountStatus;

  constructor(
    private readonly options: ApiCheckOptions,
    private readonly deps: ApiCheckDeps,
    readonly host: string,
  ) {}

  get timeoutMs(): number {
    return this.options.timeoutMs ?? DEFAULT_SMTP_TIMEOUT_MS;
  }

  private async step(
    name: ApiStep,
    doing: string,
    run: () => Promise<StepOutcome>,
  ): Promise<boolean> {
    this.deps.onStepStart?.(name, doing);
    const started = performance.now();
    const outcome = await run();
    const ms = Math.round(performance.now() - started);
    const { status, detail, cause, fix, endpoints } = outcome;
    const result = { name, title: API_STEP_TITLES[name], ms, status, detail };
    this.record({
      ...result,
      ...(cause ? { cause, fix } : {}),
      ...(endpoints ? { endpoints } : {}),
    });
    return outcome.status === "pass";
  }

  private record(result: StepResult): void {
    this.steps.push(result);
    this.deps.onStepEnd?.(result);
  }

  skip(name: ApiStep, why: string): void {
    this.record({ ...skipped(name, why), title: API_STEP_TITLES[name] });
  }

  async run(): Promise<void> {
    const credentials = await this.credentials();
    if (!credentials) return;
    const addresses = await this.dns();
    if (!addresses) return;
    const sockets = await this.tcp(addresses);
    if (sockets.length === 0) return;
    const verified = await this.tls(sockets);
    if (!verified) return;
    await this.api(verified, credentials);
  }

  private async credentials(): Promise<AwsCredentials | undefined> {
    const provider = this.deps.credentials ?? defaultCredentialsChain(this.options.region);
    let found: AwsCredentials | undefined;
    await this.step("creds", "asking the default credentials chain", async () => {
      const result = await checkCredentials(provider, this.timeoutMs);
      found = result.credentials;
      return result.outcome;
    });
    return found;
  }

  private async dns(): Promise<readonly string[] | undefined> {
    const host = this.options.connectTo?.host ?? this.host;
    let addresses: readonly string[] = [];
    const ok = await this.step("dns", `resolving ${host}`, async () => {
      const result = await checkDns(
        {
          host,
          region: this.options.region,
          service: API_SERVICE,
          allowPublicAddresses: this.options.allowPublicAddresses ?? false,
          relay: this.options.connectTo !== undefined,
          timeoutMs: this.timeoutMs,
        },
        this.deps.resolver ?? systemResolver,
      );
      addresses = result.addresses;
      return result.outcome;
    });
    return ok ? addresses : undefined;
  }

  private async tcp(addresses: readonly string[]): Promise<Verified[]> {
    const limit = this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const port = this.options.connectTo?.port ?? SES_API_PORT;
    const list = addresses.map((a) => `${a}:${port}`).join(", ");
    let connected: Verified[] = [];
    await this.step("tcp", `connecting to ${list} (limit ${formatLimit(limit)})`, async () => {
      const endpoints = addresses.map((address) => ({ address, port }));
      const result = await checkTcpAll(
        this.deps.connector ?? netConnector,
        endpoints,
        limit,
        API_SERVICE,
      );
      connected = result.connected.map((c) => ({
        name: `${c.endpoint.address}:${port}`,
        connection: c.socket,
      }));
      return result.outcome;
    });
    return connected;
  }

  /** TLS at every connected address; the first verified connection carries the request. */
  private async tls(connected: readonly Verified[]): Promise<Verified | undefined> {
    if (this.options.plainHttp) {
      this.skip("tls", "plain HTTP to an emulator (--endpoint-url http://…): no TLS");
      connected.slice(1).forEach((c) => c.connection.destroy());
      return connected[0];
    }
    let verified: Verified | undefined;
    const names = connected.map((c) => c.name).join(", ");
    await this.step("tls", `TLS with ${this.host} at ${names}`, async () => {
      const results = await Promise.all(connected.map((c) => this.handshake(c)));
      const index = results.findIndex((r) => r.outcome.status === "pass");
      if (index >= 0)
        verified = { name: connected[index].name, connection: results[index].socket! };
      results.forEach((r, i) => i !== index && r.socket?.destroy());
      const outcomes = results.map((r, i) => ({ endpoint: connected[i].name, outcome: r.outcome }));
      return combineEndpoints(outcomes, SOME_TLS_FAILED);
    });
    return verified;
  }

  private async handshake(
    connected: Verified,
  ): Promise<{ outcome: StepOutcome; socket?: TLSSocket }> {
    const socket = tlsConnect({
      socket: connected.connection,
      servername: this.host,
      secureContext: this.options.ca ? trustingAlso(this.options.ca) : undefined,
      ALPNProtocols: ["http/1.1"],
    });
    try {
      await withTimeout(
        new Promise<void>((resolve, reject) => {
          socket.once("secureConnect", resolve);
          socket.once("error", reject);
        }),
        this.timeoutMs,
        "ETIMEDOUT",
      );
      socket.on("error", () => undefined);
      const cert = socket.getPeerCertificate();
      return {
        socket,
        outcome: passed(
          `${socket.getProtocol()} (${socket.getCipher()?.name}); certificate ${cert.subjectaltname ?? cert.subject?.CN}, valid until ${cert.valid_to}, verified for ${this.host}`,
        ),
      };
    } catch (error) {
      socket.destroy();
      const { words } = describeTlsFailure(error as Error & { reason?: string });
      return {
        outcome: failed(
          `no verified TLS session with ${this.host} at ${connected.name}: ${words}`,
          "the server at this address is not the SES API endpoint (its certificate does not cover the name, or a TLS-inspecting proxy sits in the path)",
          "check that the name resolves to the hub's API endpoint (or to SES); behind an inspecting proxy, pass its CA with --ca-file",
        ),
      };
    }
  }

  private async api(verified: Verified, credentials: AwsCredentials): Promise<void> {
    const port = this.options.connectTo?.port ?? SES_API_PORT;
    // An emulator is addressed by its own host:port; SES by its name.
    const host = this.options.plainHttp ? `${this.options.connectTo?.host}:${port}` : this.host;
    await this.step(
      "api",
      `GetAccount at ${verified.name}, signed for ${this.options.region}`,
      async () => {
        const result = await checkAccount(verified.connection, {
          host,
          region: this.options.region,
          credentials,
          timeoutMs: this.timeoutMs,
          now: (this.deps.now ?? (() => new Date()))(),
        });
        this.account = result.account;
        return result.outcome;
      },
    );
  }
}

/** Runs the API check; stops at the first failure and never throws for a network problem. */
export async function runApiCheck(
  options: ApiCheckOptions,
  deps: ApiCheckDeps = {},
): Promise<ApiCheckReport> {
  const host = options.host ?? sesApiHost(options.region);
  const run = new ApiRun(options, deps, host);
  await run.run();
  const failure = run.steps.find((s) => s.status === "fail");
  for (const name of API_STEP_NAMES) {
    if (!run.steps.some((s) => s.name === name)) {
      run.skip(name, failure ? `not run: ${failure.name} failed` : "not run");
    }
  }
  const steps = API_STEP_NAMES.map((name) => run.steps.find((s) => s.name === name)!);
  const exitCode = exitCodeFor(steps);
  return {
    ok: exitCode === 0,
    exitCode,
    check: "api",
    region: options.region,
    host,
    port: options.connectTo?.port ?? SES_API_PORT,
    connectTo: options.connectTo,
    steps,
    account: run.account,
  };
}
