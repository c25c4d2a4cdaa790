/**
 * Every checkov / trivy / KICS rule that applies to a resource type this project emits, named after
 * the rule and asserting what the rule checks, on the synthesized stacks:
 * - "passes by default": on the example and fleet configurations, and on the hardened example;
 * - "passes with <option>": on the hardened example (every account's `kmsKeyArn` set, S3 access
 *   logging on), and the default it replaces is asserted on the example;
 * - "argued": the documented state is asserted (the README's security table gives the reason).
 * The README's table must list exactly these rules with the same verdicts.
 */
import { SynthesizedStack } from "../src/review/offline-terraform";
import { fleetInput } from "../test-support/fleet";
import { ACCESS_LOG_BUCKET, exampleKeyArn, hardenedExampleConfig } from "../test-support/hardened";
import { heldPolicies } from "../test-support/policies";
import { config, exampleConfig, synthToDisk } from "../test-support/synth";
import { docText } from "../test-support/docs";
import { SES_API_PORT, SMTP_PORTS } from "../src/private/ses-facts";

type Stacks = SynthesizedStack[];
const example = synthToDisk(exampleConfig());
const defaults: Stacks = [...example, ...synthToDisk(config(fleetInput()))];
const hardened: Stacks = synthToDisk(hardenedExampleConfig());

const all = (stacks: Stacks, type: string): any[] =>
  stacks.flatMap((s) => Object.values(s.json.resource?.[type] ?? {}));
const statements = (stacks: Stacks): any[] =>
  stacks.flatMap((s) => heldPolicies(s.json)).flatMap((d) => d.Statement);
const allows = (stacks: Stacks): any[] => statements(stacks).filter((s) => s.Effect === "Allow");
/** The condition keys of a statement, whatever the operators. */
const conditionKeys = (statement: any): string[] =>
  Object.values(statement.Condition ?? {})
    .flatMap((keys: any) => Object.keys(keys))
    .sort();
const KEY_OF_ACCOUNT = /^arn:aws:kms:us-east-1:(\d{12}):key\//;

/** Calls `check` with a lookup of each bucket's companion resources (same stack, same bucket). */
function eachBucket(stacks: Stacks, check: (of: (type: string) => any) => void): void {
  for (const stack of stacks) {
    for (const name of Object.keys(stack.json.resource?.aws_s3_bucket ?? {})) {
      const ref = `\${aws_s3_bucket.${name}.id}`;
      check((type) =>
        Object.values(stack.json.resource?.[type] ?? {}).find((r: any) => r.bucket === ref),
      );
    }
  }
}

/** Runs a check on every configuration: a "passes by default" rule holds whatever the options. */
const everywhere = (check: (stacks: Stacks) => void) => () => {
  check(defaults);
  check(hardened);
};

/** The key each account's resources use in the hardened example: its own account's key. */
function expectAccountKey(keyArn: string): void {
  const [, accountId] = KEY_OF_ACCOUNT.exec(keyArn) ?? [];
  expect(keyArn).toBe(exampleKeyArn(accountId));
}

/** A key option's rule: no key on `type`'s `field` by default, the account's key when hardened. */
const keyOption = (type: string, field: string) => (): void => {
  for (const resource of all(example, type)) expect(resource[field]).toBeUndefined();
  const keyed = all(hardened, type);
  expect(keyed.length).toBeGreaterThan(0);
  for (const resource of keyed) expectAccountKey(resource[field]);
};

type Verdict = { kind: "default" } | { kind: "option"; option: string } | { kind: "argued" };
interface ScannerRule {
  readonly ids: string[];
  readonly rule: string;
  readonly verdict: Verdict;
  readonly check: () => void;
}
const byDefault: Verdict = { kind: "default" };
const argued: Verdict = { kind: "argued" };
const withKey: Verdict = { kind: "option", option: "kmsKeyArn" };

const S3_RULES: ScannerRule[] = [
  ...(
    [
      [["CKV_AWS_53", "AVD-AWS-0086"], "public ACLs are blocked", "block_public_acls"],
      [["CKV_AWS_54", "AVD-AWS-0087"], "public bucket policies are blocked", "block_public_policy"],
      [
        ["CKV_AWS_55", "AVD-AWS-0091", "KICS: S3 Bucket Without Ignore Public ACL"],
        "public ACLs are ignored",
        "ignore_public_acls",
      ],
      [
        ["CKV_AWS_56", "AVD-AWS-0093", "KICS: S3 Bucket Without Restriction Of Public Bucket"],
        "public buckets are restricted",
        "restrict_public_buckets",
      ],
    ] as const
  ).map(([ids, rule, field]) => ({
    ids: [...ids],
    rule: `S3: ${rule}`,
    verdict: byDefault,
    check: everywhere((stacks) =>
      eachBucket(stacks, (of) => expect(of("aws_s3_bucket_public_access_block")[field]).toBe(true)),
    ),
  })),
  {
    ids: ["CKV2_AWS_6", "AVD-AWS-0094"],
    rule: "S3: the bucket has a public access block",
    verdict: byDefault,
    check: everywhere((stacks) =>
      eachBucket(stacks, (of) => expect(of("aws_s3_bucket_public_access_block")).toBeDefined()),
    ),
  },
  {
    ids: ["CKV_AWS_20", "CKV_AWS_57", "AVD-AWS-0092", "CKV2_AWS_65"],
    rule: "S3: no public-read or public-write ACL; ACLs disabled (BucketOwnerEnforced)",
    verdict: byDefault,
    check: everywhere((stacks) => {
      expect(all(stacks, "aws_s3_bucket_acl")).toEqual([]);
      for (const bucket of all(stacks, "aws_s3_bucket")) expect(bucket.acl).toBeUndefined();
      eachBucket(stacks, (of) =>
        expect(of("aws_s3_bucket_ownership_controls").rule.object_ownership).toBe(
          "BucketOwnerEnforced",
        ),
      );
    }),
  },
  {
    ids: ["CKV_AWS_19", "AVD-AWS-0088"],
    rule: "S3: default encryption is configured",
    verdict: byDefault,
    check: everywhere((stacks) =>
      eachBucket(stacks, (of) =>
        expect(["AES256", "aws:kms"]).toContain(
          of("aws_s3_bucket_server_side_encryption_configuration").rule[0]
            .apply_server_side_encryption_by_default.sse_algorithm,
        ),
      ),
    ),
  },
  {
    ids: ["CKV_AWS_145", "AVD-AWS-0132"],
    rule: "S3: SSE-S3 by default; SSE-KMS with the account's key and a bucket key with kmsKeyArn",
    verdict: withKey,
    check: () => {
      eachBucket(example, (of) =>
        expect(
          of("aws_s3_bucket_server_side_encryption_configuration").rule[0]
            .apply_server_side_encryption_by_default,
        ).toEqual({ sse_algorithm: "AES256" }),
      );
      eachBucket(hardened, (of) => {
        const [rule] = of("aws_s3_bucket_server_side_encryption_configuration").rule;
        expect(rule.apply_server_side_encryption_by_default.sse_algorithm).toBe("aws:kms");
        expectAccountKey(rule.apply_server_side_encryption_by_default.kms_master_key_id);
        expect(rule.bucket_key_enabled).toBe(true);
      });
    },
  },
  {
    ids: ["CKV_AWS_21", "AVD-AWS-0090", "KICS: S3 Bucket Without Versioning"],
    rule: "S3: versioning is enabled",
    verdict: byDefault,
    check: everywhere((stacks) =>
      eachBucket(stacks, (of) =>
        expect(of("aws_s3_bucket_versioning").versioning_configuration.status).toBe("Enabled"),
      ),
    ),
  },
  {
    ids: ["CKV_AWS_18", "AVD-AWS-0089", "KICS: S3 Bucket Logging Disabled"],
    rule: "S3: no server access logging by default; logs to the target bucket with bucket.accessLogging",
    verdict: { kind: "option", option: "bucket.accessLogging" },
    check: () => {
      expect(all(example, "aws_s3_bucket_logging")).toEqual([]);
      eachBucket(hardened, (of) =>
        expect(of("aws_s3_bucket_logging")).toMatchObject({
          target_bucket: ACCESS_LOG_BUCKET,
          target_prefix: "ses-events/",
        }),
      );
    },
  },
  {
    ids: ["CKV_AWS_52", "KICS: S3 Bucket Without Enabled MFA Delete"],
    rule: "S3 (argued): MFA delete stays off; noncurrent versions expire by lifecycle instead",
    verdict: argued,
    check: () =>
      eachBucket(defaults, (of) => {
        expect(of("aws_s3_bucket_versioning").versioning_configuration.mfa_delete).toBeUndefined();
        expect(
          of("aws_s3_bucket_lifecycle_configuration").rule[0].noncurrent_version_expiration,
        ).toHaveLength(1);
      }),
  },
  {
    ids: ["CKV_AWS_144"],
    rule: "S3 (argued): no cross-region replication is created",
    verdict: argued,
    check: () => expect(all(defaults, "aws_s3_bucket_replication_configuration")).toEqual([]),
  },
  {
    ids: ["CKV2_AWS_62"],
    rule: "S3 (argued): no event notifications are created",
    verdict: argued,
    check: () => expect(all(defaults, "aws_s3_bucket_notification")).toEqual([]),
  },
  {
    ids: ["CKV2_AWS_61"],
    rule: "S3: a lifecycle configuration is enabled",
    verdict: byDefault,
    check: everywhere((stacks) =>
      eachBucket(stacks, (of) =>
        expect(of("aws_s3_bucket_lifecycle_configuration").rule[0].status).toBe("Enabled"),
      ),
    ),
  },
  {
    ids: ["CKV_AWS_300"],
    rule: "S3: the lifecycle aborts failed multipart uploads",
    verdict: byDefault,
    check: everywhere((stacks) =>
      eachBucket(stacks, (of) =>
        expect(
          of("aws_s3_bucket_lifecycle_configuration").rule[0].abort_incomplete_multipart_upload,
        ).toEqual([{ days_after_initiation: 7 }]),
      ),
    ),
  },
  {
    ids: ["KICS: S3 Bucket Policy Accepts HTTP Requests"],
    rule: "S3: the bucket policy denies requests without TLS",
    verdict: byDefault,
    check: everywhere((stacks) => {
      const policies = all(stacks, "aws_s3_bucket_policy");
      expect(policies).toHaveLength(all(stacks, "aws_s3_bucket").length);
      for (const stack of stacks) {
        for (const policy of heldPolicies(stack.json)) {
          if (!policy.address.startsWith("aws_s3_bucket_policy.")) continue;
          expect(policy.Statement).toContainEqual(
            expect.objectContaining({
              Effect: "Deny",
              Action: ["s3:*"],
              Condition: { Bool: { "aws:SecureTransport": ["false"] } },
            }),
          );
        }
      }
    }),
  },
  {
    ids: ["CKV_AWS_70", "CKV_AWS_93"],
    rule: "S3: the bucket policy allows nothing to everyone and locks no one out",
    verdict: byDefault,
    check: everywhere((stacks) => {
      const bucketDenies = statements(stacks).filter((s) => s.Sid === "DenyInsecureTransport");
      expect(bucketDenies.length).toBe(all(stacks, "aws_s3_bucket").length);
      for (const statement of bucketDenies) expect(statement.Effect).toBe("Deny");
      for (const statement of allows(stacks)) {
        expect(statement.Principal).not.toBe("*");
        expect(statement.Principal?.AWS).not.toBe("*");
      }
    }),
  },
  {
    ids: ["KICS: S3 Bucket Object Level CloudTrail Logging Disabled"],
    rule: "S3 (argued): no CloudTrail trail is created (object-level logging is the organisation trail's)",
    verdict: argued,
    check: () => expect(all(defaults, "aws_cloudtrail")).toEqual([]),
  },
];

const STREAM_AND_LOG_RULES: ScannerRule[] = [
  {
    ids: ["CKV_AWS_240", "KICS: Kinesis SSE Not Configured"],
    rule: "Firehose: server-side encryption is on, with a valid key type",
    verdict: byDefault,
    check: everywhere((stacks) => {
      const streams = all(stacks, "aws_kinesis_firehose_delivery_stream");
      expect(streams.length).toBeGreaterThan(0);
      for (const stream of streams) {
        expect(stream.server_side_encryption.enabled).toBe(true);
        expect(["AWS_OWNED_CMK", "CUSTOMER_MANAGED_CMK"]).toContain(
          stream.server_side_encryption.key_type,
        );
      }
    }),
  },
  {
    ids: ["CKV_AWS_241"],
    rule: "Firehose: an AWS owned key by default; the account's key with kmsKeyArn",
    verdict: withKey,
    check: () => {
      for (const stream of all(example, "aws_kinesis_firehose_delivery_stream"))
        expect(stream.server_side_encryption.key_type).toBe("AWS_OWNED_CMK");
      for (const stream of all(hardened, "aws_kinesis_firehose_delivery_stream")) {
        expect(stream.server_side_encryption.key_type).toBe("CUSTOMER_MANAGED_CMK");
        expectAccountKey(stream.server_side_encryption.key_arn);
      }
    },
  },
  {
    ids: ["CKV_AWS_66", "KICS: CloudWatch Without Retention Period Specified"],
    rule: "CloudWatch Logs: the log group has a retention period",
    verdict: byDefault,
    check: everywhere((stacks) => {
      for (const group of all(stacks, "aws_cloudwatch_log_group"))
        expect(group.retention_in_days).toBeGreaterThan(0);
    }),
  },
  {
    ids: ["CKV_AWS_338"],
    rule: "CloudWatch Logs: logs are kept at least one year",
    verdict: byDefault,
    check: everywhere((stacks) => {
      const groups = all(stacks, "aws_cloudwatch_log_group");
      expect(groups.length).toBeGreaterThan(0);
      for (const group of groups) expect(group.retention_in_days).toBeGreaterThanOrEqual(365);
    }),
  },
  {
    ids: ["CKV_AWS_158", "AVD-AWS-0017", "KICS: CloudWatch Log Group Without KMS"],
    rule: "CloudWatch Logs: no KMS key by default; the account's key with kmsKeyArn",
    verdict: withKey,
    check: keyOption("aws_cloudwatch_log_group", "kms_key_id"),
  },
];

const SENDING_RULES: ScannerRule[] = [
  {
    ids: [
      "CKV_AWS_26",
      "AVD-AWS-0095",
      "AVD-AWS-0136",
      "KICS: SNS Topic Not Encrypted",
      "KICS: SNS Topic Encrypted With AWS Managed Key",
    ],
    rule: "SNS: the alarm topic has no KMS key by default; the account's key with kmsKeyArn",
    verdict: withKey,
    check: keyOption("aws_sns_topic", "kms_master_key_id"),
  },
  {
    ids: ["CKV_AWS_169"],
    rule: "SNS: the topic policy is not public",
    verdict: byDefault,
    check: everywhere((stacks) => {
      const publishes = statements(stacks).filter((s) => s.Action?.includes("sns:Publish"));
      expect(publishes.length).toBeGreaterThan(0);
      for (const statement of publishes) {
        expect(statement.Principal).toEqual({ Service: "cloudwatch.amazonaws.com" });
        expect(conditionKeys(statement)).toEqual(["aws:SourceAccount", "aws:SourceArn"]);
      }
    }),
  },
  {
    ids: [
      "CKV_AWS_149",
      "AVD-AWS-0098",
      "KICS: Secretsmanager Secret Without KMS",
      "KICS: Secretsmanager Secret Encrypted With AWS Managed Key",
    ],
    rule: "Secrets Manager: aws/secretsmanager by default; the account's key with kmsKeyArn",
    verdict: withKey,
    check: keyOption("aws_secretsmanager_secret", "kms_key_id"),
  },
  {
    ids: ["CKV2_AWS_57"],
    rule: "Secrets Manager (argued): no rotation Lambda; each access key is replaced when its rotation label changes",
    verdict: argued,
    check: () => {
      expect(all(defaults, "aws_secretsmanager_secret_rotation")).toEqual([]);
      const keys = all(defaults, "aws_iam_access_key");
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        expect(key.lifecycle.replace_triggered_by).toEqual([
          expect.stringMatching(/^terraform_data\.[^.]*rotation/),
        ]);
      }
    },
  },
  {
    ids: ["CKV_AWS_40", "AVD-AWS-0143", "KICS: IAM Policies Attached To User"],
    rule: "IAM: users get permissions only through groups",
    verdict: byDefault,
    check: everywhere((stacks) => {
      expect(all(stacks, "aws_iam_user_policy")).toEqual([]);
      expect(all(stacks, "aws_iam_user_policy_attachment")).toEqual([]);
      expect(all(stacks, "aws_iam_policy_attachment")).toEqual([]);
      expect(all(stacks, "aws_iam_user_group_membership")).toHaveLength(
        all(stacks, "aws_iam_user").length,
      );
    }),
  },
  {
    ids: ["CKV_AWS_273"],
    rule: "IAM (argued): SMTP users exist, without console password, one access key each, under /ses-smtp/",
    verdict: argued,
    check: () => {
      const users = all(defaults, "aws_iam_user");
      expect(users.length).toBeGreaterThan(0);
      expect(all(defaults, "aws_iam_user_login_profile")).toEqual([]);
      expect(all(defaults, "aws_iam_access_key")).toHaveLength(users.length);
      for (const user of users) expect(user.path).toBe("/ses-smtp/");
    },
  },
  {
    ids: ["AVD-AWS-0123"],
    rule: "IAM (argued): group policies have no MFA condition and allow only sending",
    verdict: argued,
    check: () => {
      const sends = statements(defaults).filter((s) => s.Sid === "SendAsIdentity");
      expect(sends.length).toBe(all(defaults, "aws_iam_group").length);
      for (const statement of sends) {
        for (const action of statement.Action)
          expect(["ses:SendRawEmail", "ses:SendEmail"]).toContain(action);
        expect(conditionKeys(statement)).not.toContain("aws:MultiFactorAuthPresent");
      }
    },
  },
  {
    ids: [
      "CKV_AWS_1",
      "CKV_AWS_49",
      "CKV_AWS_62",
      "CKV_AWS_63",
      "CKV_AWS_107",
      "CKV_AWS_108",
      "CKV_AWS_109",
      "CKV_AWS_110",
      "CKV_AWS_111",
      "CKV_AWS_286",
      "CKV_AWS_287",
      "CKV_AWS_288",
      "CKV_AWS_289",
      "CKV_AWS_290",
      "CKV_AWS_355",
      "CKV_AWS_356",
      "AVD-AWS-0057",
    ],
    rule: "IAM: no Allow with a wildcard action or a `*` resource",
    verdict: byDefault,
    check: everywhere((stacks) => {
      expect(allows(stacks).length).toBeGreaterThan(0);
      for (const statement of allows(stacks)) {
        for (const action of statement.Action ?? []) expect(action).not.toMatch(/\*/);
        for (const resource of statement.Resource ?? []) expect(resource).not.toBe("*");
      }
    }),
  },
  {
    ids: ["CKV_AWS_60", "CKV_AWS_61"],
    rule: "IAM: role trust is one service, conditioned on the source account and ARN",
    verdict: byDefault,
    check: everywhere((stacks) => {
      const trusts = statements(stacks).filter((s) => s.Action?.includes("sts:AssumeRole"));
      expect(trusts.length).toBe(all(stacks, "aws_iam_role").length);
      for (const trust of trusts) {
        expect(trust.Principal).toEqual({
          Service: expect.stringMatching(/^[a-z]+\.amazonaws\.com$/),
        });
        expect(conditionKeys(trust)).toEqual(["aws:SourceAccount", "aws:SourceArn"]);
      }
    }),
  },
  {
    ids: ["CKV_AWS_274"],
    rule: "IAM: no AdministratorAccess (no managed policy attached at all)",
    verdict: byDefault,
    check: everywhere((stacks) => {
      expect(all(stacks, "aws_iam_role_policy_attachment")).toEqual([]);
      expect(all(stacks, "aws_iam_group_policy_attachment")).toEqual([]);
      for (const role of all(stacks, "aws_iam_role"))
        expect(role.managed_policy_arns).toBeUndefined();
    }),
  },
  {
    ids: ["KICS: IAM Access Analyzer Not Enabled"],
    rule: "IAM (argued): no Access Analyzer is created (it is account-level)",
    verdict: argued,
    check: () => expect(all(defaults, "aws_accessanalyzer_analyzer")).toEqual([]),
  },
  {
    ids: ["CKV_AWS_319"],
    rule: "CloudWatch: alarms have actions, enabled",
    verdict: byDefault,
    check: everywhere((stacks) => {
      const alarms = all(stacks, "aws_cloudwatch_metric_alarm");
      expect(alarms.length).toBeGreaterThan(0);
      for (const alarm of alarms) {
        expect(alarm.actions_enabled).toBeUndefined(); // the provider's default: true
        expect(alarm.alarm_actions.length).toBeGreaterThan(0);
      }
    }),
  },
  {
    ids: ["CKV_AWS_365"],
    rule: "SES: configuration sets require TLS",
    verdict: byDefault,
    check: () => {
      for (const set of all(example, "aws_ses_configuration_set"))
        expect(set.delivery_options.tls_policy).toBe("Require");
      // The fleet fixture loosens exactly one set on purpose: the option exists, the default holds.
      const policies = all(defaults, "aws_ses_configuration_set").map((s) => [
        s.name,
        s.delivery_options.tls_policy,
      ]);
      expect(policies.filter(([, p]) => p !== "Require")).toEqual([["receipts", "Optional"]]);
    },
  },
];

const ENDPOINT_RULES: ScannerRule[] = [
  {
    ids: ["CKV_AWS_23", "AVD-AWS-0099", "AVD-AWS-0124"],
    rule: "Security groups: every group and rule has a description",
    verdict: byDefault,
    check: everywhere((stacks) => {
      expect(all(stacks, "aws_vpc_security_group_ingress_rule").length).toBeGreaterThan(0);
      for (const rule of all(stacks, "aws_vpc_security_group_ingress_rule"))
        expect(rule.description).toMatch(/^(SMTP \d+|HTTPS 443) from account /);
      for (const group of all(stacks, "aws_security_group")) expect(group.description).toBeTruthy();
    }),
  },
  {
    ids: ["CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_260", "CKV_AWS_277", "AVD-AWS-0107"],
    rule: "Security groups: no ingress from 0.0.0.0/0 or ::/0",
    verdict: byDefault,
    check: everywhere((stacks) => {
      for (const rule of all(stacks, "aws_vpc_security_group_ingress_rule")) {
        expect(rule.cidr_ipv4).not.toBe("0.0.0.0/0");
        expect(rule.cidr_ipv6).toBeUndefined();
      }
      for (const group of all(stacks, "aws_security_group")) expect(group.ingress).toBeUndefined();
    }),
  },
  {
    ids: ["CKV_AWS_382", "AVD-AWS-0104"],
    rule: "Security groups: no unrestricted egress",
    verdict: byDefault,
    check: everywhere((stacks) => {
      expect(all(stacks, "aws_vpc_security_group_egress_rule")).toEqual([]);
      for (const group of all(stacks, "aws_security_group")) expect(group.egress).toEqual([]);
    }),
  },
  {
    ids: ["CKV2_AWS_5"],
    rule: "Security groups: every group is attached",
    verdict: byDefault,
    check: everywhere((stacks) => {
      const attached = all(stacks, "aws_vpc_endpoint").flatMap((e) => e.security_group_ids);
      expect(all(stacks, "aws_security_group")).toHaveLength(attached.length);
    }),
  },
  {
    ids: ["KICS: Sensitive Port Is Exposed To Wide Private Network"],
    rule: "Security groups (argued): SMTP ports and the API's HTTPS 443 are open exactly to the configured account CIDRs",
    verdict: argued,
    check: () => {
      const cidrs = exampleConfig().accounts.flatMap((a) => a.smtp?.cidrs ?? []);
      const rules = all(example, "aws_vpc_security_group_ingress_rule");
      const onPorts = (ports: number[]) =>
        rules.filter((r) => ports.includes(r.from_port) && r.to_port === r.from_port);
      // Each CIDR once per endpoint: on the SMTP port(s) and, the example's hub offering the API, on 443.
      expect(
        onPorts([...SMTP_PORTS])
          .map((r) => r.cidr_ipv4)
          .sort(),
      ).toEqual([...cidrs].sort());
      expect(
        onPorts([SES_API_PORT])
          .map((r) => r.cidr_ipv4)
          .sort(),
      ).toEqual([...cidrs].sort());
      expect(rules).toHaveLength(onPorts([...SMTP_PORTS, SES_API_PORT]).length);
    },
  },
  {
    ids: ["CKV2_AWS_38", "CKV2_AWS_39"],
    rule: "Route 53 (argued): the zone is private; DNSSEC signing and query logging exist for public zones only",
    verdict: argued,
    check: () => {
      const zones = all(defaults, "aws_route53_zone");
      expect(zones.length).toBeGreaterThan(0);
      for (const zone of zones) expect(zone.vpc.length).toBeGreaterThan(0);
    },
  },
  {
    ids: ["CKV2_AWS_23"],
    rule: "Route 53: A records point at a resource",
    verdict: byDefault,
    check: everywhere((stacks) => {
      const records = all(stacks, "aws_route53_record").filter((r) => r.type === "A");
      expect(records.length).toBeGreaterThan(0);
      for (const record of records) expect(record.alias.name).toMatch(/^\$\{aws_vpc_endpoint\./);
    }),
  },
];

export const SCANNER_RULES: ScannerRule[] = [
  ...S3_RULES,
  ...STREAM_AND_LOG_RULES,
  ...SENDING_RULES,
  ...ENDPOINT_RULES,
];

describe("scanner rules", () => {
  test.each(SCANNER_RULES.map((r) => [`${r.ids.join(" / ")}: ${r.rule}`, r]))("%s", (_name, r) =>
    (r as ScannerRule).check(),
  );
});

/** The rows of the README's security table: [rule ids, verdict], backticks removed. */
function readmeRows(): string[][] {
  const readme = docText("docs/security.md");
  const table = /<!-- scanner-rules:start -->([\s\S]*)<!-- scanner-rules:end -->/.exec(readme);
  return (table?.[1] ?? "")
    .split("\n")
    .filter((line) => line.startsWith("| ") && !/^\| (Rule ids|-)/.test(line))
    .map((line) =>
      line
        .slice(2, -2)
        .split(" | ")
        .map((cell) => cell.replace(/`/g, "").trim()),
    );
}

/** A verdict cell as the catalogue names it: "passes", the option, or "argued". */
const verdictOf = (text: string): string =>
  text.startsWith("passes with ") ? text.split(/[ ,(]/)[2] : text.split(/[ :(]/)[0];
const expectedVerdict = (r: ScannerRule): string =>
  r.verdict.kind === "option"
    ? r.verdict.option
    : r.verdict.kind === "default"
      ? "passes"
      : "argued";

describe("the README's security table", () => {
  test("lists every rule id the tests check, once, with the same verdict", () => {
    expect(readmeRows().map(([ids, , verdict]) => [ids, verdictOf(verdict)])).toEqual(
      SCANNER_RULES.map((r) => [r.ids.join(" / "), expectedVerdict(r)]),
    );
  });

  test("says why for every argued rule", () => {
    const argued = readmeRows().filter(([, , verdict]) => verdict.startsWith("argued"));
    expect(argued.length).toBe(SCANNER_RULES.filter((r) => r.verdict.kind === "argued").length);
    for (const [, , verdict] of argued) expect(verdict.length).toBeGreaterThan(40);
  });
});
