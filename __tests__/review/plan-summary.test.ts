import {
  StackPlan,
  planStream,
  plannedChanges,
  report,
  summaryTable,
} from "../../src/review/plan-summary";

const stack = {
  name: "ses-a",
  dir: "",
  json: {
    provider: { aws: [{ alias: "a" }] },
    resource: {
      aws_sns_topic: { topic: { provider: "aws.a" } },
      aws_ses_event_destination: { d: { provider: "aws.a" } },
      terraform_data: { wait: {} },
    },
  },
};

/** A `resource_changes` entry of `terraform show -json`. */
const resourceChange = (address: string, change: object, extra: object = {}) => {
  const [type, name] = address.split(".");
  return { address, mode: "managed", type, name, change, ...extra };
};

describe("changes from terraform show -json of the saved plan", () => {
  test("an import block's adoption and a removed block's forget are their own actions, never deletions", () => {
    const plan = {
      resource_changes: [
        resourceChange("aws_ses_event_destination.d", { actions: ["forget"], before: {} }),
        resourceChange("aws_sns_topic.topic", {
          actions: ["no-op"],
          importing: { id: "arn:aws:sns:us-east-1:111111111111:t" },
          before: {},
          after: {},
        }),
      ],
    };
    const changes = plannedChanges(stack, plan);
    expect(changes).toEqual([
      {
        address: "aws_ses_event_destination.d",
        action: "forget",
        provider: "aws.a",
        attributes: [],
      },
      {
        address: "aws_sns_topic.topic",
        action: "import",
        provider: "aws.a",
        attributes: [],
        importId: "arn:aws:sns:us-east-1:111111111111:t",
      },
    ]);
    const text = report({ name: "ses-a", seconds: 1, changes, errors: [], notes: [] });
    expect(text).toContain("1 to import, 1 to forget");
    expect(text).not.toContain("!!");
    expect(summaryTable([{ name: "ses-a", seconds: 1, changes, errors: [], notes: [] }])).toContain(
      "ses-a  new         0       0       0        0      1.0",
    );
  });

  test("an update lists the top-level attributes whose value changes or becomes unknown", () => {
    const plan = {
      resource_changes: [
        resourceChange("aws_sns_topic.topic", {
          actions: ["update"],
          before: { name: "t", tags_all: { A: "1" }, arn: "x", policy: "p" },
          after: { name: "t", tags_all: { A: "2" }, policy: "p" },
          after_unknown: { arn: true },
        }),
      ],
    };
    expect(plannedChanges(stack, plan)).toEqual([
      {
        address: "aws_sns_topic.topic",
        action: "update",
        provider: "aws.a",
        attributes: ["arn (known after apply)", "tags_all"],
      },
    ]);
  });

  test("a value unknown deep inside a block is labelled (known after apply) at its path, and only known parts are compared", () => {
    const plan = {
      resource_changes: [
        resourceChange("aws_sns_topic.topic", {
          actions: ["update"],
          before: {
            name: "t",
            extended_s3_configuration: [{ bucket_arn: "arn:aws:s3:::old", buffering_interval: 60 }],
            logging: [{ group: "g", stream: "s" }],
          },
          after: {
            name: "t",
            extended_s3_configuration: [{ buffering_interval: 60 }],
            logging: [{ group: "g2" }],
          },
          after_unknown: {
            extended_s3_configuration: [{ bucket_arn: true }],
            logging: [{ stream: true }],
          },
        }),
      ],
    };
    expect(plannedChanges(stack, plan)[0].attributes).toEqual([
      "extended_s3_configuration[0].bucket_arn (known after apply)",
      "logging",
      "logging[0].stream (known after apply)",
    ]);
  });

  test("a deletion or replacement of what holds data says what is lost, from the applied state", () => {
    const gone = (address: string, before: object, actions = ["delete"]) =>
      resourceChange(
        address,
        { actions, before },
        { action_reason: "replace_because_cannot_update" },
      );
    const plan = {
      resource_changes: [
        gone("aws_s3_bucket.events", { bucket: "ev", force_destroy: false }, ["delete", "create"]),
        gone("aws_s3_bucket.forced", { bucket: "fd", force_destroy: true }),
        gone("aws_cloudwatch_log_group.events", { name: "/g" }),
        gone("aws_secretsmanager_secret.app", { name: "ses-smtp/app", recovery_window_in_days: 7 }),
        gone("aws_sns_topic.topic", { name: "t" }),
      ],
    };
    expect(
      Object.fromEntries(plannedChanges(stack, plan).map((c) => [c.address, c.consequence])),
    ).toEqual({
      "aws_cloudwatch_log_group.events": "every log event in log group /g is deleted",
      "aws_s3_bucket.events":
        'bucket ev must be empty: if it holds objects, the apply fails with BucketNotEmpty after the bucket\'s policy, public access block, encryption and lifecycle are removed (see docs/review.md "Rename or remove the event bucket")',
      "aws_s3_bucket.forced": "every object in bucket fd is deleted with it (force_destroy)",
      "aws_secretsmanager_secret.app":
        "secret ses-smtp/app is scheduled for deletion (restorable for 7 days) and its name cannot be reused until then",
      "aws_sns_topic.topic": undefined,
    });
  });

  test("a replacement carries Terraform's replace_paths and reason; create-first is noted", () => {
    const plan = {
      resource_changes: [
        resourceChange(
          "aws_ses_event_destination.d",
          {
            actions: ["create", "delete"],
            replace_paths: [
              ["matching_types"],
              ["cloudwatch_destination", 0, "dimension_configuration"],
            ],
          },
          { action_reason: "replace_because_cannot_update" },
        ),
      ],
    };
    expect(plannedChanges(stack, plan)).toEqual([
      {
        address: "aws_ses_event_destination.d",
        action: "replace",
        provider: "aws.a",
        attributes: ["matching_types", "cloudwatch_destination[0].dimension_configuration"],
        reason: "replace_because_cannot_update",
        createFirst: true,
      },
    ]);
  });

  test("a resource only in the state is a deletion on the stack's one provider; no-ops and data reads are left out", () => {
    const plan = {
      resource_changes: [
        resourceChange(
          "aws_iam_user.gone",
          { actions: ["delete"] },
          {
            action_reason: "delete_because_no_resource_config",
          },
        ),
        resourceChange("terraform_data.wait", { actions: ["no-op"] }),
        { ...resourceChange("aws_iam_policy_document.p", { actions: ["read"] }), mode: "data" },
      ],
    };
    expect(plannedChanges(stack, plan)).toEqual([
      {
        address: "aws_iam_user.gone",
        action: "delete",
        provider: "aws.a",
        attributes: [],
        reason: "delete_because_no_resource_config",
      },
    ]);
  });

  test("terraform plan -json gives each change's action and provider, and errors one line each", () => {
    const stdout = [
      JSON.stringify({ type: "version", terraform: "1.11.4" }),
      JSON.stringify({
        type: "planned_change",
        change: {
          action: "create",
          resource: {
            addr: "terraform_data.wait",
            resource_type: "terraform_data",
            resource_name: "wait",
          },
        },
      }),
      JSON.stringify({
        type: "planned_change",
        change: {
          action: "replace",
          resource: {
            addr: "aws_sns_topic.topic",
            resource_type: "aws_sns_topic",
            resource_name: "topic",
          },
        },
      }),
      JSON.stringify({
        type: "diagnostic",
        diagnostic: {
          severity: "error",
          summary: "Invalid reference",
          detail: "No attribute x.",
          address: "aws_sns_topic.topic",
        },
      }),
      JSON.stringify({ type: "diagnostic", diagnostic: { severity: "warning", summary: "w" } }),
    ].join("\n");
    expect(planStream(stack, stdout)).toEqual({
      changes: [
        { address: "aws_sns_topic.topic", action: "replace", provider: "aws.a", attributes: [] },
        { address: "terraform_data.wait", action: "create", provider: "terraform", attributes: [] },
      ],
      errors: ["Invalid reference: No attribute x. (aws_sns_topic.topic)"],
    });
  });
});

const local = {
  kind: "local",
  path: "/p/terraform-state/ses-a.tfstate",
  shown: "terraform-state/ses-a.tfstate",
} as const;

const plan = (fields: Partial<StackPlan>): StackPlan => ({
  name: "ses-a",
  seconds: 1,
  changes: [],
  errors: [],
  notes: [],
  ...fields,
});

describe("a stack's group of lines", () => {
  test("against the last applied state: every change with why, !! on what is destroyed", () => {
    const text = report(
      plan({
        against: local,
        changes: [
          {
            address: "aws_iam_user.gone",
            action: "delete",
            provider: "aws.a",
            attributes: [],
            reason: "delete_because_no_resource_config",
          },
          {
            address: "aws_sns_topic.topic",
            action: "update",
            provider: "aws.a",
            attributes: ["tags_all"],
          },
          {
            address: "aws_ses_event_destination.d",
            action: "replace",
            provider: "aws.a",
            attributes: ["matching_types"],
            reason: "replace_because_cannot_update",
          },
          {
            address: "aws_iam_access_key.k",
            action: "replace",
            provider: "aws.a",
            attributes: [],
            reason: "replace_by_triggers",
            createFirst: true,
          },
          {
            address: "aws_cloudwatch_log_group.events",
            action: "delete",
            provider: "aws.a",
            attributes: [],
            reason: "delete_because_no_resource_config",
            consequence: "every log event in log group /g is deleted",
          },
        ],
      }),
    );
    expect(text.split("\n")).toEqual([
      "",
      "== ses-a: 1 to update, 2 to delete, 2 to replace (against the last applied state terraform-state/ses-a.tfstate)",
      "  -  aws_iam_user.gone  [aws.a]  !! destroyed: no longer in the configuration",
      "  ~  aws_sns_topic.topic  [aws.a]  changes tags_all",
      "  -+ aws_ses_event_destination.d  [aws.a]  !! replaced: matching_types cannot be updated in place",
      "  -+ aws_iam_access_key.k  [aws.a]  !! replaced (new one created first): its replace_triggered_by changed",
      "  -  aws_cloudwatch_log_group.events  [aws.a]  !! destroyed: no longer in the configuration; every log event in log group /g is deleted",
      "  !! 4 deletion(s) or replacement(s): review before deploying.",
    ]);
  });

  test("a stack without state says everything is created, with its notes", () => {
    const text = report(
      plan({
        notes: ["smtp-hub-us-east-1 has no state yet: the outputs read from it are placeholders."],
        changes: [
          { address: "aws_sns_topic.topic", action: "create", provider: "aws.a", attributes: [] },
        ],
      }),
    );
    expect(text.split("\n")).toEqual([
      "",
      "== ses-a: 1 to create (new stack: everything is created)",
      "  note: smtp-hub-us-east-1 has no state yet: the outputs read from it are placeholders.",
      "  +  aws_sns_topic.topic  [aws.a]",
    ]);
  });

  test("a refused stack is not planned, and says why", () => {
    const text = report(
      plan({
        against: local,
        refused: true,
        errors: ["terraform-state/ses-a.tfstate is not Terraform state"],
      }),
    );
    expect(text.split("\n")).toEqual([
      "",
      "== ses-a: not planned",
      "  error: terraform-state/ses-a.tfstate is not Terraform state",
    ]);
  });
});

test("the summary table has one row per stack with the state planned against and its serial and lineage, failures marked", () => {
  const plans: StackPlan[] = [
    plan({
      name: "smtp-hub-us-east-1",
      seconds: 4.71,
      version: { serial: 12, lineage: "1a2b3c4d-5e6f-7a8b" },
      against: {
        kind: "s3",
        bucket: "b",
        key: "ses/smtp-hub-us-east-1.tfstate",
        region: "us-east-1",
        shown: "s3://b/ses/smtp-hub-us-east-1.tfstate",
      },
      changes: [
        { address: "a.b", action: "create", provider: "aws.hub", attributes: [] },
        { address: "a.c", action: "replace", provider: "aws.hub", attributes: [] },
      ],
    }),
    plan({ name: "ses-a", seconds: 12, errors: ["boom"] }),
    plan({ name: "ses-b", against: local, refused: true, errors: ["not state"] }),
  ];
  expect(summaryTable(plans)).toBe(
    [
      "",
      "stack                state                           create  update  delete  replace  seconds",
      "smtp-hub-us-east-1   s3 serial 12, lineage 1a2b3c4d       1       0       0        1      4.7",
      "ses-a (FAILED)       new                                  0       0       0        0     12.0",
      "ses-b (NOT PLANNED)  local                                0       0       0        0      1.0",
    ].join("\n"),
  );
});
