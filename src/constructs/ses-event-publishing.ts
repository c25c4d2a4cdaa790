import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { dependable } from "cdktf";
import { Construct } from "constructs";
import { roleArn } from "../private/arn";
import { iamPropagationWait } from "./iam-propagation-wait";
import {
  RULES,
  SES_V2_ONLY_EVENT_TYPES,
  SES_V2_ONLY_TARGETS,
  SesApi,
  SesEventType,
} from "../private/aws-facts";
import { check, checkUnique, definedOnly, inRange, show } from "../private/validation";
import { ServiceRole, serviceRoleAddress } from "./service-role";
import { SesAccountSettings, SesAccountSettingsProps } from "./ses-account-settings";
import { EventArchiveBucket, EventArchiveBucketProps } from "./event-archive-bucket";
import {
  FIREHOSE_EVENT_STREAM_DEFAULTS,
  FirehoseEventStream,
  FirehoseEventStreamProps,
  firehoseStreamArn,
} from "./firehose-event-stream";
import { SesEventTable } from "./ses-event-table";
import { PARQUET_TABLE_NAME } from "../private/event-queries";
import { parquetPrefix } from "../private/ses-event-schema";
import { EVENT_QUERIES_DEFAULTS, SesEventQueries, SesEventQueriesProps } from "./ses-event-queries";
import {
  SesConfigurationSet,
  SesConfigurationSetProps,
  configurationSetArn,
} from "./ses-configuration-set";
import {
  SESV2_ONLY_OPTIONS,
  SesV2ConfigurationSet,
  SesV2ConfigurationSetProps,
} from "./sesv2-configuration-set";
import { EVENT_LAKE_DEFAULTS, defaultEventBucketName } from "../private/construct-defaults";
import * as defaults from "../private/construct-defaults";
export { EVENT_LAKE_DEFAULTS, defaultEventBucketName };

/**
 * A configuration set as SesEventPublishing takes it: the provider, account and Firehose wiring
 * are its own. Without `api: "v2"` it is a v1 set, which takes none of the v2-only options.
 */
export type PublishedConfigurationSet = {
  /**
   * The SES API the set is managed with.
   * @default "v1"
   */
  readonly api?: SesApi;
} & Omit<SesV2ConfigurationSetProps, "accountProvider" | "firehose" | "accountId" | "region">;

/** A configuration set of either API, as SesEventPublishing exposes it. */
export type AnyConfigurationSet = SesConfigurationSet | SesV2ConfigurationSet;

export interface SesEventPublishingProps {
  /** The AWS provider of the account that sends. */
  readonly accountProvider: AwsProvider;
  /** The 12-digit id of that account (ARNs and trust conditions; never looked up). */
  readonly accountId: string;
  /** The account's SES region. */
  readonly region: string;
  /**
   * The configuration sets and their event destinations; `api: "v2"` makes a set with the SESv2
   * API (SesV2ConfigurationSet), otherwise SES v1 (SesConfigurationSet).
   */
  readonly configurationSets: readonly PublishedConfigurationSet[];
  /**
   * Account-wide SESv2 settings: suppression list reasons, VDM, dedicated IP pools (v2 sets name a
   * pool as `sendingPoolName`).
   * @default - none managed
   */
  readonly accountSettings?: Omit<SesAccountSettingsProps, "accountProvider">;
  /**
   * Name of the role SES assumes to put records into Firehose.
   * @default "tf-ses-role"
   */
  readonly sesRoleName?: string;
  /**
   * Seconds to wait after the SES role's policy changes before creating Firehose destinations
   * (0-300; 0 turns the wait off).
   * @default 20
   */
  readonly iamPropagationSeconds?: number;
  /**
   * The event archive bucket, when a destination targets Firehose.
   * @default - bucket `ses-events-<accountId>-<region>` with EventArchiveBucket's defaults
   */
  readonly bucket?: Partial<Omit<EventArchiveBucketProps, "accountProvider">>;
  /**
   * The delivery stream, when a destination targets Firehose.
   * @default - FirehoseEventStream's defaults
   */
  readonly deliveryStream?: Partial<
    Omit<
      FirehoseEventStreamProps,
      "accountProvider" | "accountId" | "region" | "bucketArn" | "bucketKmsKeyArn" | "parquet"
    >
  > & {
    /**
     * Firehose converts the events to Parquet with the event lake's table `events_parquet` and
     * writes them under `parquetPrefix(prefix)`; the named queries read both tables. Needs
     * `eventLake`.
     * @default false
     */
    readonly parquet?: boolean;
  };
  /**
   * A Glue table with partition projection over the events Firehose writes, an Athena workgroup
   * and named queries; needs a Firehose destination.
   * @default - no event table
   */
  readonly eventLake?: EventLakeOptions;
}

/** The queryable event lake over the Firehose prefix: SesEventTable and SesEventQueries. */
export interface EventLakeOptions extends Pick<
  SesEventQueriesProps,
  "workgroupName" | "resultPrefix" | "bytesScannedCutoffPerQuery" | "tagName"
> {
  /**
   * Name of the Glue database of the event table.
   * @default "ses_events"
   */
  readonly databaseName?: string;
  /**
   * Days Athena query results are kept in the event bucket.
   * @default 30
   */
  readonly resultExpirationDays?: number;
}

/** The Terraform name of the role SES assumes for Firehose destinations and its policy. */
const SES_ROLE_NAME = "ses";

/** The addresses SesEventPublishing gives its own resources (those `adopt` can import into). */
export const SES_EVENT_PUBLISHING_ADDRESSES = {
  sesRole: serviceRoleAddress(SES_ROLE_NAME),
} as const;

/**
 * SES event publishing for one account: configuration sets whose destinations publish to
 * CloudWatch, SNS, EventBridge (v2 sets), or Kinesis Data Firehose → S3. The Firehose pipeline (bucket, stream, logs,
 * roles) is created only when some destination targets Firehose.
 *
 * Emits SesConfigurationSet's or SesV2ConfigurationSet's resources per set, and for Firehose: EventArchiveBucket's and
 * FirehoseEventStream's resources, the SES role (`aws_iam_role`, `aws_iam_role_policy`) and a
 * `terraform_data` IAM propagation wait, addressed `aws_iam_role.ses`, `aws_iam_role_policy.ses`
 * and `terraform_data.ses-role-propagation`. The role's policies and the wait's triggers hold only
 * values the configuration determines (the stream's ARN is computed from its name), so a change
 * to the stream, the bucket or a configuration set never re-runs the wait.
 */
export class SesEventPublishing extends Construct {
  /** The configuration sets, by name. */
  public readonly configurationSets: Record<string, AnyConfigurationSet> = {};
  /** The event archive bucket, when a destination targets Firehose. */
  public readonly bucket?: EventArchiveBucket;
  /** The delivery stream, when a destination targets Firehose. */
  public readonly deliveryStream?: FirehoseEventStream;
  /** ARN of the role SES assumes, when a destination targets Firehose. */
  public readonly sesRoleArn?: string;
  /** The event table, with `eventLake`. */
  public readonly eventTable?: SesEventTable;
  /** The Athena workgroup and named queries, with `eventLake`. */
  public readonly eventQueries?: SesEventQueries;
  /** The account-wide settings, when given. */
  public readonly accountSettings?: SesAccountSettings;

  constructor(scope: Construct, id: string, props: SesEventPublishingProps) {
    super(scope, id);
    validate(props);
    const usesFirehose = props.configurationSets.some(publishesToFirehose);
    if (props.eventLake && !usesFirehose) {
      throw new Error(
        "eventLake needs a configuration set with a Firehose event destination (the table reads what Firehose writes); got none.",
      );
    }
    const { parquet = false, ...streamProps } = props.deliveryStream ?? {};
    if (parquet && !props.eventLake) {
      throw new Error(
        "deliveryStream.parquet needs eventLake (Firehose converts records with the columns of the event lake's Parquet table); got true without it.",
      );
    }
    let firehose: SesConfigurationSetProps["firehose"];
    if (usesFirehose) {
      const lake = props.eventLake;
      const resultPrefix = lake?.resultPrefix ?? EVENT_QUERIES_DEFAULTS.resultPrefix;
      this.bucket = new EventArchiveBucket(this, "bucket", {
        accountProvider: props.accountProvider,
        bucketName: defaultEventBucketName(props.accountId, props.region),
        ...definedOnly(props.bucket ?? {}),
        queryResults: lake && {
          prefix: resultPrefix,
          expirationDays: lake.resultExpirationDays ?? EVENT_LAKE_DEFAULTS.resultExpirationDays,
        },
      });
      const where = streamPrefixes(streamProps, parquet);
      this.deliveryStream = new FirehoseEventStream(this, "delivery-stream", {
        ...definedOnly(streamProps),
        ...(where.parquet && {
          prefix: where.parquet,
          parquet: {
            databaseName: lake?.databaseName ?? EVENT_LAKE_DEFAULTS.databaseName,
            tableName: PARQUET_TABLE_NAME,
          },
        }),
        accountProvider: props.accountProvider,
        accountId: props.accountId,
        region: props.region,
        bucketArn: this.bucket.bucketArn,
        bucketKmsKeyArn: props.bucket?.kmsKeyArn,
      });
      firehose = this.sesRole(props, this.deliveryStream.deliveryStreamArn);
      this.sesRoleArn = firehose.roleArn;
      if (lake) {
        [this.eventTable, this.eventQueries] = this.addEventLake(props, lake, this.bucket, where);
        // The stream names the table by its configured name: the dependency is said here.
        const parquetTable = this.eventTable.parquetTable;
        const stream = this.deliveryStream.deliveryStream;
        if (parquetTable)
          stream.dependsOn = [...(stream.dependsOn ?? []), dependable(parquetTable)];
      }
    }
    if (props.accountSettings) {
      this.accountSettings = new SesAccountSettings(this, "account-settings", {
        ...props.accountSettings,
        accountProvider: props.accountProvider,
      });
    }
    const pools = this.accountSettings?.dedicatedIpPools ?? {};
    for (const set of props.configurationSets) {
      const wiring = { accountProvider: props.accountProvider, firehose };
      // The pool's attribute, not its name: the set is created after the pool it sends through.
      const pool = set.sendingPoolName ? pools[set.sendingPoolName] : undefined;
      this.configurationSets[set.name] =
        set.api === "v2"
          ? new SesV2ConfigurationSet(this, `set-${set.name}`, {
              ...set,
              ...wiring,
              sendingPoolName: pool?.poolName ?? set.sendingPoolName,
              accountId: props.accountId,
              region: props.region,
            })
          : new SesConfigurationSet(this, `set-${set.name}`, { ...v1Set(set), ...wiring });
    }
  }

  /** The event table over the stream's prefix, and its workgroup and queries. */
  private addEventLake(
    props: SesEventPublishingProps,
    lake: EventLakeOptions,
    bucket: EventArchiveBucket,
    stream: StreamPrefixes,
  ): [SesEventTable, SesEventQueries] {
    const eventTable = new SesEventTable(this, "event-table", {
      accountProvider: props.accountProvider,
      bucketName: bucket.bucketName,
      prefix: stream.prefix,
      databaseName: lake.databaseName,
      projectionDays: props.bucket?.expirationDays,
      parquetPrefix: stream.parquet,
    });
    const { workgroupName, resultPrefix, bytesScannedCutoffPerQuery, tagName } = lake;
    const eventQueries = new SesEventQueries(this, "event-queries", {
      ...definedOnly({ workgroupName, resultPrefix, bytesScannedCutoffPerQuery, tagName }),
      accountProvider: props.accountProvider,
      bucketName: bucket.bucketName,
      eventPrefixes: [
        stream.prefix,
        stream.errorOutputPrefix,
        ...(stream.parquet === undefined ? [] : [stream.parquet]),
      ],
      databaseName: eventTable.databaseName,
      kmsKeyArn: props.bucket?.kmsKeyArn,
      parquet: stream.parquet !== undefined,
    });
    return [eventTable, eventQueries];
  }

  /** The role SES assumes for Firehose destinations, trusted only for these configuration sets. */
  private sesRole(
    props: SesEventPublishingProps,
    deliveryStreamArn: string,
  ): NonNullable<SesConfigurationSetProps["firehose"]> {
    const roleName = props.sesRoleName ?? EVENT_PUBLISHING_DEFAULTS.sesRoleName;
    const where = { region: props.region, accountId: props.accountId };
    const streamName =
      props.deliveryStream?.deliveryStreamName ?? FIREHOSE_EVENT_STREAM_DEFAULTS.deliveryStreamName;
    const role = new ServiceRole(this, "ses-role", {
      provider: props.accountProvider,
      terraformName: SES_ROLE_NAME,
      roleName,
      description: "Lets SES publish configuration set events to Kinesis Data Firehose.",
      servicePrincipal: "ses.amazonaws.com",
      sourceAccount: props.accountId,
      sourceArns: props.configurationSets
        .filter(publishesToFirehose)
        .map((set) => configurationSetArn(props.region, props.accountId, set.name))
        .sort(),
      statements: [
        {
          Sid: "PutEventRecords",
          Effect: "Allow",
          Action: ["firehose:PutRecord", "firehose:PutRecordBatch"],
          Resource: [firehoseStreamArn(where, streamName)],
        },
      ],
    });
    // Keyed on what the configuration says, never on resource attributes: those can be unknown
    // in a plan that changes something else, which would re-run the wait for nothing.
    const wait = iamPropagationWait(
      this,
      "ses-role-propagation",
      "ses-role-propagation",
      props.iamPropagationSeconds ?? EVENT_PUBLISHING_DEFAULTS.iamPropagationSeconds,
      {
        role: roleArn(where, roleName),
        trust: role.trustPolicy,
        policy: role.permissionsPolicy,
      },
      [role.role, role.policy],
    );
    return {
      deliveryStreamArn,
      roleArn: role.roleArn,
      readyAfter: wait ? [role.policy, wait] : [role.policy],
    };
  }
}

/** The prefixes Firehose writes under: JSON events, delivery errors and, with Parquet, Parquet. */
interface StreamPrefixes {
  readonly prefix: string;
  readonly errorOutputPrefix: string;
  readonly parquet?: string;
}

function streamPrefixes(
  stream: Partial<Pick<FirehoseEventStreamProps, "prefix" | "errorOutputPrefix">>,
  parquet: boolean,
): StreamPrefixes {
  const { prefix, errorOutputPrefix } = {
    ...FIREHOSE_EVENT_STREAM_DEFAULTS,
    ...definedOnly(stream),
  };
  return { prefix, errorOutputPrefix, ...(parquet && { parquet: parquetPrefix(prefix) }) };
}

/** Defaults of the optional props (kept cdk-free for the configuration checks). */
export const EVENT_PUBLISHING_DEFAULTS =
  defaults.EVENT_PUBLISHING_DEFAULTS satisfies Partial<SesEventPublishingProps>;

function publishesToFirehose(set: PublishedConfigurationSet): boolean {
  return (set.eventDestinations ?? []).some((d) => d.firehose !== undefined);
}

function validate(props: SesEventPublishingProps): void {
  check("accountId", props.accountId, RULES.accountId);
  check("region", props.region, RULES.region);
  check("sesRoleName", props.sesRoleName, RULES.iamName);
  if (props.iamPropagationSeconds !== undefined)
    inRange("iamPropagationSeconds", props.iamPropagationSeconds, { min: 0, max: 300 });
  checkUnique(
    "configurationSets names",
    props.configurationSets.map((set) => set.name),
    "in the account",
  );
}

/** A v1 set's props, after refusing what only the v2 API offers. */
function v1Set(set: PublishedConfigurationSet): Omit<SesConfigurationSetProps, "accountProvider"> {
  const where = `configuration set ${set.name}`;
  const option = SESV2_ONLY_OPTIONS.find((key) => set[key] !== undefined && set[key] !== false);
  if (option) {
    throw new Error(
      `${where}: ${option} is an SESv2 option; got ${show(set[option])} on a v1 set (set api: "v2").`,
    );
  }
  const destinations = set.eventDestinations ?? [];
  destinations.forEach((d, i) => {
    const target = SES_V2_ONLY_TARGETS.find((t) => d[t] !== undefined);
    const type = d.matchingTypes.find((t) =>
      (SES_V2_ONLY_EVENT_TYPES as readonly string[]).includes(t),
    );
    if (target || type) {
      throw new Error(
        `${where}: eventDestinations[${i}] ${target ? `target ${target}` : `event type ${type}`} is SESv2 only; got it on a v1 set (set api: "v2").`,
      );
    }
  });
  return {
    ...set,
    eventDestinations: destinations.map((d) => ({
      ...d,
      matchingTypes: d.matchingTypes as readonly SesEventType[],
    })),
  };
}
