import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  adoptEntries,
  boundedInOrder,
  planBasis,
  planStack,
  planningFleet,
  removeStateCopies,
  removeStateCopiesOnSignal,
} from "../../src/review/plan";
import { report } from "../../src/review/plan-summary";
import { adoptedInput } from "../../test-support/adopt";
import { config, exampleInput, synthToDisk } from "../../test-support/synth";

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

describe("stacks with adopt entries are not planned offline", () => {
  const stacks = synthToDisk(config(adoptedInput()));
  const stack = (name: string) => stacks.find((s) => s.name === name)!;

  test("the hub's import blocks and adopted data sources are named, with what to do instead", () => {
    expect(adoptEntries(stack("smtp-hub-us-east-1"))).toBe(
      'it has adopt entries (6 import block(s), data.aws_route53_zone.adopted_email-smtp, data.aws_security_group.adopted_email-smtp_0, data.aws_vpc_endpoint.adopted_email-smtp): an offline plan cannot import or read them; plan the imports with npm run adopt -- --plan (credentials needed), and after the import apply remove the adopt entries (docs/adopting.md "Coming from the article / the tutorial", step 5).',
    );
    expect(adoptEntries(stack("ses-tutorial"))).toMatch(/^it has adopt entries \(10 import block/);
  });

  test("without adopt entries a stack is planned: remote state and policy documents read nothing", () => {
    for (const s of synthToDisk(config(exampleInput()))) expect(adoptEntries(s)).toBeUndefined();
  });

  test("the refusal is reported as not planned, and fails the run like a refused state", async () => {
    const hub = stack("smtp-hub-us-east-1");
    const root = mkdtempSync(join(tmpdir(), "ses-plan-test-"));
    writeFileSync(join(root, "cdktf.json"), "{}");
    try {
      const basis = await planBasis(hub, planningFleet([hub], root));
      expect(basis.refused).toBe(adoptEntries(hub));
      const plan = await planStack(hub, basis);
      expect(plan.refused).toBe(true);
      expect(plan.errors).toEqual([adoptEntries(hub)]);
      expect(report(plan).split("\n").slice(1, 3)).toEqual([
        "== smtp-hub-us-east-1: not planned",
        `  error: ${adoptEntries(hub)}`,
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("state copies and saved plans never outlive a run", () => {
  let dir: string;
  const leftovers = () =>
    ["ses-a", "ses-b"].flatMap((s) =>
      ["offline.tfstate", "offline.tfplan", "main.tf.json"].filter((f) =>
        existsSync(join(dir, "stacks", s, f)),
      ),
    );
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "ses-plan-test-"));
    for (const s of ["ses-a", "ses-b"]) {
      mkdirSync(join(dir, "stacks", s), { recursive: true });
      for (const f of ["offline.tfstate", "offline.tfplan", "main.tf.json"])
        writeFileSync(join(dir, "stacks", s, f), "{}");
    }
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test("a run starts by deleting what an interrupted one left in any stack directory", () => {
    removeStateCopies(dir);
    expect(leftovers()).toEqual(["main.tf.json", "main.tf.json"]);
    removeStateCopies(join(dir, "nothing-synthesized-yet"));
  });

  test.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)("%s deletes them and exits with %i", (signal, status) => {
    const exit = jest.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    const signals = ["SIGINT", "SIGTERM"] as const;
    const before = signals.map((s) => process.listeners(s));
    try {
      removeStateCopiesOnSignal(dir);
      process.emit(signal);
      expect(leftovers()).toEqual(["main.tf.json", "main.tf.json"]);
      expect(exit).toHaveBeenCalledWith(status);
    } finally {
      exit.mockRestore();
      signals.forEach((s, i) =>
        process
          .listeners(s)
          .filter((l) => !before[i].includes(l))
          .forEach((l) => process.removeListener(s, l)),
      );
    }
  });
});
