import { AthenaNamedQuery } from "@cdktf/provider-aws/lib/athena-named-query";
import { AthenaWorkgroup } from "@cdktf/provider-aws/lib/athena-workgroup";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { named } from "../private/addresses";
import { ATHENA_MIN_BYTES_SCANNED_CUTOFF, EVENT_LAKE_RULES, RULES } from "../private/aws-facts";
import { eventQueries } from "../private/event-queries";
import { resultPrefixProblem } from "../private/ses-event-schema";
import { check, definedOnly, show } from "../private/validation";
import * as defaults from "../private/construct-defaults";

export interface SesEventQueriesProps {
  /** The AWS provider of the account that owns the event table. */
  readonly accountProvider: AwsProvider;
  /** The event bucket; query results go under `resultPrefix` in it. */
  readonly bucketName: string;
  /** The prefixes Firehose writes under (events and delivery errors): results stay out of them. */
  readonly eventPrefixes: readonly string[];
  /** The Glue database of the event table. */
  readonly databaseName: string;
  /**
   * Name of the Athena workgroup.
   * @default "ses-events"
   */
  readonly workgroupName?: string;
  /**
   * Key prefix of query results in the event bucket (a folder: ends with `/`).
   * @default "athena-results/"
   */
  readonly resultPrefix?: string;
  /**
   * Largest amount of data one query may scan, in bytes (Athena's minimum is 10 MB).
   * @default 1073741824 (1 GiB)
   */
  readonly bytesScannedCutoffPerQuery?: number;
  /**
   * KMS key that encrypts query results (SSE-KMS).
   * @default - SSE-S3
   */
  readonly kmsKeyArn?: string;
  /**
   * SES message tag whose values the per-tag query counts events by.
   * @default - no per-tag query
   */
  readonly tagName?: string;
  /**
   * The events are also in the Parquet table `events_parquet` (Firehose converts them): every
   * query reads both tables, each event once.
   * @default false
   */
  readonly parquet?: boolean;
}

/**
 * An Athena workgroup for the event table (its configuration enforced on every query, results
 * encrypted in the event bucket, a per-query scan limit, CloudWatch metrics on) and the named
 * queries of `eventQueries`: bounces by day, complaints by feedback type and sending domain,
 * delivery delays by recipient domain, the latest status of every message and, with `tagName`,
 * events by tag value.
 *
 * Emits `aws_athena_workgroup.events` and one `aws_athena_named_query.<query name>` per query.
 * Destroying the workgroup deletes its saved queries and query history (`force_destroy`), never
 * the results in S3, which the bucket's lifecycle expires.
 */
export class SesEventQueries extends Construct {
  public readonly workgroup: AthenaWorkgroup;
  public readonly workgroupName: string;
  /** The named queries, by name. */
  public readonly namedQueries: Record<string, AthenaNamedQuery> = {};
  /** Where results go: `s3://<bucket>/<resultPrefix>`. */
  public readonly resultLocation: string;

  constructor(scope: Construct, id: string, props: SesEventQueriesProps) {
    super(scope, id);
    const p = { ...EVENT_QUERIES_DEFAULTS, ...definedOnly(props) };
    validate(p);
    const provider = p.accountProvider;
    this.resultLocation = `s3://${p.bucketName}/${p.resultPrefix}`;
    this.workgroup = named(
      new AthenaWorkgroup(this, "workgroup", {
        provider,
        name: p.workgroupName,
        description: "Queries of the SES event table.",
        forceDestroy: true,
        configuration: {
          enforceWorkgroupConfiguration: true,
          publishCloudwatchMetricsEnabled: true,
          bytesScannedCutoffPerQuery: p.bytesScannedCutoffPerQuery,
          resultConfiguration: {
            outputLocation: this.resultLocation,
            encryptionConfiguration: p.kmsKeyArn
              ? { encryptionOption: "SSE_KMS", kmsKeyArn: p.kmsKeyArn }
              : { encryptionOption: "SSE_S3" },
          },
        },
      }),
      "events",
    );
    this.workgroupName = this.workgroup.name;
    for (const query of eventQueries(p.tagName, p.parquet)) {
      this.namedQueries[query.name] = named(
        new AthenaNamedQuery(this, `query-${query.name}`, {
          provider,
          name: query.name,
          description: query.description,
          workgroup: this.workgroup.name,
          database: p.databaseName,
          query: query.sql,
        }),
        query.name,
      );
    }
  }
}

type ResolvedProps = SesEventQueriesProps &
  Required<Pick<SesEventQueriesProps, keyof typeof EVENT_QUERIES_DEFAULTS>>;

/** Defaults of the optional props (kept cdk-free for the configuration checks). */
export const EVENT_QUERIES_DEFAULTS =
  defaults.EVENT_QUERIES_DEFAULTS satisfies Partial<SesEventQueriesProps>;

function validate(p: ResolvedProps): void {
  check("workgroupName", p.workgroupName, EVENT_LAKE_RULES.workgroupName);
  check("databaseName", p.databaseName, EVENT_LAKE_RULES.databaseName);
  check("kmsKeyArn", p.kmsKeyArn, RULES.kmsKeyArn);
  check("tagName", p.tagName, RULES.dimensionName);
  check("resultPrefix", p.resultPrefix, RULES.s3Prefix);
  const problem = resultPrefixProblem(p.resultPrefix, p.eventPrefixes);
  if (problem) throw new Error(`resultPrefix must ${problem}; got ${show(p.resultPrefix)}.`);
  const cutoff = p.bytesScannedCutoffPerQuery;
  if (!Number.isInteger(cutoff) || cutoff < ATHENA_MIN_BYTES_SCANNED_CUTOFF) {
    throw new Error(
      `bytesScannedCutoffPerQuery must be a whole number of bytes of at least ${ATHENA_MIN_BYTES_SCANNED_CUTOFF} (Athena's minimum, 10 MB); got ${show(cutoff)}.`,
    );
  }
}
