import { DESTINATION_TARGETS, HIGH_RESOLUTION_ALARM_PERIODS } from "./aws-facts";

/**
 * Why AWS would refuse a value, as pure functions that return a phrase completing "… must be"
 * (or "field …"), or undefined when the value is accepted: bucket names, client CIDRs, alarm
 * periods and windows, MAIL FROM domains, Firehose prefixes, event destination targets. The
 * configuration checks and the constructs share them. No cdktf here.
 */

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

/** Whether CloudWatch accepts `seconds` as an alarm period: 10, 20, 30 or a multiple of 60. */
export function isAlarmPeriod(seconds: number): boolean {
  return (
    (HIGH_RESOLUTION_ALARM_PERIODS as readonly number[]).includes(seconds) ||
    (Number.isInteger(seconds) && seconds > 0 && seconds % 60 === 0)
  );
}

/** A fraction as a percentage for messages and alarm descriptions: 0.0008 → "0.08%". */
export function percent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(6))}%`;
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

/** Why a destination's targets are not exactly one (completes "eventDestinations[i] …"). */
export function destinationTargetProblem(destination: object): string | undefined {
  const present = DESTINATION_TARGETS.filter(
    (t) => (destination as Record<string, unknown>)[t] !== undefined,
  );
  if (present.length === 1) return undefined;
  const has = present.length === 0 ? "none" : present.join(" and ");
  return `must have exactly one target (one of ${DESTINATION_TARGETS.join(", ")}); it has ${has}`;
}
