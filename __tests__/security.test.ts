/**
 * Security rules, each named after the checkov / trivy rule it mirrors, asserted on every
 * synthesized stack of the example and fleet configurations.
 */
import { fleetInput } from "../test-support/fleet";
import { config, exampleConfig, synthToDisk } from "../test-support/synth";

const stacks = [...synthToDisk(exampleConfig()), ...synthToDisk(config(fleetInput()))];
const all = (type: string): any[] =>
  stacks.flatMap((s) => Object.values(s.json.resource?.[type] ?? {}));
const documents = (): any[] =>
  stacks.flatMap((s) => Object.values(s.json.data?.aws_iam_policy_document ?? {}));
const bucketRef = (resource: any): string => resource.bucket;

describe("S3", () => {
  const buckets = stacks.flatMap((s) =>
    Object.keys(s.json.resource?.aws_s3_bucket ?? {}).map((name) => ({
      stack: s,
      ref: `\${aws_s3_bucket.${name}.id}`,
    })),
  );

  test("there are buckets to check", () => {
    expect(buckets.length).toBeGreaterThanOrEqual(3);
  });

  test("CKV_AWS_53-56 / AVD-AWS-0086..0094: every bucket blocks all public access", () => {
    const blocks = all("aws_s3_bucket_public_access_block");
    for (const { ref } of buckets) {
      expect(blocks.find((b) => bucketRef(b) === ref)).toMatchObject({
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
    }
  });

  test("CKV2_AWS_65: every bucket disables ACLs (BucketOwnerEnforced)", () => {
    const controls = all("aws_s3_bucket_ownership_controls");
    for (const { ref } of buckets) {
      expect(controls.find((c) => bucketRef(c) === ref).rule.object_ownership).toBe(
        "BucketOwnerEnforced",
      );
    }
  });

  test("CKV_AWS_19 / AVD-AWS-0088: every bucket has default encryption", () => {
    const encryption = all("aws_s3_bucket_server_side_encryption_configuration");
    for (const { ref } of buckets) {
      const rule = encryption.find((e) => bucketRef(e) === ref).rule[0];
      expect(["AES256", "aws:kms"]).toContain(
        rule.apply_server_side_encryption_by_default.sse_algorithm,
      );
    }
  });

  test("CKV_AWS_21 / AVD-AWS-0090: every bucket is versioned", () => {
    const versioning = all("aws_s3_bucket_versioning");
    for (const { ref } of buckets) {
      expect(versioning.find((v) => bucketRef(v) === ref).versioning_configuration.status).toBe(
        "Enabled",
      );
    }
  });

  test("CKV2_AWS_61: every bucket has a lifecycle rule", () => {
    const lifecycle = all("aws_s3_bucket_lifecycle_configuration");
    for (const { ref } of buckets)
      expect(lifecycle.find((l) => bucketRef(l) === ref).rule[0].status).toBe("Enabled");
  });

  test("s3-bucket-ssl-requests-only: every bucket policy denies non-TLS requests", () => {
    const policies = all("aws_s3_bucket_policy");
    expect(policies).toHaveLength(buckets.length);
    for (const policy of policies) {
      const documentName = /data\.aws_iam_policy_document\.([^.]+)\.json/.exec(policy.policy)![1];
      const document = stacks
        .map((s) => s.json.data?.aws_iam_policy_document?.[documentName])
        .find(Boolean);
      expect(document.statement).toContainEqual(
        expect.objectContaining({
          effect: "Deny",
          condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        }),
      );
    }
  });

  test("no bucket is force-destroyable by default", () => {
    for (const bucket of all("aws_s3_bucket")) expect(bucket.force_destroy).toBe(false);
  });
});

describe("Kinesis Data Firehose and logs", () => {
  test("CKV_AWS_240: every delivery stream is encrypted at rest", () => {
    const streams = all("aws_kinesis_firehose_delivery_stream");
    expect(streams.length).toBeGreaterThan(0);
    for (const stream of streams) expect(stream.server_side_encryption.enabled).toBe(true);
  });

  test("CKV_AWS_66: every log group has a retention period", () => {
    for (const group of all("aws_cloudwatch_log_group"))
      expect(group.retention_in_days).toBeGreaterThan(0);
  });
});

describe("IAM", () => {
  test("CKV_AWS_1 / CKV_AWS_355 / CKV_AWS_290: no Allow statement uses a wildcard action or resource", () => {
    const allows = documents()
      .flatMap((d) => d.statement)
      .filter((s: any) => s.effect === "Allow");
    expect(allows.length).toBeGreaterThan(0);
    for (const statement of allows) {
      for (const action of statement.actions ?? []) expect(action).not.toMatch(/\*/);
      for (const resource of statement.resources ?? []) expect(resource).not.toBe("*");
    }
  });

  test("confused deputy: every service trust policy is conditioned on aws:SourceAccount and aws:SourceArn", () => {
    const trusts = documents()
      .flatMap((d) => d.statement)
      .filter((s: any) => s.actions?.includes("sts:AssumeRole"));
    expect(trusts.length).toBeGreaterThanOrEqual(6);
    for (const trust of trusts) {
      const variables = trust.condition.map((c: any) => c.variable).sort();
      expect(variables).toEqual(["aws:SourceAccount", "aws:SourceArn"]);
      expect(trust.principals[0].type).toBe("Service");
    }
  });

  test("CKV_AWS_274 and exclusivity: no managed-policy attachment, no aws_iam_policy_attachment", () => {
    expect(all("aws_iam_policy_attachment")).toEqual([]);
    expect(all("aws_iam_role_policy_attachment")).toEqual([]);
  });
});

describe("Shared SMTP endpoint", () => {
  test("the example has endpoint security group rules to check", () => {
    expect(all("aws_vpc_security_group_ingress_rule").length).toBeGreaterThan(0);
  });

  test("CKV_AWS_24/25/260 / AVD-AWS-0107: no ingress rule is open to 0.0.0.0/0 or ::/0", () => {
    for (const rule of all("aws_vpc_security_group_ingress_rule")) {
      expect(rule.cidr_ipv4).not.toBe("0.0.0.0/0");
      expect(rule.cidr_ipv6).toBeUndefined();
    }
  });

  test("AVD-AWS-0124 / AVD-AWS-0099: every rule and group has a description", () => {
    for (const rule of all("aws_vpc_security_group_ingress_rule"))
      expect(rule.description).toMatch(/^SMTP \d+ from account /);
    for (const group of all("aws_security_group")) expect(group.description).toBeTruthy();
  });

  test("AVD-AWS-0104: security groups allow no egress", () => {
    expect(all("aws_vpc_security_group_egress_rule")).toEqual([]);
    for (const group of all("aws_security_group")) expect(group.egress).toBeUndefined();
  });

  test("CKV2_AWS_5: every security group is attached to the endpoint", () => {
    const attached = all("aws_vpc_endpoint").flatMap((e) => e.security_group_ids);
    expect(all("aws_security_group")).toHaveLength(attached.length);
  });
});

describe("Sending", () => {
  const topicPolicies = () =>
    documents().filter((d) => d.statement.some((s: any) => s.actions?.includes("sns:Publish")));

  test("there are alarm topic policies and sending users to check", () => {
    expect(topicPolicies().length).toBeGreaterThan(0);
    expect(all("aws_iam_user").length).toBeGreaterThan(0);
  });

  test("CKV_AWS_169 / SNS not public: only CloudWatch of the account may publish to the alarm topic", () => {
    for (const policy of topicPolicies()) {
      for (const statement of policy.statement) {
        expect(statement.principals).toEqual([
          { type: "Service", identifiers: ["cloudwatch.amazonaws.com"] },
        ]);
        expect(statement.condition.map((c: any) => c.variable).sort()).toEqual([
          "aws:SourceAccount",
          "aws:SourceArn",
        ]);
      }
    }
  });

  test("CKV_AWS_40: IAM users get permissions only through groups", () => {
    expect(all("aws_iam_user_policy")).toEqual([]);
    expect(all("aws_iam_user_policy_attachment")).toEqual([]);
    expect(all("aws_iam_user_group_membership")).toHaveLength(all("aws_iam_user").length);
  });

  test("SMTP users may only send: no action outside ses:SendRawEmail / ses:SendEmail", () => {
    const sending = documents()
      .flatMap((d) => d.statement)
      .filter((s: any) => s.sid === "SendAsIdentity");
    expect(sending.length).toBeGreaterThan(0);
    for (const statement of sending) {
      for (const action of statement.actions)
        expect(["ses:SendRawEmail", "ses:SendEmail"]).toContain(action);
    }
  });
});

describe("SES", () => {
  test("configuration sets require TLS unless explicitly loosened", () => {
    const policies = all("aws_ses_configuration_set").map((s) => [
      s.name,
      s.delivery_options.tls_policy,
    ]);
    expect(policies).toContainEqual(["tf-configuration-set", "Require"]);
    expect(policies).toContainEqual(["receipts", "Optional"]); // the fleet fixture loosens it on purpose
    expect(policies.filter(([, p]) => p === "Optional")).toHaveLength(1);
  });
});
