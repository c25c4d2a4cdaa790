/**
 * The security options against real Terraform: the hardened example (customer-managed keys, S3
 * access logging) validates and plans, the hub's state can hold no secret, and changing an SMTP
 * application's rotation label replaces its access key (new key first) while an unchanged label
 * plans no change.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SynthesizedStack, initOffline, terraform } from "../../src/review/offline-terraform";
import { hardenedExampleConfig } from "../../test-support/hardened";
import { accountInput, config, synthToDisk } from "../../test-support/synth";
import {
  managed,
  planStacks,
  testValidates,
  attachOneProvider,
} from "../../test-support/terraform";

jest.setTimeout(300_000);
attachOneProvider();

const hardened = synthToDisk(hardenedExampleConfig());
let plans: Map<string, any>;

beforeAll(() => {
  plans = planStacks(hardened);
});

testValidates(hardened);

test("the hardened example plans every customer-managed key and the access logging", () => {
  const tutorial = managed(plans.get("ses-tutorial"));
  const after = (type: string) => tutorial.find((c: any) => c.type === type).change.after;
  expect(after("aws_s3_bucket_logging").target_bucket).toBe("acme-s3-access-logs");
  expect(after("aws_kinesis_firehose_delivery_stream").server_side_encryption).toEqual([
    expect.objectContaining({ key_type: "CUSTOMER_MANAGED_CMK" }),
  ]);
  expect(after("aws_cloudwatch_log_group").kms_key_id).toMatch(/^arn:aws:kms:/);
});

describe("secrets in state", () => {
  const sensitive = (plan: any): string[] =>
    managed(plan)
      .filter((c: any) => JSON.stringify(c.change.after_sensitive ?? {}).includes("true"))
      .map((c: any) => c.address);

  test("an account stack with SMTP applications plans sensitive values (the check can see them)", () => {
    expect(sensitive(plans.get("ses-grafana"))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^aws_iam_access_key\./),
        expect.stringMatching(/^aws_secretsmanager_secret_version\./),
      ]),
    );
  });

  test("the hub stack's state can hold no secret: no planned resource value or output is sensitive", () => {
    const hub = plans.get("smtp-hub-us-east-1");
    expect(managed(hub).length).toBeGreaterThan(0);
    expect(sensitive(hub)).toEqual([]);
    const outputs = Object.values(hub.planned_values.outputs ?? {}) as any[];
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) expect(output.sensitive).toBe(false);
  });
});

describe("declarative SMTP key rotation", () => {
  const withRotation = (rotation: string) =>
    config({
      accounts: [
        accountInput({
          eventPublishing: undefined,
          sending: { domain: "example.com", applications: [{ name: "billing", rotation }] },
        }),
      ],
    });
  const [stack] = synthToDisk(withRotation("2026-05"));
  const [rotated] = synthToDisk(withRotation("2026-11"));
  const name = (s: SynthesizedStack, type: string): string =>
    Object.keys(s.json.resource[type]).find((n) => n.includes("billing"))!;
  const address = (type: string) => `${type}.${name(stack, type)}`;

  beforeAll(() => {
    initOffline(stack);
    terraform(stack.dir, [
      "apply",
      "-input=false",
      "-lock=false",
      "-no-color",
      "-auto-approve",
      `-target=${address("terraform_data")}`,
    ]);
    addApplied(stack, userAndKey(stack));
  });

  const actions = (plan: any, type: string): string[] =>
    managed(plan).find((c: any) => c.address === address(type)).change.actions;

  test("a stack deployed before rotation existed keeps its key: only the rotation is created", () => {
    const [before] = synthToDisk(withRotation("2026-05"));
    initOffline(before);
    addApplied(before, userAndKey(before));
    const plan = planWithoutRefresh(before);
    expect(actions(plan, "terraform_data")).toEqual(["create"]);
    expect(actions(plan, "aws_iam_access_key")).toEqual(["no-op"]);
  });

  test("an unchanged rotation label plans no change to the access key or the rotation", () => {
    const plan = planWithoutRefresh(stack);
    expect(actions(plan, "terraform_data")).toEqual(["no-op"]);
    expect(actions(plan, "aws_iam_access_key")).toEqual(["no-op"]);
  });

  test("a new rotation label replaces the access key, creating the new one first", () => {
    writeFileSync(join(stack.dir, "cdk.tf.json"), JSON.stringify(rotated.json));
    const plan = planWithoutRefresh(stack);
    expect(actions(plan, "terraform_data")).toEqual(["update"]);
    expect(actions(plan, "aws_iam_access_key")).toEqual(["create", "delete"]);
    const key = managed(plan).find((c: any) => c.address === address("aws_iam_access_key"));
    expect(key.action_reason).toBe("replace_by_triggers");
  });
});

/**
 * A state resource of `type` (named as in the stack) through the stack's aliased provider, with
 * the attributes the provider marks sensitive marked as Terraform records them.
 */
function instance(
  stack: SynthesizedStack,
  type: string,
  attributes: object,
  sensitive: string[] = [],
): object {
  const alias = stack.json.provider.aws[0].alias;
  return {
    mode: "managed",
    type,
    name: Object.keys(stack.json.resource[type]).find((n) => n.includes("billing")),
    provider: `provider["registry.terraform.io/hashicorp/aws"].${alias}`,
    instances: [
      {
        schema_version: 0,
        attributes,
        sensitive_attributes: sensitive.map((value) => [{ type: "get_attr", value }]),
      },
    ],
  };
}

/** The application's IAM user and access key as a state records them after an apply. */
function userAndKey(stack: SynthesizedStack): object[] {
  return [
    instance(stack, "aws_iam_user", {
      id: "ses-smtp-billing",
      name: "ses-smtp-billing",
      path: "/ses-smtp/",
      arn: "arn:aws:iam::222222222222:user/ses-smtp/ses-smtp-billing",
      force_destroy: false,
      tags_all: stack.json.provider.aws[0].default_tags[0].tags,
    }),
    instance(
      stack,
      "aws_iam_access_key",
      {
        id: "AKIAOFFLINE000000001",
        user: "ses-smtp-billing",
        status: "Active",
        secret: "offline",
        ses_smtp_password_v4: "offline",
      },
      ["secret", "ses_smtp_password_v4"],
    ),
  ];
}

/** A plan against the crafted state as it is (no refresh: there is no AWS to read from). */
function planWithoutRefresh(stack: SynthesizedStack): any {
  terraform(stack.dir, [
    "plan",
    "-refresh=false",
    "-lock=false",
    "-no-color",
    "-out=offline.tfplan",
  ]);
  return JSON.parse(terraform(stack.dir, ["show", "-json", "offline.tfplan"]));
}

/** Adds resources to the stack's offline state (a new one if none) as if they had been applied. */
function addApplied(stack: SynthesizedStack, resources: object[]): void {
  const file = join(stack.dir, "offline.tfstate");
  const state = existsSync(file)
    ? JSON.parse(readFileSync(file, "utf8"))
    : { version: 4, serial: 0, lineage: "offline-rotation", outputs: {}, resources: [] };
  state.resources.push(...resources);
  state.serial += 1;
  writeFileSync(file, JSON.stringify(state));
}
