import { z } from "zod";
import {
  BUFFERING_INTERVAL_SECONDS,
  BUFFERING_SIZE_MB,
  DIMENSION_VALUE_SOURCES,
  FIREHOSE_COMPRESSION_FORMATS,
  LOG_RETENTION_DAYS,
  MAX_EVENT_DESTINATIONS,
  RULES,
  Rule,
  SES_EVENT_TYPES,
  TLS_POLICIES,
  ID_RULES,
  SMTP_PORTS,
  DMARC_POLICIES,
  MAX_IAM_USER_NAME_LENGTH,
  MAX_IDENTITY_DOMAIN_LENGTH,
  SENDING_RULES,
  EVENT_LAKE_RULES,
  ATHENA_MIN_BYTES_SCANNED_CUTOFF,
  ARN_RESOURCE_SHAPES,
  HTTPS_POLICIES,
  MAX_DELIVERY_SECONDS,
  SCALING_MODES,
  SES_APIS,
  SES_V2_EVENT_TYPES,
  SUPPRESSION_REASONS,
  VDM_SWITCH,
} from "../private/aws-facts";
import {
  bucketNameProblem,
  clientCidrProblem,
  firehosePrefixProblem,
  isAlarmPeriod,
  percent,
} from "../private/value-problems";
import { SES_API_PORT, SES_REVIEW_RATES } from "../private/ses-facts";
import {
  EVENT_ARCHIVE_BUCKET_DEFAULTS,
  FIREHOSE_EVENT_STREAM_DEFAULTS,
  CONFIGURATION_SET_DEFAULTS,
  EVENT_DESTINATION_DEFAULTS,
  EVENT_LAKE_DEFAULTS,
  EVENT_PUBLISHING_DEFAULTS,
  EVENT_QUERIES_DEFAULTS,
  ACCOUNT_SETTINGS_DEFAULTS,
  SESV2_CONFIGURATION_SET_DEFAULTS,
  REPUTATION_ALARMS_DEFAULTS,
  SMTP_CREDENTIALS_DEFAULTS,
  SMTP_ENDPOINT_DEFAULTS,
} from "../private/construct-defaults";
import { crossChecks } from "./cross-checks";
import { accountAdopt, apiEndpointAdopt, existingSecurityGroups, hubAdopt } from "./adopt-schema";

/** Defaults live with their constructs; these two are used field by field below. */
const stream = FIREHOSE_EVENT_STREAM_DEFAULTS;
const alarms = REPUTATION_ALARMS_DEFAULTS;

/** A string that must match one of the shared rules; the message says what is allowed. */
const matching = (r: Rule) => z.string().regex(r.pattern, { message: `must be ${r.allowed}` });

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { message: `must be one of ${values.join(", ")}` });

const integer = (min: number, max: number, unit: string) =>
  z
    .number({ message: `must be a whole number of ${unit} from ${min} to ${max}` })
    .int({ message: `must be a whole number of ${unit} from ${min} to ${max}` })
    .min(min, { message: `must be a whole number of ${unit} from ${min} to ${max}` })
    .max(max, { message: `must be a whole number of ${unit} from ${min} to ${max}` });

/**
 * An account id written as a YAML number loses its leading zeros: the message shows the 12-digit
 * form to quote.
 */
const accountId = z
  .string({
    error: (issue) =>
      typeof issue.input === "number" ? accountIdNumberMessage(issue.input) : undefined,
  })
  .regex(RULES.accountId.pattern, { message: `must be ${RULES.accountId.allowed}` });

function accountIdNumberMessage(id: number): string {
  const digits = Number.isInteger(id) && id >= 0 && id < 1e12 ? String(id).padStart(12, "0") : "";
  return digits
    ? `must be 12 digits in quotes (unquoted, YAML reads a number and drops leading zeros): write "${digits}" if that is the account`
    : `must be 12 digits in quotes, such as "123456789012"`;
}

const bucketName = z.string().superRefine((name, ctx) => {
  const problem = bucketNameProblem(name);
  if (problem) ctx.addIssue({ code: "custom", message: `must be ${problem}` });
});

const tags = z.record(
  z
    .string()
    .regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u, {
      message: "must be a tag key of 1-128 characters",
    })
    .refine((key) => !key.toLowerCase().startsWith("aws:"), {
      message: "must not start with aws: (AWS reserves that prefix)",
    }),
  z.string().regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u, {
    message: "must be a tag value of at most 256 characters",
  }),
);

const cloudWatchDimension = z.strictObject({
  /** Dimension name, for example `campaign`. */
  name: matching(RULES.dimensionName),
  /** Value used when a message does not carry the tag, header or link tag. */
  defaultValue: matching(RULES.dimensionDefaultValue),
  /** Where the value comes from. */
  valueSource: oneOf(DIMENSION_VALUE_SOURCES).default(EVENT_DESTINATION_DEFAULTS.valueSource),
});

const eventDestination = z.strictObject({
  name: matching(RULES.sesName),
  enabled: z.boolean().default(EVENT_DESTINATION_DEFAULTS.enabled),
  matchingTypes: z
    .array(oneOf(SES_V2_EVENT_TYPES))
    .min(1, { message: `must list at least one of ${SES_EVENT_TYPES.join(", ")}` }),
  cloudwatch: z
    .strictObject({
      dimensions: z
        .array(cloudWatchDimension)
        .min(1, { message: "must list at least one dimension" }),
    })
    .optional(),
  firehose: z.strictObject({}).optional(),
  sns: z.strictObject({ topicArn: matching(RULES.snsTopicArn) }).optional(),
  /** v2 sets only: the account's default event bus (`{}`). */
  eventBridge: z
    .strictObject({
      eventBusArn: z
        .string()
        .regex(/^arn:aws(-cn|-us-gov)?:events:[a-z0-9-]+:\d{12}:event-bus\/default$/, {
          message: `must be the ARN of the account's default event bus, ${ARN_RESOURCE_SHAPES.events["event-bus"].allowed}`,
        })
        .optional(),
    })
    .optional(),
});

/** The suppression list reasons, `[]` for none. */
const suppressedReasons = z.array(oneOf(SUPPRESSION_REASONS));

/** v2 options of a configuration set; cross-checks refuse them on a v1 set. */
const configurationSetV2Options = {
  /** `v2` manages the set with the SESv2 API (all ten event types, EventBridge, the options below). */
  api: oneOf(SES_APIS).default("v1"),
  /** The set exists, made by this stack's v1 resources: adopt it (imports and forgets, no re-create). */
  fromV1: z.boolean().default(SESV2_CONFIGURATION_SET_DEFAULTS.fromV1),
  maxDeliverySeconds: integer(
    MAX_DELIVERY_SECONDS.min,
    MAX_DELIVERY_SECONDS.max,
    "seconds",
  ).optional(),
  sendingPoolName: matching(RULES.sesName).optional(),
  suppressedReasons: suppressedReasons.optional(),
  httpsPolicy: oneOf(HTTPS_POLICIES).optional(),
  vdm: z
    .strictObject({
      engagementMetrics: oneOf(VDM_SWITCH).optional(),
      optimizedSharedDelivery: oneOf(VDM_SWITCH).optional(),
    })
    .optional(),
};

/** Account-wide SESv2 settings: the suppression list, VDM, dedicated IP pools. */
const accountSettings = z.strictObject({
  suppressedReasons: suppressedReasons.optional(),
  vdm: z
    .strictObject({
      enabled: oneOf(VDM_SWITCH).default(ACCOUNT_SETTINGS_DEFAULTS.vdmEnabled),
      engagementMetrics: oneOf(VDM_SWITCH).optional(),
      optimizedSharedDelivery: oneOf(VDM_SWITCH).optional(),
    })
    .optional(),
  dedicatedIpPools: z
    .array(
      z.strictObject({
        name: matching(RULES.sesName),
        scalingMode: oneOf(SCALING_MODES).default(ACCOUNT_SETTINGS_DEFAULTS.scalingMode),
      }),
    )
    .default([]),
});

const configurationSet = z.strictObject({
  name: matching(RULES.sesName),
  reputationMetricsEnabled: z
    .boolean()
    .default(CONFIGURATION_SET_DEFAULTS.reputationMetricsEnabled),
  sendingEnabled: z.boolean().default(CONFIGURATION_SET_DEFAULTS.sendingEnabled),
  tlsPolicy: oneOf(TLS_POLICIES).default(CONFIGURATION_SET_DEFAULTS.tlsPolicy),
  customRedirectDomain: matching(RULES.domainName).optional(),
  eventDestinations: z
    .array(eventDestination)
    .max(MAX_EVENT_DESTINATIONS, {
      message: `must list at most ${MAX_EVENT_DESTINATIONS} event destinations (SES's limit per configuration set)`,
    })
    .default([]),
  ...configurationSetV2Options,
});

function checkFirehosePrefixes(
  stream: { prefix: string; errorOutputPrefix: string },
  ctx: z.RefinementCtx,
): void {
  for (const field of ["prefix", "errorOutputPrefix"] as const) {
    const message = firehosePrefixProblem(stream[field], field);
    if (message) ctx.addIssue({ code: "custom", path: [field], input: stream[field], message });
  }
}

const bytesScannedCutoff = `must be a whole number of bytes of at least ${ATHENA_MIN_BYTES_SCANNED_CUTOFF} (Athena's minimum per-query limit, 10 MB)`;

/** The event table, Athena workgroup and named queries (docs/event-lake.md). */
const eventLake = z.strictObject({
  databaseName: matching(EVENT_LAKE_RULES.databaseName).default(EVENT_LAKE_DEFAULTS.databaseName),
  workgroupName: matching(EVENT_LAKE_RULES.workgroupName).default(
    EVENT_QUERIES_DEFAULTS.workgroupName,
  ),
  resultPrefix: matching(RULES.s3Prefix).default(EVENT_QUERIES_DEFAULTS.resultPrefix),
  resultExpirationDays: integer(1, 36500, "days").default(EVENT_LAKE_DEFAULTS.resultExpirationDays),
  bytesScannedCutoffPerQuery: z
    .number({ message: bytesScannedCutoff })
    .int({ message: bytesScannedCutoff })
    .min(ATHENA_MIN_BYTES_SCANNED_CUTOFF, { message: bytesScannedCutoff })
    .default(EVENT_QUERIES_DEFAULTS.bytesScannedCutoffPerQuery),
  tagName: z
    .string()
    .regex(RULES.dimensionName.pattern, {
      message: `must be a name SES can carry as a message tag: ${RULES.dimensionName.allowed}`,
    })
    .optional(),
});

const eventPublishing = z.strictObject({
  configurationSets: z
    .array(configurationSet)
    .min(1, { message: "must list at least one configuration set" }),
  accountSettings: accountSettings.optional(),
  sesRoleName: matching(RULES.iamName).default(EVENT_PUBLISHING_DEFAULTS.sesRoleName),
  iamPropagationSeconds: integer(0, 300, "seconds").default(
    EVENT_PUBLISHING_DEFAULTS.iamPropagationSeconds,
  ),
  bucket: z
    .strictObject({
      name: bucketName.optional(),
      kmsKeyArn: matching(RULES.kmsKeyArn).optional(),
      expirationDays: integer(1, 36500, "days").default(
        EVENT_ARCHIVE_BUCKET_DEFAULTS.expirationDays,
      ),
      noncurrentVersionExpirationDays: integer(1, 36500, "days").default(
        EVENT_ARCHIVE_BUCKET_DEFAULTS.noncurrentVersionExpirationDays,
      ),
      forceDestroy: z.boolean().default(EVENT_ARCHIVE_BUCKET_DEFAULTS.forceDestroy),
      accessLogging: z
        .strictObject({
          targetBucket: bucketName,
          targetPrefix: matching(RULES.s3Prefix).default(
            EVENT_ARCHIVE_BUCKET_DEFAULTS.accessLogTargetPrefix,
          ),
        })
        .optional(),
    })
    .prefault({}),
  deliveryStream: z
    .strictObject({
      name: matching(RULES.deliveryStreamName).default(stream.deliveryStreamName),
      roleName: matching(RULES.iamName).default(stream.roleName),
      prefix: matching(RULES.s3Prefix).default(stream.prefix),
      errorOutputPrefix: matching(RULES.s3Prefix).default(stream.errorOutputPrefix),
      bufferingIntervalSeconds: integer(
        BUFFERING_INTERVAL_SECONDS.min,
        BUFFERING_INTERVAL_SECONDS.max,
        "seconds",
      ).default(stream.bufferingIntervalSeconds),
      // Left out, the stream's default, which `parquet` changes (the construct owns both).
      bufferingSizeMb: integer(BUFFERING_SIZE_MB.min, BUFFERING_SIZE_MB.max, "MiB")
        .optional()
        .meta({ default: stream.bufferingSizeMb }),
      compression: oneOf(FIREHOSE_COMPRESSION_FORMATS)
        .optional()
        .meta({ default: stream.compression }),
      kmsKeyArn: matching(RULES.kmsKeyArn).optional(),
      parquet: z.boolean().default(false),
    })
    .superRefine(checkFirehosePrefixes)
    .prefault({}),
  logs: z
    .strictObject({
      groupName: matching(RULES.logGroupName).default(stream.logGroupName),
      streamName: matching(RULES.logStreamName).default(stream.logStreamName),
      retentionDays: z
        .number()
        .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), {
          message: `must be one of ${LOG_RETENTION_DAYS.join(", ")} (0 keeps logs forever)`,
        })
        .default(stream.logRetentionDays),
      kmsKeyArn: matching(RULES.kmsKeyArn).optional(),
    })
    .prefault({}),
  eventLake: eventLake.optional(),
  dashboard: z
    .strictObject({ name: matching(EVENT_LAKE_RULES.dashboardName).optional() })
    .optional(),
});

const smtpPort = z.number().refine((port) => (SMTP_PORTS as readonly number[]).includes(port), {
  message: `must be one of the SES SMTP ports ${SMTP_PORTS.join(", ")}`,
});

const clientCidr = z.string().superRefine((cidr, ctx) => {
  const problem = clientCidrProblem(cidr);
  if (problem) ctx.addIssue({ code: "custom", message: `must be ${problem}` });
});

const quota = (name: string) =>
  z
    .number()
    .int({ message: `must be a whole number (${name})` })
    .min(1, { message: `must be at least 1 (${name})` });

/**
 * The read-only role CI's pull-request and drift jobs assume to run a refreshing `terraform plan`
 * of this stack (`npm run deploy-policy` prints its policy): a role of the same account that is not
 * `roleArn`, which applies. Without it the stack is planned offline, never with `roleArn`.
 * @default none
 */
const planRoleArn = matching(RULES.roleArn).optional();

/**
 * The hub's optional SES API endpoint (`com.amazonaws.<region>.email`, HTTPS 443) with its private
 * zone `email.<region>.amazonaws.com`, for applications that send through the SDK.
 */
const sesApiEndpointConfig = z.strictObject({
  /** @default false */
  enabled: z.boolean().default(false),
  /** @default 443 (the only port of the SES API) */
  port: z
    .number()
    .refine((port) => port === SES_API_PORT, {
      message: `must be ${SES_API_PORT}, the only port of the SES API (HTTPS)`,
    })
    .default(SES_API_PORT),
  /** By shard: adopted API endpoint groups' own names and descriptions (as the hub's `securityGroups`). */
  securityGroups: existingSecurityGroups.optional(),
  /** The existing API endpoint's pieces to import (as the hub's `adopt`). */
  adopt: apiEndpointAdopt.optional(),
});

const smtpHub = z.strictObject({
  region: matching(RULES.region),
  accountId,
  roleArn: matching(RULES.roleArn).optional(),
  planRoleArn,
  tags: tags.default({}),
  vpcId: matching(ID_RULES.vpcId),
  subnetIds: z.array(matching(ID_RULES.subnetId)).min(1, {
    message:
      "must list at least one subnet (one per Availability Zone; two or more for high availability)",
  }),
  ports: z
    .array(smtpPort)
    .min(1, { message: `must list at least one of the SES SMTP ports ${SMTP_PORTS.join(", ")}` })
    .default(() => [...SMTP_ENDPOINT_DEFAULTS.ports]),
  quotas: z
    .strictObject({
      inboundRulesPerSecurityGroup: quota("inbound rules per security group").default(
        SMTP_ENDPOINT_DEFAULTS.quotas.inboundRulesPerSecurityGroup,
      ),
      securityGroupsPerNetworkInterface: quota("security groups per network interface").default(
        SMTP_ENDPOINT_DEFAULTS.quotas.securityGroupsPerNetworkInterface,
      ),
      vpcAssociationsPerHostedZone: quota("VPC associations per private hosted zone").default(
        SMTP_ENDPOINT_DEFAULTS.quotas.vpcAssociationsPerHostedZone,
      ),
    })
    .prefault({}),
  securityGroups: existingSecurityGroups.optional(),
  apiEndpoint: sesApiEndpointConfig.optional(),
  adopt: hubAdopt.optional(),
});

const accountSmtp = z.strictObject({
  vpcId: matching(ID_RULES.vpcId),
  /**
   * Whether the VPC associates with the hub's SES API zone too (`email.<region>.amazonaws.com`).
   * @default - yes when the hub's apiEndpoint is enabled, no otherwise
   */
  useApiEndpoint: z.boolean().optional(),
  cidrs: z
    .array(clientCidr)
    .min(1, { message: "must list at least one CIDR block of the account's VPC" }),
});

/** A rate threshold: a fraction, with its default and the rate at which AWS reviews accounts. */
const rate = (rateName: string, fallback: number, review: number) => {
  const message = `must be a fraction between 0 and 1 (exclusive), such as ${fallback} for a ${percent(fallback)} ${rateName} rate (AWS reviews accounts at ${percent(review)})`;
  return z.number().gt(0, { message }).lt(1, { message }).default(fallback);
};

const alarmPeriod = z.number().refine(isAlarmPeriod, {
  message: "must be 10, 20, 30 or a multiple of 60 seconds (the periods CloudWatch alarms accept)",
});

/** The IAM user of an application is `ses-smtp-<name>`, at most 64 characters. */
const SMTP_USER_PREFIX = `${SMTP_CREDENTIALS_DEFAULTS.namePrefix}-`;
const LONGEST_APPLICATION_NAME = MAX_IAM_USER_NAME_LENGTH - SMTP_USER_PREFIX.length;

const sendingApplication = z.strictObject({
  name: matching(SENDING_RULES.smtpName).refine((name) => name.length <= LONGEST_APPLICATION_NAME, {
    message: `must be at most ${LONGEST_APPLICATION_NAME} characters (the IAM user is ${SMTP_USER_PREFIX}<name>, at most ${MAX_IAM_USER_NAME_LENGTH})`,
  }),
  allowSendEmail: z.boolean().default(SMTP_CREDENTIALS_DEFAULTS.allowSendEmail),
  fromAddresses: z
    .array(matching(SENDING_RULES.fromAddress))
    .min(1, {
      message:
        "must list at least one address when given (omit it to allow any address of the domain)",
    })
    .optional(),
  rotation: matching(SENDING_RULES.rotation).optional(),
});

const sending = z.strictObject({
  domain: matching(RULES.domainName).max(MAX_IDENTITY_DOMAIN_LENGTH, {
    message: `must be at most ${MAX_IDENTITY_DOMAIN_LENGTH} characters, so the names derived from it fit DNS's 253: the DKIM records <32-character token>._domainkey.<domain> (and _dmarc.<domain>, mail.<domain>)`,
  }),
  mailFromDomain: matching(RULES.domainName).optional(),
  dmarc: z
    .strictObject({
      policy: oneOf(DMARC_POLICIES),
      reportAddress: matching(SENDING_RULES.emailAddress).optional(),
    })
    .optional(),
  publicZoneId: matching(SENDING_RULES.publicZoneId).optional(),
  configurationSet: matching(RULES.sesName).optional(),
  applications: z.array(sendingApplication).default([]),
  secretKmsKeyArn: matching(RULES.kmsKeyArn).optional(),
  permissionsBoundaryArn: matching(SENDING_RULES.iamPolicyArn).optional(),
  alarms: z
    .strictObject({
      topicName: matching(SENDING_RULES.snsTopicName).default(alarms.topicName),
      emailSubscriptions: z
        .array(matching(SENDING_RULES.emailAddress))
        .default(() => [...alarms.emailSubscriptions]),
      topicKmsKeyArn: matching(RULES.kmsKeyArn).optional(),
      bounceRateThreshold: rate("bounce", alarms.bounceRateThreshold, SES_REVIEW_RATES.bounce),
      complaintRateThreshold: rate(
        "complaint",
        alarms.complaintRateThreshold,
        SES_REVIEW_RATES.complaint,
      ),
      periodSeconds: alarmPeriod.default(alarms.periodSeconds),
      evaluationPeriods: z
        .number()
        .int()
        .min(1, { message: "must be a whole number of at least 1" })
        .default(alarms.evaluationPeriods),
      sendVolume: z
        .strictObject({
          dimensionName: matching(RULES.dimensionName),
          dimensionValue: matching(RULES.dimensionDefaultValue),
          threshold: z.number().min(0, { message: "must be a number of messages of at least 0" }),
          periodSeconds: alarmPeriod.optional(),
        })
        .optional(),
    })
    .prefault({}),
});

const account = z
  .strictObject({
    name: matching(RULES.accountName),
    accountId,
    region: matching(RULES.region),
    roleArn: matching(RULES.roleArn).optional(),
    planRoleArn,
    tags: tags.default({}),
    eventPublishing: eventPublishing.optional(),
    smtp: accountSmtp.optional(),
    sending: sending.optional(),
    kmsKeyArn: matching(RULES.kmsKeyArn).optional(),
    adopt: accountAdopt.optional(),
  })
  // sending.configurationSet defaults to the account's only configuration set (cross-checks
  // require it to be named when there are several).
  .transform((a) =>
    a.sending && !a.sending.configurationSet && a.eventPublishing?.configurationSets.length === 1
      ? {
          ...a,
          sending: { ...a.sending, configurationSet: a.eventPublishing.configurationSets[0].name },
        }
      : a,
  );

const state = z.strictObject({
  s3: z
    .strictObject({
      bucket: bucketName,
      keyPrefix: matching(RULES.stateKeyPrefix).default("ses"),
      region: matching(RULES.region),
      useLockfile: z.boolean().default(true),
      kmsKeyArn: matching(RULES.kmsKeyArn).optional(),
    })
    .optional(),
});

/** Explicit exceptions to rules that are otherwise enforced. */
const allow = z.strictObject({
  /** Regions AWS added to SES (and the email-smtp endpoint service) after this project's list. */
  regions: z.array(matching(RULES.region)).default([]),
  /** KMS keys of another account that resources may use (the key policy must let them). */
  crossAccountKmsKeys: z.array(matching(RULES.kmsKeyArn)).default([]),
});

export const configSchema = z
  .strictObject({
    $schema: z.string().optional(),
    allow: allow.prefault({}),
    tags: tags.default({}),
    state: state.prefault({}),
    smtpHubs: z.array(smtpHub).default([]),
    accounts: z.array(account).min(1, { message: "must list at least one account" }),
  })
  .superRefine(crossChecks, { when: () => true });

export type SesConfig = z.output<typeof configSchema>;
export type AccountConfig = SesConfig["accounts"][number];
export type EventPublishingConfig = NonNullable<AccountConfig["eventPublishing"]>;
export type ConfigurationSetConfig = EventPublishingConfig["configurationSets"][number];
export type EventDestinationConfig = ConfigurationSetConfig["eventDestinations"][number];
export type StateConfig = SesConfig["state"];
export type SmtpHubConfig = SesConfig["smtpHubs"][number];
export type AccountSmtpConfig = NonNullable<AccountConfig["smtp"]>;
export type SendingConfig = NonNullable<AccountConfig["sending"]>;
