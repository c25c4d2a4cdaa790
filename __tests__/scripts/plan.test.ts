import { StackPlan, boundedInOrder, parsePlanOutput, summaryTable } from "../../scripts/plan";

const delay = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe("plans at once, output in order", () => {
  test("never runs more than the bound at once", async () => {
    let running = 0;
    let most = 0;
    await boundedInOrder(
      [1, 2, 3, 4, 5],
      2,
      async (n) => {
        most = Math.max(most, ++running);
        await delay(5 * n);
        running--;
      },
      () => undefined,
    );
    expect(most).toBe(2);
  });

  test("hands results on in the items' order, even when later ones finish first", async () => {
    const printed: string[] = [];
    const results = await boundedInOrder(
      ["slow", "fast", "faster"],
      3,
      async (name) => {
        await delay({ slow: 30, fast: 10, faster: 1 }[name]!);
        return name;
      },
      (name) => printed.push(name),
    );
    expect(printed).toEqual(["slow", "fast", "faster"]);
    expect(results).toEqual(printed);
  });
});

describe("terraform plan -json output", () => {
  const stack = {
    name: "ses-a",
    dir: "",
    json: {
      resource: { aws_sns_topic: { topic: { provider: "aws.a" } }, terraform_data: { wait: {} } },
    },
  };
  const line = (message: object) => JSON.stringify(message);

  test("each planned change with its action and the provider from the stack", () => {
    const stdout = [
      line({ type: "version", terraform: "1.11.4" }),
      line({
        type: "planned_change",
        change: {
          action: "replace",
          resource: {
            addr: "terraform_data.wait",
            resource_type: "terraform_data",
            resource_name: "wait",
          },
        },
      }),
      line({
        type: "planned_change",
        change: {
          action: "create",
          resource: {
            addr: "aws_sns_topic.topic",
            resource_type: "aws_sns_topic",
            resource_name: "topic",
          },
        },
      }),
      line({ type: "change_summary", changes: { add: 2 } }),
    ].join("\n");
    expect(parsePlanOutput(stack, stdout)).toEqual({
      changes: [
        { address: "aws_sns_topic.topic", action: "create", provider: "aws.a" },
        { address: "terraform_data.wait", action: "replace", provider: "terraform" },
      ],
      errors: [],
    });
  });

  test("error diagnostics become one line each, with their address", () => {
    const stdout = line({
      type: "diagnostic",
      diagnostic: {
        severity: "error",
        summary: "Invalid reference",
        detail: "No attribute x.",
        address: "aws_sns_topic.topic",
      },
    });
    expect(parsePlanOutput(stack, stdout).errors).toEqual([
      "Invalid reference: No attribute x. (aws_sns_topic.topic)",
    ]);
  });
});

test("the summary table has one row per stack, failures marked", () => {
  const plans: StackPlan[] = [
    {
      name: "smtp-hub-us-east-1",
      seconds: 4.71,
      errors: [],
      changes: [
        { address: "a.b", action: "create", provider: "aws.hub" },
        { address: "a.c", action: "replace", provider: "aws.hub" },
      ],
    },
    { name: "ses-a", seconds: 12, errors: ["boom"], changes: [] },
  ];
  expect(summaryTable(plans)).toBe(
    [
      "",
      "stack               create  update  delete  replace  seconds",
      "smtp-hub-us-east-1       1       0       0        1      4.7",
      "ses-a (FAILED)           0       0       0        0     12.0",
    ].join("\n"),
  );
});
