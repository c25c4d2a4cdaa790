import { Token } from "cdktf";
import { REGION_PATTERN } from "./ses-facts";

/**
 * The value rules AWS applies to the inputs of this project, in one place: the configuration
 * schema and the constructs' own constructor checks both use them, so they cannot drift apart.
 */

/** The 8 event types the SES v1 event destination API accepts. */
export const SES_EVENT_TYPES = [
  "send",
  "reject",
  "bounce",
  "complaint",
  "delivery",
  "open",
  "click",
  "renderingFailure",
] as const;
export type SesEventType = (typeof SES_EVENT_TYPES)[number];

/** Where CloudWatch takes a dimension's value from. */
export const DIMENSION_VALUE_SOURCES = ["messageTag", "emailHeader", "linkTag"] as const;
export type DimensionValueSource = (typeof DIMENSION_VALUE_SOURCES)[number];

/** TLS policy of a configuration set's delivery options. */
export const TLS_POLICIES = ["Require", "Optional"] as const;
export type TlsPolicy = (typeof TLS_POLICIES)[number];

/** Compression formats Kinesis Data Firehose offers for an S3 destination. */
export const FIREHOSE_COMPRESSION_FORMATS = [
  "GZIP",
  "UNCOMPRESSED",
  "ZIP",
  "Snappy",
  "HADOOP_SNAPPY",
] as const;
export type FirehoseCompressionFormat = (typeof FIREHOSE_COMPRESSION_FORMATS)[number];

/** Retention periods, in days, that CloudWatch Logs accepts (0 keeps events forever). */
export const LOG_RETENTION_DAYS = [
  0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
  3288, 3653,
] as const;

export { SMTP_PORTS, SmtpPort } from "./ses-facts";

/** Firehose buffering hints for an extended S3 destination. */
export const BUFFERING_INTERVAL_SECONDS = { min: 0, max: 900 } as const;
export const BUFFERING_SIZE_MB = { min: 1, max: 128 } as const;

/** SES allows at most 10 event destinations per configuration set. */
export const MAX_EVENT_DESTINATIONS = 10;

export interface Rule {
  readonly pattern: RegExp;
  /** What is allowed, as a phrase that completes "must be …". */
  readonly allowed: string;
}

const rule = (pattern: RegExp, allowed: string): Rule => ({ pattern, allowed });

export const RULES = {
  accountId: rule(/^\d{12}$/, "exactly 12 digits (quote it in YAML so leading zeros survive)"),
  accountName: rule(
    /^[a-z][a-z0-9-]{0,38}[a-z0-9]$|^[a-z]$/,
    "1-40 characters of lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen",
  ),
  region: rule(REGION_PATTERN, "an AWS region code such as us-east-1"),
  sesName: rule(
    /^[A-Za-z0-9_-]{1,64}$/,
    "1-64 characters of ASCII letters, digits, underscores and hyphens",
  ),
  dimensionName: rule(
    /^[A-Za-z0-9_-]{1,256}$/,
    "1-256 characters of ASCII letters, digits, underscores and hyphens",
  ),
  dimensionDefaultValue: rule(
    /^[A-Za-z0-9_.@-]{1,256}$/,
    "1-256 characters of ASCII letters, digits, underscores, hyphens, at signs and periods",
  ),
  roleArn: rule(
    /^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/,
    "an IAM role ARN such as arn:aws:iam::123456789012:role/terraform",
  ),
  kmsKeyArn: rule(
    /^arn:aws(-cn|-us-gov)?:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/,
    "a KMS key ARN such as arn:aws:kms:us-east-1:123456789012:key/<key id> (not an alias: IAM policies grant keys, not aliases)",
  ),
  snsTopicArn: rule(
    /^arn:aws(-cn|-us-gov)?:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/,
    "an SNS standard topic ARN such as arn:aws:sns:us-east-1:123456789012:ses-events",
  ),
  iamName: rule(/^[\w+=,.@-]{1,64}$/, "1-64 characters of letters, digits and + = , . @ _ -"),
  deliveryStreamName: rule(
    /^[a-zA-Z0-9_.-]{1,64}$/,
    "1-64 characters of letters, digits, underscores, hyphens and periods",
  ),
  logGroupName: rule(
    /^[.\-_/#A-Za-z0-9]{1,512}$/,
    "1-512 characters of letters, digits and . - _ / #",
  ),
  logStreamName: rule(/^[^:*]{1,512}$/, "1-512 characters without ':' or '*'"),
  s3Prefix: rule(
    /^(?!\/)[A-Za-z0-9!_.*'()/{}:=+-]{0,1024}$/,
    "an S3 key prefix of safe characters that does not start with '/'",
  ),
  domainName: rule(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    "a lowercase domain name such as example.com",
  ),
} as const satisfies Record<string, Rule>;

/** S3 bucket naming rules beyond the character pattern. */
export function bucketNameProblem(name: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name)) {
    return "3-63 characters of lowercase letters, digits, periods and hyphens, starting and ending with a letter or digit";
  }
  if (name.includes("..")) return "a bucket name without two adjacent periods";
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name))
    return "a bucket name that is not formatted as an IP address";
  if (
    /^(xn--|sthree-|amzn-s3-demo-)/.test(name) ||
    /(-s3alias|--ol-s3|\.mrap|--x-s3)$/.test(name)
  ) {
    return "a bucket name without a prefix or suffix that S3 reserves (xn--, sthree-, -s3alias, --ol-s3, .mrap, --x-s3)";
  }
  return undefined;
}

/** Messages echo at most this many characters of a value; longer ones are described instead. */
export const MAX_SHOWN_CHARACTERS = 100;

/**
 * Renders a value for an error message: strings quoted, numbers YAML's way (`.nan`, `.inf`),
 * everything else as JSON; a value longer than MAX_SHOWN_CHARACTERS by its start and length.
 */
export function show(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "number" && !Number.isFinite(value))
    return Number.isNaN(value) ? ".nan" : `${value < 0 ? "-" : ""}.inf`;
  const text = JSON.stringify(value) ?? String(value);
  if (text.length <= MAX_SHOWN_CHARACTERS) return text;
  if (typeof value === "string")
    return `${JSON.stringify(value.slice(0, 60))}… (${value.length} characters)`;
  return Array.isArray(value)
    ? `a list of ${value.length}`
    : `an object of ${Object.keys(value as object).length} keys`;
}

/**
 * Throws when a plain (non-token) value breaks a rule; used by constructor checks.
 * The message names the field, the value and what is allowed, in one sentence.
 */
export function check(field: string, value: string | undefined, r: Rule): void {
  if (value === undefined || isToken(value)) return;
  if (!r.pattern.test(value)) throw new Error(`${field} must be ${r.allowed}; got ${show(value)}.`);
}

/** True for a cdktf token (an unresolved reference), which constructor checks must skip. */
export function isToken(value: unknown): boolean {
  return Token.isUnresolved(value);
}

/** Drops keys whose value is undefined, so spreading them does not erase defaults. */
export function definedOnly<T extends object>(props: T): T {
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined)) as T;
}

/** Throws unless `value` is a whole number within `range`. */
export function inRange(field: string, value: number, range: { min: number; max: number }): void {
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new Error(
      `${field} must be a whole number from ${range.min} to ${range.max}; got ${show(value)}.`,
    );
  }
}

/** Throws unless `value` is one of `allowed` (undefined passes: the field is optional). */
export function checkOneOf<T>(field: string, value: T | undefined, allowed: readonly T[]): void {
  if (value !== undefined && !allowed.includes(value)) {
    throw new Error(`${field} must be one of ${allowed.join(", ")}; got ${show(value)}.`);
  }
}

/** AWS's default quotas that bound the shared SMTP endpoint; each can be raised per account. */
export const DEFAULT_QUOTAS = {
  /** Inbound rules per VPC security group (VPC quota L-0EA8095F). */
  inboundRulesPerSecurityGroup: 60,
  /** Security groups per network interface (VPC quota L-2AFB9258). */
  securityGroupsPerNetworkInterface: 5,
  /** VPCs associated with one private hosted zone (Route 53 limit, raised by support case). */
  vpcAssociationsPerHostedZone: 300,
} as const;

/** An IPv4 CIDR block as numbers, for overlap checks. */
export interface Ipv4Block {
  readonly text: string;
  readonly first: number;
  readonly last: number;
}

/** Parses `a.b.c.d/n`; undefined when it is not a canonical IPv4 CIDR block. */
export function parseIpv4Cidr(text: string): Ipv4Block | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const bits = Number(match[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - bits);
  if (address % size !== 0) return undefined; // host bits set: not the block's own address
  return { text, first: address, last: address + size - 1 };
}

const IPV4_CIDR_EXAMPLE =
  "an IPv4 CIDR block whose address has no host bits set, such as 10.1.0.0/16";

/**
 * Why a CIDR cannot be an SMTP client block, or undefined when it can; a block written in another
 * form (leading zeros, host bits, no prefix length) is answered with the form to write instead.
 */
export function clientCidrProblem(text: string): string | undefined {
  if (text.includes(":")) {
    return `${IPV4_CIDR_EXAMPLE} (IPv6 is not supported: the security group rules of the shared endpoint are IPv4, so list the VPC's IPv4 CIDR)`;
  }
  const canonical = canonicalIpv4Cidr(text);
  if (canonical === undefined) return IPV4_CIDR_EXAMPLE;
  if (!text.includes("/"))
    return `a CIDR block with its prefix length: write ${canonical} for this one address`;
  if (canonical !== text) {
    const why = parseIpv4Cidr(text.replace(/\b0+(\d)/g, "$1"))
      ? "without leading zeros, which some tools read as octal"
      : "with the block's own address (no host bits set)";
    return `an IPv4 CIDR block written ${why}: write ${canonical}`;
  }
  const block = parseIpv4Cidr(text)!;
  if (block.last - block.first + 1 > 2 ** 24) {
    return "a CIDR block of /8 or narrower (0.0.0.0/0 and other internet-wide ranges are never allowed)";
  }
  return undefined;
}

/** `a.b.c.d/n` as AWS writes it (no leading zeros, host bits cleared, /32 when missing), or undefined. */
function canonicalIpv4Cidr(text: string): string | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,3}))?$/.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const bits = match[5] === undefined ? 32 : Number(match[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  const size = 2 ** (32 - bits);
  let network = octets.reduce((acc, o) => acc * 256 + o, 0);
  network -= network % size;
  const dotted = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join(".");
  return `${dotted}/${bits}`;
}

export const ID_RULES = {
  vpcId: rule(/^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/, "a VPC id such as vpc-0123456789abcdef0"),
  subnetId: rule(
    /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/,
    "a subnet id such as subnet-0123456789abcdef0",
  ),
} as const;

/** Throws when a name repeats: names key construct ids, so they must be unique. */
export function checkUnique(field: string, names: readonly string[], where: string): void {
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated !== undefined)
    throw new Error(`${field} must be unique ${where}; got ${show(repeated)} twice.`);
}

/** DMARC policies a domain can publish (`p=`). */
export const DMARC_POLICIES = ["none", "quarantine", "reject"] as const;
export type DmarcPolicy = (typeof DMARC_POLICIES)[number];

/** Rules of the sending side: identity DNS, SMTP credentials and reputation alarms. */
export const SENDING_RULES = {
  emailAddress: rule(
    /^[A-Za-z0-9._%+-]+@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/,
    "an email address such as ops@example.com",
  ),
  fromAddress: rule(
    /^[A-Za-z0-9._%+*?-]+@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/,
    "an email address, or one with * and ? in the local part, such as noreply@example.com or *@example.com",
  ),
  publicZoneId: rule(
    /^Z[A-Z0-9]{1,32}$/,
    "a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ",
  ),
  /** IAM user, group and secret names at once: IAM's characters without the comma Secrets Manager rejects. */
  smtpName: rule(/^[\w+=.@-]{1,64}$/, "1-64 characters of letters, digits and + = . @ _ -"),
  snsTopicName: rule(
    /^[A-Za-z0-9_-]{1,256}$/,
    "1-256 characters of ASCII letters, digits, underscores and hyphens",
  ),
  iamPolicyArn: rule(
    /^arn:aws(-cn|-us-gov)?:iam::(\d{12}|aws):policy\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,128}$/,
    "an IAM managed policy ARN such as arn:aws:iam::123456789012:policy/ses-smtp-boundary",
  ),
  rotation: rule(
    /^[A-Za-z0-9._:-]{1,64}$/,
    "1-64 characters of letters, digits and . _ : - naming the rotation, such as 2026-11",
  ),
} as const satisfies Record<string, Rule>;

/** IAM user names are at most 64 characters. */
export const MAX_IAM_USER_NAME_LENGTH = 64;

/** Sub-minute alarm periods, which CloudWatch takes besides multiples of 60 (high-resolution alarms). */
export const HIGH_RESOLUTION_ALARM_PERIODS = [10, 20, 30] as const;

/** Whether CloudWatch accepts `seconds` as an alarm period: 10, 20, 30 or a multiple of 60. */
export function isAlarmPeriod(seconds: number): boolean {
  return (
    (HIGH_RESOLUTION_ALARM_PERIODS as readonly number[]).includes(seconds) ||
    (Number.isInteger(seconds) && seconds > 0 && seconds % 60 === 0)
  );
}

/** The longest window (period × evaluation periods) CloudWatch evaluates: 1 day below an hourly period, else 7. */
export function maxAlarmWindowSeconds(periodSeconds: number): number {
  return periodSeconds < 3600 ? 86_400 : 604_800;
}

/** Why `mailFrom` cannot be the MAIL FROM domain of `domain` (completes "mailFromDomain …"). */
export function mailFromProblem(domain: string, mailFrom: string): string | undefined {
  if (mailFrom.endsWith(`.${domain}`)) return undefined;
  return `must be a subdomain of ${domain} such as mail.${domain}`;
}

/**
 * Why CloudWatch would refuse `evaluationPeriods` at a period (completes "evaluationPeriods …"),
 * or undefined; `periodLabel` names the period's field in the message.
 */
export function alarmWindowProblem(
  periodSeconds: number,
  evaluationPeriods: number,
  periodLabel: string,
): string | undefined {
  const window = maxAlarmWindowSeconds(periodSeconds);
  const most = Math.floor(window / periodSeconds);
  if (Number.isInteger(evaluationPeriods) && evaluationPeriods >= 1 && evaluationPeriods <= most) {
    return undefined;
  }
  return `must be a whole number from 1 to ${most} with ${periodLabel} ${periodSeconds} (CloudWatch evaluates at most ${window} seconds at that period)`;
}

/** Firehose's expressions, as its guide "Custom prefixes for Amazon S3 objects" lists them. */
const FIREHOSE_EXPRESSIONS =
  "!{timestamp:<DateTimeFormatter pattern>}, !{firehose:random-string} and, in errorOutputPrefix only, !{firehose:error-output-type}";

/** The default error prefix of the Firehose stream. */
export const DEFAULT_ERROR_OUTPUT_PREFIX = "ses-errors/!{firehose:error-output-type}/";

/**
 * Why Firehose would refuse an S3 prefix (`prefix`) or error prefix (`errorOutputPrefix`) of an
 * extended S3 destination without dynamic partitioning (completes "prefix …"), or undefined.
 */
export function firehosePrefixProblem(
  value: string,
  field: "prefix" | "errorOutputPrefix",
): string | undefined {
  if (field === "errorOutputPrefix" && value === "") {
    return `must not be empty: Firehose writes the records it failed to deliver under it, and requires it when the prefix uses expressions (leave it out for ${DEFAULT_ERROR_OUTPUT_PREFIX})`;
  }
  const expressions: string[] = [];
  const rest = value.replace(/!\{([^{}]*)\}/g, (_, expression: string) => {
    expressions.push(expression);
    return "";
  });
  if (rest.includes("!{"))
    return `must close every !{ with } (Firehose's expressions are ${FIREHOSE_EXPRESSIONS})`;
  for (const expression of expressions) {
    const problem = firehoseExpressionProblem(expression, field);
    if (problem) return problem;
  }
  if (
    field === "errorOutputPrefix" &&
    expressions.length > 0 &&
    !expressions.includes("firehose:error-output-type")
  ) {
    return "must include !{firehose:error-output-type} when it uses expressions (Firehose's rule for error prefixes)";
  }
  return undefined;
}

function firehoseExpressionProblem(expression: string, field: string): string | undefined {
  if (expression === "firehose:random-string" || /^timestamp:.+$/.test(expression))
    return undefined;
  if (expression === "firehose:error-output-type") {
    return field === "prefix"
      ? "must not use !{firehose:error-output-type}: Firehose allows it only in errorOutputPrefix"
      : undefined;
  }
  if (/^partitionKeyFrom(Query|Lambda):/.test(expression)) {
    return `must not use !{${expression}}: partition keys need dynamic partitioning, which this project does not enable`;
  }
  return `must use only Firehose's expressions ${FIREHOSE_EXPRESSIONS}; !{${expression}} is not one`;
}

/** Easy DKIM's CNAMEs are `<32-character token>._domainkey.<domain>`. */
const DKIM_RECORD_OVERHEAD = "._domainkey.".length + 32;

/** The longest domain whose derived names (DKIM, `_dmarc.`, `mail.`) fit DNS's 253 characters. */
export const MAX_IDENTITY_DOMAIN_LENGTH = 253 - DKIM_RECORD_OVERHEAD;

/** The targets an SES event destination can have; exactly one must be set. */
export const DESTINATION_TARGETS = ["cloudwatch", "firehose", "sns"] as const;

/** Why a destination's targets are not exactly one (completes "eventDestinations[i] …"). */
export function destinationTargetProblem(destination: object): string | undefined {
  const present = DESTINATION_TARGETS.filter(
    (t) => (destination as Record<string, unknown>)[t] !== undefined,
  );
  if (present.length === 1) return undefined;
  const has = present.length === 0 ? "none" : present.join(" and ");
  return `must have exactly one target (one of ${DESTINATION_TARGETS.join(", ")}); it has ${has}`;
}
