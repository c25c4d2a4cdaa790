import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import { parseArgs, ParseArgsConfig } from "node:util";
import { isKeyIdShaped, shownUsername } from "./username";
import {
  ConnectTo,
  DEFAULT_PORT,
  defaultHost,
  isHostName,
  isSesPort,
  MessageTag,
  REGION_PATTERN,
  SES_SMTP_PORTS,
  SmtpCheckOptions,
  SmtpCredentials,
  TestMessageOptions,
  TLS_MODES,
  TlsMode,
} from "./options";
import { isSecretId } from "./secret-source";
import type { ApiCheckOptions } from "./run-api-check";

export const API_USAGE =
  "Usage: smtp-check api [--region <region>] [--host <name>] [--connect-to <host:port> | --endpoint-url <url>] [--ca-file <pem>] [--allow-public] [--connect-timeout <seconds>] [--timeout <seconds>] [--json] [--help]";

export const API_HELP = `${API_USAGE}

Can this account send through the SES API, and how much? Checks the path from this machine to the
SES API step by step: AWS credentials from the default chain (environment, shared profile,
container role, instance profile), DNS of email.<region>.amazonaws.com (the hub's private zone, or
public with --allow-public), TCP 443, TLS with the host name verified, then a SigV4-signed SESv2
GetAccount. Prints sandbox or production, sending enabled, the 24-hour quota and how much of it
was used, and the enforcement status; says which piece is broken and how to fix it.

  --region <region>            SES region (default: AWS_REGION, or the region in --host)
  --host <name>                API host name (default email.<region>.amazonaws.com)
  --connect-to <host:port>     connect there instead, still sending SNI for and verifying the host
  --endpoint-url <url>         plain http://host:port of a local emulator (no TLS step)
  --ca-file <pem-file>         also trust these CA certificates
  --allow-public               accept public addresses for the API host (no hub)
  --connect-timeout <seconds>  limit for the TCP connect (default 5)
  --timeout <seconds>          limit for credentials, DNS, TLS and the request (default 10)
  --json                       print one JSON object and nothing else on stdout
  -h, --help                   print this help

Exit status: 0 the account can send, 1 internal error, 2 bad usage, 10 DNS, 11 TCP, 12 TLS,
16 no credentials, 17 GetAccount failed or sending is paused, 130/143 interrupted.`;

export const USAGE =
  "Usage: smtp-check [api] [--region <region> | --host <name>] [--port <port>] [--connect-to <host:port>] [--tls-name <name>] [--user <key-id> | --secret-id <id>] [--from <addr> --to <addr>] [--json] [--help]";

export const HELP = `${USAGE}

Checks the path from this machine to the Amazon SES SMTP interface step by step (secret, DNS,
TCP, TLS, EHLO and AUTH LOGIN, send) and says which piece is broken and how to fix it.

Target:
  --region <region>            SES region: the host is email-smtp.<region>.amazonaws.com, and the
                               SMTP password is taken to be for this region
                               (default: the secret's region; else AWS_REGION picks the host)
  --host <name>                SMTP host name or address (default: the secret's host)
  --port <port>                25, 465, 587, 2465 or 2587 (default: the secret's first port, or ${DEFAULT_PORT})
  --tls starttls|implicit      how TLS starts (default: implicit on 465 and 2465, else STARTTLS);
                               with --tls any port is accepted (an SSH tunnel, a relay)
  --connect-to <host:port>     connect there instead of to the host's addresses (an SSH tunnel,
                               a relay), still sending SNI for and verifying the certificate
                               against the host name, like curl --connect-to
                               (e.g. ssh -L 2587:email-smtp.us-east-1.amazonaws.com:587 bastion,
                               then --region us-east-1 --connect-to 127.0.0.1:2587)
  --tls-name <name>            name sent as SNI and verified in the certificate, like swaks
                               --tls-sni or openssl -servername (default: the host)
Credentials (optional; without them the AUTH and send steps are skipped):
  --user <access-key-id>       SMTP user name; the password comes from SMTP_PASSWORD
  --password <smtp-password>   SMTP password (shows in the process list: prefer SMTP_PASSWORD)
  --secret-id <id-or-arn>      Secrets Manager secret {host, ports, username, password, region}
  (or the environment: SMTP_USERNAME and SMTP_PASSWORD)
Test message (optional; needs credentials):
  --from <address>             sender: an identity verified in SES
  --to <address>               recipient; repeat for more (success@simulator.amazonses.com works)
  --configuration-set <name>   sent as X-SES-CONFIGURATION-SET
  --tag <name=value>           sent in X-SES-MESSAGE-TAGS; repeat for more
                               (default campaign=smtp-check; the first is the CloudWatch dimension)
  --bucket <name>              event archive bucket, for the printed aws s3 ls command
  --s3-prefix <prefix>         key prefix of the events in that bucket (default ses/)
Behaviour:
  --connect-timeout <seconds>  limit for the TCP connect (default 5)
  --smtp-timeout <seconds>     limit for DNS, the greeting, the TLS handshake and each reply
                               (default 10)
  --ca-file <pem-file>         also trust these CA certificates (a TLS-inspecting proxy's CA)
  --allow-public               accept a host name that resolves to public addresses
  --json                       print one JSON object and nothing else on stdout
  --verbose                    also print the SMTP conversation (passwords masked)
  -h, --help                   print this help

\`smtp-check api --help\`: the same for the SES API (credentials, HTTPS 443, signed GetAccount).

Exit status: 0 every requested step passed, 1 internal error, 2 bad usage, 10 DNS, 11 TCP,
12 TLS, 13 AUTH, 14 send, 15 secret, 130/143 interrupted by SIGINT/SIGTERM (with --json, the
steps that ran). A user name that is not an access key id is never printed, only its length.`;

/** Bad command-line input: one line naming the flag, the value and what is allowed. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export interface CliRequest {
  readonly help: boolean;
  readonly json: boolean;
  readonly verbose: boolean;
  readonly options: SmtpCheckOptions;
}

const FLAGS = {
  region: { type: "string" },
  host: { type: "string" },
  port: { type: "string" },
  tls: { type: "string" },
  "connect-to": { type: "string" },
  "tls-name": { type: "string" },
  user: { type: "string" },
  password: { type: "string" },
  "secret-id": { type: "string" },
  from: { type: "string" },
  to: { type: "string", multiple: true },
  "configuration-set": { type: "string" },
  tag: { type: "string", multiple: true },
  bucket: { type: "string" },
  "s3-prefix": { type: "string" },
  "connect-timeout": { type: "string" },
  "smtp-timeout": { type: "string" },
  "ca-file": { type: "string" },
  "allow-public": { type: "boolean" },
  json: { type: "boolean" },
  verbose: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies ParseArgsConfig["options"];

/** Every flag's name, for the tests that keep --help and the docs complete. */
export const FLAG_NAMES = Object.keys(FLAGS);

type Values = ReturnType<typeof parseFlags>;
type Env = Readonly<Record<string, string | undefined>>;

const ADDRESS =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const TAG = /^([A-Za-z0-9_-]{1,255})=([A-Za-z0-9_-]{1,255})$/;

/** What each value flag accepts: a test, and a phrase that says what is allowed. */
const RULES = {
  region: [(v) => REGION_PATTERN.test(v), "must be an AWS region code such as us-east-1"],
  host: [(v) => isHostName(v) || isIP(v) !== 0, "must be a host name or an IP address"],
  tls: [(v) => (TLS_MODES as readonly string[]).includes(v), "must be starttls or implicit"],
  "tls-name": [isHostName, "must be a DNS name (the name the certificate must cover)"],
  user: [(v) => v !== "", "must not be empty"],
  password: [(v) => v !== "", "must not be empty"],
  "secret-id": [isSecretId, "must be a secret name or ARN"],
  from: [(v) => ADDRESS.test(v), "must be an e-mail address such as sender@example.com"],
  to: [(v) => ADDRESS.test(v), "must be an e-mail address such as recipient@example.com"],
  "configuration-set": [
    (v) => /^[A-Za-z0-9_-]{1,64}$/.test(v),
    "must be 1-64 ASCII letters, digits, _ and -",
  ],
  bucket: [
    (v) => /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(v),
    "must be an S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)",
  ],
  "s3-prefix": [
    (v) => v !== "" && !v.startsWith("/") && !/\s/.test(v),
    "must be a key prefix such as ses/ (no leading slash, no spaces)",
  ],
} satisfies Record<string, readonly [(value: string) => boolean, string]>;

/** Flags whose values may be secrets: their values are never repeated, only their length. */
const SECRET_FLAGS: readonly string[] = ["--user", "--password"];

/** An argument as a usage error may show it: never the text of one that could be a secret. */
const notShown = (value: string) => `(${value.length} characters, not shown)`;

const bad = (flag: string, value: string, allowed: string) =>
  new UsageError(
    `${flag} ${SECRET_FLAGS.includes(flag) ? notShown(value) : JSON.stringify(value)}: ${allowed}`,
  );

/** The flag's value if it follows its rule (or is absent); a UsageError otherwise. */
function valid(name: keyof typeof RULES, value: string | undefined): string | undefined {
  const [ok, allowed] = RULES[name];
  if (value !== undefined && !ok(value)) throw bad(`--${name}`, value, allowed);
  return value;
}

function parseFlags(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false })
      .values;
  } catch (error) {
    throw new UsageError(describeParseError(error as Error & { code?: string }));
  }
}

function describeParseError(error: Error & { code?: string }): string {
  const flag = /'(-[^' ]+)/.exec(error.message)?.[1] ?? "";
  switch (error.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `${flag}: unknown flag; run smtp-check --help for the flags`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL": {
      // A stray value may be a password typed without --password: say what, never the value.
      const value = /'([^']*)'/.exec(error.message)?.[1] ?? "";
      return `unexpected argument ${notShown(value)}: every input is a --flag (a value without its flag? the password goes in SMTP_PASSWORD or after --password)`;
    }
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return /ambiguous/.test(error.message)
        ? `${flag}: its value starts with "-"; write ${flag}=<value>`
        : `${flag}: needs a value`;
    default:
      return error.message.split(". ")[0];
  }
}

/** AWS_REGION / AWS_DEFAULT_REGION only pick the default host, and say nothing of credentials. */
function regionFromEnv(env: Env): string | undefined {
  const fromEnv = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  return fromEnv && REGION_PATTERN.test(fromEnv) ? fromEnv : undefined;
}

function target(values: Values, env: Env) {
  const region = valid("region", values.region);
  const secretId = valid("secret-id", values["secret-id"]);
  const host = valid("host", values.host);
  if (host || region || secretId) return { host, secretId, region };
  const envRegion = regionFromEnv(env);
  if (!envRegion) {
    throw new UsageError(
      "no host to check: pass --region <region> (or --host, or --secret-id), or set AWS_REGION",
    );
  }
  return { host: defaultHost(envRegion) };
}

/** A TCP port number, or undefined when the text is not one. */
function portNumber(text: string): number | undefined {
  const n = Number(text);
  return /^\d{1,5}$/.test(text) && n >= 1 && n <= 65535 ? n : undefined;
}

/** `host:port` or `[ipv6]:port`, like curl's --connect-to target. */
function connectTo(value: string | undefined): ConnectTo | undefined {
  if (value === undefined) return undefined;
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:[\]]+)):(\d+)$/.exec(value);
  const host = match?.[1] ?? match?.[2];
  const port = match ? portNumber(match[3]) : undefined;
  const hostOk = host !== undefined && (isHostName(host) || isIP(host) !== 0);
  if (!hostOk || port === undefined) {
    throw bad(
      "--connect-to",
      value,
      "must be host:port or [ipv6-address]:port, such as 127.0.0.1:2587",
    );
  }
  return { host: host as string, port };
}

function port(values: Values): { port?: number; tlsMode?: TlsMode } {
  const tlsMode = valid("tls", values.tls) as TlsMode | undefined;
  if (values.port === undefined) return { tlsMode };
  const n = portNumber(values.port);
  if (n === undefined) throw bad("--port", values.port, "must be a TCP port number");
  if (!tlsMode && !isSesPort(n)) {
    const ports = SES_SMTP_PORTS.join(", ");
    const allowed = `must be one of ${ports} (or add --tls starttls|implicit for a tunnel or relay)`;
    throw bad("--port", values.port, allowed);
  }
  return { port: n, tlsMode };
}

function credentials(values: Values, env: Env): SmtpCredentials | undefined {
  const user = valid("user", values.user);
  const password = valid("password", values.password);
  const fromCli = user !== undefined || password !== undefined;
  if (values["secret-id"] === undefined) {
    return fromCli ? fromFlags(user, password, env) : fromEnvironment(env);
  }
  if (fromCli) {
    throw new UsageError(
      "--secret-id: cannot be combined with --user or --password; pick one source of credentials",
    );
  }
  return undefined;
}

function fromFlags(user: string | undefined, password: string | undefined, env: Env) {
  if (user === undefined) throw new UsageError("--password: needs --user <access-key-id> too");
  const pass = password ?? env.SMTP_PASSWORD;
  if (!pass) {
    const shown = isKeyIdShaped(user) ? JSON.stringify(user) : `(${shownUsername(user)})`;
    throw new UsageError(
      `--user ${shown}: needs a password: set SMTP_PASSWORD (or pass --password)`,
    );
  }
  const source = password === undefined ? "--user and SMTP_PASSWORD" : "--user and --password";
  return { username: user, password: pass, source };
}

function fromEnvironment(env: Env): SmtpCredentials | undefined {
  const { SMTP_USERNAME: user, SMTP_PASSWORD: pass } = env;
  if (user && !pass) {
    throw new UsageError(
      "SMTP_USERNAME is set but SMTP_PASSWORD is not: set both, or pass --secret-id",
    );
  }
  if (pass && !user) {
    throw new UsageError(
      "SMTP_PASSWORD is set but no user name: pass --user <access-key-id> or set SMTP_USERNAME",
    );
  }
  if (!user || !pass) return undefined;
  return { username: user, password: pass, source: "SMTP_USERNAME and SMTP_PASSWORD" };
}

function tag(value: string): MessageTag {
  const match = TAG.exec(value);
  if (!match) {
    throw bad("--tag", value, "must be name=value, of ASCII letters, digits, _ and - (SES's rule)");
  }
  return { name: match[1], value: match[2] };
}

function tags(values: readonly string[] | undefined): MessageTag[] | undefined {
  const parsed = values?.map(tag);
  const names = parsed?.map((t) => t.name) ?? [];
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate) throw bad("--tag", duplicate, "names a tag twice; each tag name may appear once");
  return parsed;
}

const MESSAGE_ONLY = ["configuration-set", "tag", "bucket", "s3-prefix"] as const;

/** --from and --to together, or neither (and then no message-only flag either). */
function envelope(values: Values): { from: string; to: string[] } | undefined {
  const from = valid("from", values.from);
  const to = values.to?.map((address) => valid("to", address) as string);
  if (from && to) return { from, to };
  if (from) throw new UsageError("--from: needs --to <address> too");
  if (to) throw new UsageError("--to: needs --from <address> too");
  const stray = MESSAGE_ONLY.find((flag) => values[flag] !== undefined);
  if (stray) {
    throw new UsageError(`--${stray}: only applies to a test message; add --from and --to`);
  }
  return undefined;
}

function message(values: Values, hasCredentials: boolean): TestMessageOptions | undefined {
  const addresses = envelope(values);
  if (!addresses) return undefined;
  if (!hasCredentials) {
    throw new UsageError(
      "--from/--to: SES accepts mail only after AUTH; give --user (with SMTP_PASSWORD), SMTP_USERNAME and SMTP_PASSWORD, or --secret-id",
    );
  }
  return {
    ...addresses,
    configurationSet: valid("configuration-set", values["configuration-set"]),
    tags: tags(values.tag),
    bucket: valid("bucket", values.bucket),
    s3Prefix: valid("s3-prefix", values["s3-prefix"]),
  };
}

function seconds(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0.1 || n > 300) {
    throw bad(flag, value, "must be a number of seconds from 0.1 to 300");
  }
  return Math.round(n * 1000);
}

/** Reads --ca-file; a clear usage error if it is unreadable or holds no PEM certificate. */
export function readCaFile(
  path: string,
  read: (path: string) => string = (p) => readFileSync(p, "utf8"),
): string {
  let text: string;
  try {
    text = read(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw bad("--ca-file", path, `cannot be read (${code})`);
  }
  if (!text.includes("-----BEGIN CERTIFICATE-----")) {
    throw bad(
      "--ca-file",
      path,
      "must be a PEM file of CA certificates (-----BEGIN CERTIFICATE-----)",
    );
  }
  return text;
}

const API_FLAGS = {
  region: FLAGS.region,
  host: FLAGS.host,
  "connect-to": FLAGS["connect-to"],
  "endpoint-url": { type: "string" },
  "ca-file": FLAGS["ca-file"],
  "allow-public": FLAGS["allow-public"],
  "connect-timeout": FLAGS["connect-timeout"],
  timeout: { type: "string" },
  json: FLAGS.json,
  help: FLAGS.help,
} as const satisfies ParseArgsConfig["options"];

/** Every `smtp-check api` flag's name, for the tests that keep its help and the docs complete. */
export const API_FLAG_NAMES = Object.keys(API_FLAGS);

/** What `smtp-check api` was asked. */
export interface ApiCliRequest {
  readonly help: boolean;
  readonly json: boolean;
  readonly options: ApiCheckOptions;
}

/** `http://host:port` of an emulator: the connect-to target, spoken to in plain HTTP. */
function endpointUrl(value: string | undefined): ConnectTo | undefined {
  if (value === undefined) return undefined;
  const match = /^http:\/\/([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):(\d+)\/?$/.exec(value);
  const port = match ? portNumber(match[2]) : undefined;
  if (!match || port === undefined) {
    throw bad(
      "--endpoint-url",
      value,
      "must be http://host:port of a local emulator (SES itself: leave it out)",
    );
  }
  return { host: match[1].replace(/^\[|\]$/g, ""), port };
}

/** The API host's region, from --region, the host name, or AWS_REGION. */
function apiRegion(values: { region?: string; host?: string }, env: Env): string {
  const region = valid("region", values.region);
  const fromHost = values.host
    ? /^email\.([a-z0-9-]+)\.amazonaws\.com$/.exec(values.host)?.[1]
    : undefined;
  const chosen = region ?? fromHost ?? regionFromEnv(env);
  if (!chosen) {
    throw new UsageError(
      "no region to check: pass --region <region> (or --host email.<region>.amazonaws.com), or set AWS_REGION",
    );
  }
  return chosen;
}

/** Turns `smtp-check api` argv into options; throws UsageError on any bad input. */
export function parseApiCli(argv: readonly string[], env: Env): ApiCliRequest {
  let values;
  try {
    values = parseArgs({
      args: [...argv],
      options: API_FLAGS,
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError(describeParseError(error as Error & { code?: string }));
  }
  const flags = { help: values.help ?? false, json: values.json ?? false };
  if (flags.help) return { ...flags, options: { region: "" } };
  const emulator = endpointUrl(values["endpoint-url"]);
  if (emulator && values["connect-to"] !== undefined) {
    throw new UsageError("--endpoint-url: cannot be combined with --connect-to; pick one");
  }
  const options: ApiCheckOptions = {
    region: apiRegion(values, env),
    host: valid("host", values.host),
    connectTo: emulator ?? connectTo(values["connect-to"]),
    plainHttp: emulator !== undefined,
    ca: values["ca-file"] === undefined ? undefined : readCaFile(values["ca-file"]),
    allowPublicAddresses: values["allow-public"] ?? false,
    connectTimeoutMs: seconds("--connect-timeout", values["connect-timeout"]),
    timeoutMs: seconds("--timeout", values.timeout),
  };
  return { ...flags, options };
}

/** True when argv asks for the API check (`smtp-check api …`). */
export function wantsApiCheck(argv: readonly string[]): boolean {
  return argv[0] === "api";
}

/** Turns argv and the environment into options; throws UsageError on any bad input. */
export function parseCli(argv: readonly string[], env: Env): CliRequest {
  const values = parseFlags(argv);
  const help = values.help ?? false;
  const flags = { help, json: values.json ?? false, verbose: values.verbose ?? false };
  if (help) return { ...flags, options: {} };
  const where = {
    ...target(values, env),
    ...port(values),
    connectTo: connectTo(values["connect-to"]),
    tlsName: valid("tls-name", values["tls-name"]),
  };
  const creds = credentials(values, env);
  const options: SmtpCheckOptions = {
    ...where,
    credentials: creds,
    message: message(values, creds !== undefined || where.secretId !== undefined),
    connectTimeoutMs: seconds("--connect-timeout", values["connect-timeout"]),
    smtpTimeoutMs: seconds("--smtp-timeout", values["smtp-timeout"]),
    ca: values["ca-file"] === undefined ? undefined : readCaFile(values["ca-file"]),
    allowPublicAddresses: values["allow-public"] ?? false,
  };
  return { ...flags, options };
}

/** True when argv asks for JSON, even if the rest of it does not parse. */
export function wantsJson(argv: readonly string[]): boolean {
  return argv.includes("--json");
}
