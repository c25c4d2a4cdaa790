import { REGION_PATTERN } from "./ses-facts";

/**
 * What AWS accepts, as data: the enumerations, limits, quotas and name patterns of the services
 * this project configures. The configuration schema and the constructs' constructor checks both
 * use them, so they cannot drift apart. No cdktf here.
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

/** The 2 event types only the SESv2 API accepts (a v2 configuration set takes all 10). */
export const SES_V2_ONLY_EVENT_TYPES = ["deliveryDelay", "subscription"] as const;
export const SES_V2_EVENT_TYPES = [...SES_EVENT_TYPES, ...SES_V2_ONLY_EVENT_TYPES] as const;
export type SesV2EventType = (typeof SES_V2_EVENT_TYPES)[number];

/** The SES APIs a configuration set can be managed with. */
export const SES_APIS = ["v1", "v2"] as const;
export type SesApi = (typeof SES_APIS)[number];

/** The reasons SES's suppression list (account-wide or per set) can add an address for. */
export const SUPPRESSION_REASONS = ["BOUNCE", "COMPLAINT"] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/** How a v2 configuration set's open and click links use HTTPS on the custom redirect domain. */
export const HTTPS_POLICIES = ["REQUIRE", "REQUIRE_OPEN_ONLY", "OPTIONAL"] as const;
export type HttpsPolicy = (typeof HTTPS_POLICIES)[number];

/** A Virtual Deliverability Manager switch (`ENABLED` or `DISABLED`). */
export const VDM_SWITCH = ["ENABLED", "DISABLED"] as const;
export type VdmSwitch = (typeof VDM_SWITCH)[number];

/** How SES scales a dedicated IP pool: `MANAGED` (SES leases and warms IPs) or `STANDARD`. */
export const SCALING_MODES = ["STANDARD", "MANAGED"] as const;
export type ScalingMode = (typeof SCALING_MODES)[number];

/** SESv2 MaxDeliverySeconds: how long SES keeps trying to deliver a message (5 minutes to 14 hours). */
export const MAX_DELIVERY_SECONDS = { min: 300, max: 50400 } as const;

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

/**
 * Record format conversion (JSON to Parquet): Firehose takes an S3 destination with compression
 * `UNCOMPRESSED` only (the Parquet SerDe compresses inside the file) and a buffer of at least
 * 64 MiB.
 */
export const FORMAT_CONVERSION = {
  compression: "UNCOMPRESSED",
  minBufferingSizeMb: 64,
} as const satisfies { compression: FirehoseCompressionFormat; minBufferingSizeMb: number };

/** Why, in the refusals of the construct and of the configuration checks. */
export const PARQUET_COMPRESSION_REASON =
  "Firehose compresses Parquet inside the file, with SNAPPY, and takes no S3 compression with format conversion";
export const PARQUET_BUFFER_REASON = "Firehose's smallest buffer with record format conversion";

/** SES allows at most 10 event destinations per configuration set. */
export const MAX_EVENT_DESTINATIONS = 10;

export interface Rule {
  readonly pattern: RegExp;
  /** What is allowed, as a phrase that completes "must be …". */
  readonly allowed: string;
}

const rule = (pattern: RegExp, allowed: string): Rule => ({ pattern, allowed });

/**
 * A lookahead refusing `.` and `..` segments: a key or prefix that becomes a path (a state file's
 * key, S3 object keys) must mean what it says, not climb to another prefix (`ses/../prod`).
 */
const NO_DOT_SEGMENT = "(?!(?:.*/)?\\.{1,2}(?:/|$))";

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
    new RegExp(`^(?!/)${NO_DOT_SEGMENT}[A-Za-z0-9!_.*'()/{}:=+-]{0,1024}$`),
    "an S3 key prefix of safe characters that does not start with '/' and has no '.' or '..' segment",
  ),
  stateKeyPrefix: rule(
    new RegExp(`^(?!/)(?!.*//)${NO_DOT_SEGMENT}[A-Za-z0-9!_.*'()/=+-]{1,900}$`),
    "a non-empty S3 key prefix without a leading slash, '//', or a '.' or '..' segment, such as ses/prod",
  ),
  domainName: rule(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    "a lowercase domain name such as example.com",
  ),
} as const satisfies Record<string, Rule>;

/** AWS's default quotas that bound the shared SMTP endpoint; each can be raised per account. */
export const DEFAULT_QUOTAS = {
  /** Inbound rules per VPC security group (VPC quota L-0EA8095F). */
  inboundRulesPerSecurityGroup: 60,
  /** Security groups per network interface (VPC quota L-2AFB9258). */
  securityGroupsPerNetworkInterface: 5,
  /** VPCs associated with one private hosted zone (Route 53 limit, raised by support case). */
  vpcAssociationsPerHostedZone: 300,
} as const;

export const ID_RULES = {
  vpcId: rule(/^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/, "a VPC id such as vpc-0123456789abcdef0"),
  subnetId: rule(
    /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/,
    "a subnet id such as subnet-0123456789abcdef0",
  ),
  securityGroupName: rule(
    /^(?!sg-)[\w .\-:/()#,@[\]+=&;{}!$*]{1,255}$/,
    "1-255 characters of letters, digits, spaces and . _ - : / ( ) # , @ [ ] + = & ; { } ! $ *, not starting with sg-",
  ),
  securityGroupDescription: rule(
    /^[\w .\-:/()#,@[\]+=&;{}!$*]{0,255}$/,
    "up to 255 characters of letters, digits, spaces and . _ - : / ( ) # , @ [ ] + = & ; { } ! $ *",
  ),
} as const;

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

/** Easy DKIM's CNAMEs are `<32-character token>._domainkey.<domain>`. */
const DKIM_RECORD_OVERHEAD = "._domainkey.".length + 32;

/** The longest domain whose derived names (DKIM, `_dmarc.`, `mail.`) fit DNS's 253 characters. */
export const MAX_IDENTITY_DOMAIN_LENGTH = 253 - DKIM_RECORD_OVERHEAD;

/** The targets an SES event destination can have; exactly one must be set. */
export const DESTINATION_TARGETS = ["cloudwatch", "firehose", "sns", "eventBridge"] as const;

/** The targets only the SESv2 API offers. */
export const SES_V2_ONLY_TARGETS = ["eventBridge"] as const;

/** A KMS key id: a UUID, or a multi-Region key's `mrk-` and 32 hex digits. */
const KMS_KEY_ID =
  "(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})";

/** An IAM path and name: `/`-separated segments, none empty, the name last. */
const iamPathAndName = (nameLength: number) => `(?:[\\w+=,.@-]+/)*[\\w+=,.@-]{1,${nameLength}}`;

/**
 * The resource part of an ARN by service and resource type (the text before the first `/`, or ""
 * for services whose resource is a bare name), as AWS shapes it. Every ARN in the configuration
 * is checked against the shape of its type (raw-checks.ts), whatever field it is in.
 */
export const ARN_RESOURCE_SHAPES: Record<string, Record<string, Rule>> = {
  kms: {
    key: rule(
      new RegExp(`^key/${KMS_KEY_ID}$`),
      "key/ followed by a key id: a UUID such as 1234abcd-12ab-34cd-56ef-1234567890ab or a multi-Region id mrk- and 32 hex digits (an alias name is not a key id)",
    ),
  },
  iam: {
    role: rule(
      new RegExp(`^role/${iamPathAndName(64)}$`),
      "role/ followed by an optional path and a role name of 1-64 characters, with no empty segment (such as role/terraform or role/ops/terraform)",
    ),
    policy: rule(
      new RegExp(`^policy/${iamPathAndName(128)}$`),
      "policy/ followed by an optional path and a policy name of 1-128 characters, with no empty segment",
    ),
  },
  firehose: {
    deliverystream: rule(
      /^deliverystream\/[a-zA-Z0-9_.-]{1,64}$/,
      "deliverystream/ followed by a stream name of 1-64 letters, digits, underscores, hyphens and periods",
    ),
  },
  s3: {
    "": rule(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      "a bucket name of 3-63 lowercase letters, digits, periods and hyphens (arn:aws:s3:::<bucket>)",
    ),
  },
  events: {
    "event-bus": rule(
      /^event-bus\/default$/,
      "event-bus/default (SES publishes to the account's default event bus only)",
    ),
  },
  sns: {
    "": rule(
      /^[A-Za-z0-9_-]{1,256}(\.fifo)?$/,
      "a topic name of 1-256 ASCII letters, digits, underscores and hyphens",
    ),
  },
};

/** Names of the Glue, Athena and CloudWatch dashboard resources of the event lake. */
export const EVENT_LAKE_RULES = {
  databaseName: rule(
    /^[a-z0-9_]{1,255}$/,
    "1-255 characters of lowercase letters, digits and underscores (Athena's rule for database names)",
  ),
  workgroupName: rule(
    /^[A-Za-z0-9._-]{1,128}$/,
    "1-128 characters of letters, digits, periods, underscores and hyphens",
  ),
  dashboardName: rule(
    /^[A-Za-z0-9_-]{1,255}$/,
    "1-255 characters of letters, digits, underscores and hyphens",
  ),
} as const;

/** Athena's smallest per-query data usage control: 10 MB. */
export const ATHENA_MIN_BYTES_SCANNED_CUTOFF = 10_485_760;
