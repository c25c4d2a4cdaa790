import {
  DEFAULT_QUOTAS,
  DimensionValueSource,
  ScalingMode,
  SmtpPort,
  VdmSwitch,
} from "./aws-facts";
import { DEFAULT_SMTP_PORT } from "./ses-facts";
import { DEFAULT_ERROR_OUTPUT_PREFIX } from "./value-problems";

/**
 * The constructs' defaults and default names, without cdktf: each construct re-exports its own
 * (checked against its props with `satisfies` there), and the configuration schema and checks
 * import them from here, so that loading the configuration does not load cdktf and the provider.
 */

/**
 * Defaults of EventArchiveBucket's optional props (`accessLogTargetPrefix`: of
 * `accessLogging.targetPrefix`).
 */
export const EVENT_ARCHIVE_BUCKET_DEFAULTS = {
  expirationDays: 365,
  noncurrentVersionExpirationDays: 30,
  forceDestroy: false,
  accessLogTargetPrefix: "ses-events/",
} as const;

/**
 * Defaults of FirehoseEventStream's optional props (the classic tutorial's names). Log retention
 * is one year, the least checkov CKV_AWS_338 accepts.
 */
export const FIREHOSE_EVENT_STREAM_DEFAULTS = {
  deliveryStreamName: "tf-delivery-stream",
  roleName: "tf-firehose-role",
  prefix: "ses/",
  errorOutputPrefix: DEFAULT_ERROR_OUTPUT_PREFIX,
  bufferingIntervalSeconds: 60,
  bufferingSizeMb: 5,
  compression: "GZIP",
  logGroupName: "/aws/kinesisfirehose/tf-firehose-log-group",
  logStreamName: "tf-firehose-log-stream",
  logRetentionDays: 365,
} as const;

/** Defaults of a configuration set's optional props (SesConfigurationSet). */
export const CONFIGURATION_SET_DEFAULTS = {
  reputationMetricsEnabled: true,
  sendingEnabled: true,
  tlsPolicy: "Require",
} as const;

/** Defaults of an event destination (and of a CloudWatch dimension's `valueSource`). */
export const EVENT_DESTINATION_DEFAULTS = {
  enabled: true,
  valueSource: "messageTag",
} as const satisfies { enabled: boolean; valueSource: DimensionValueSource };

/** Defaults of a v2 configuration set's own optional props (SesV2ConfigurationSet). */
export const SESV2_CONFIGURATION_SET_DEFAULTS = {
  httpsPolicy: "OPTIONAL",
  fromV1: false,
} as const;

/** The set options only the v2 API has: a v1 set is refused them (config and construct checks). */
export const SESV2_ONLY_OPTIONS = [
  "fromV1",
  "maxDeliverySeconds",
  "sendingPoolName",
  "suppressedReasons",
  "httpsPolicy",
  "vdm",
] as const;

/** Defaults of SesEventTable's optional props. */
export const EVENT_TABLE_DEFAULTS = {
  databaseName: "ses_events",
  projectionDays: 365,
} as const;

/** Defaults of SesEventQueries' optional props. */
export const EVENT_QUERIES_DEFAULTS = {
  workgroupName: "ses-events",
  resultPrefix: "athena-results/",
  bytesScannedCutoffPerQuery: 1_073_741_824,
} as const;

/** Defaults of EventLakeOptions not owned by the table or the queries. */
export const EVENT_LAKE_DEFAULTS = {
  resultExpirationDays: 30,
  databaseName: EVENT_TABLE_DEFAULTS.databaseName,
} as const;

/** Defaults of SesEventPublishing's optional props. */
export const EVENT_PUBLISHING_DEFAULTS = {
  sesRoleName: "tf-ses-role",
  iamPropagationSeconds: 20,
} as const;

/** The event bucket's name when none is given: `ses-events-<accountId>-<region>`. */
export function defaultEventBucketName(accountId: string, region: string): string {
  return `ses-events-${accountId}-${region}`;
}

/** Defaults of SesAccountSettings' optional props. */
export const ACCOUNT_SETTINGS_DEFAULTS = {
  vdmEnabled: "ENABLED",
  scalingMode: "STANDARD",
} as const satisfies { vdmEnabled: VdmSwitch; scalingMode: ScalingMode };

/** Defaults of SesReputationAlarms' optional props. */
export const REPUTATION_ALARMS_DEFAULTS = {
  topicName: "ses-reputation-alarms",
  emailSubscriptions: [],
  bounceRateThreshold: 0.04,
  complaintRateThreshold: 0.0008,
  periodSeconds: 3600,
  evaluationPeriods: 1,
} as const;

/**
 * Defaults of SesSmtpCredentials' optional props: the prefix of SMTP users and groups
 * (`ses-smtp-<app>`) and secrets (`ses-smtp/<app>`), and an application's `allowSendEmail`.
 */
export const SMTP_CREDENTIALS_DEFAULTS = {
  namePrefix: "ses-smtp",
  allowSendEmail: false,
} as const;

/** The names an application's credentials take: IAM user and group `<prefix>-<app>`, secret `<prefix>/<app>`. */
export function smtpCredentialNames(
  app: string,
  prefix: string = SMTP_CREDENTIALS_DEFAULTS.namePrefix,
): { readonly userName: string; readonly groupName: string; readonly secretName: string } {
  return {
    userName: `${prefix}-${app}`,
    groupName: `${prefix}-${app}`,
    secretName: `${prefix}/${app}`,
  };
}

/** Defaults of SmtpEndpoint's optional props: port 587 and AWS's default quotas. */
export const SMTP_ENDPOINT_DEFAULTS = {
  ports: [DEFAULT_SMTP_PORT] as readonly SmtpPort[],
  quotas: DEFAULT_QUOTAS,
} as const;
