import { ConfigError } from "../../src/config/config-error";
import { parseConfig, parseText } from "../../src/config/load";
import { configSchema } from "../../src/config/schema";
import { problems } from "../../test-support/problems";
import { setAt, stringFields } from "../../test-support/schema-fields";
import { accountInput, exampleInput } from "../../test-support/synth";

/** The message `parseText` or `parseConfig` throws for `text`. */
function refusal(text: string, source: string): string {
  try {
    parseConfig(parseText(text, source), source);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error(`${source} was accepted`);
}

describe("values are echoed at most about 100 characters", () => {
  test("a 5 MB value is shown by its start and its length", () => {
    expect(problems({ accounts: [accountInput({ name: "a".repeat(5_000_000) })] })).toEqual([
      `accounts[0].name must be 1-40 characters of lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen; got "${"a".repeat(60)}"… (5000000 characters).`,
    ]);
  });

  test("a value of 100 characters is shown whole", () => {
    const name = "A".repeat(98);
    expect(problems({ accounts: [accountInput({ name })] })[0]).toContain(`; got "${name}".`);
  });

  test("a key too long to echo is shortened, with its length", () => {
    expect(problems({ accounts: [accountInput({ ["k".repeat(1000)]: 1 })] })).toEqual([
      `accounts[0].${"k".repeat(40)}…(a key of 1000 characters) is not a known key (check the spelling; allowed here: name, accountId, region, roleArn, planRoleArn, tags, eventPublishing, smtp, sending, kmsKeyArn, adopt).`,
    ]);
  });

  test.each(stringFields(configSchema).filter((field) => !field.isKey))(
    "a huge value in $path, also repeated where a cross check compares it, gives short lines",
    (field) => {
      const input = exampleInput();
      const huge = `x${"y".repeat(20_000)}`;
      setAt(input, field.path, huge);
      if (field.path[0] === "accounts") setAt(input, ["accounts", 1, ...field.path.slice(2)], huge);
      const lines = problems(input);
      // $schema takes any string; every other field refuses a value of 20,001 characters.
      if (field.path[0] !== "$schema") expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line.length).toBeLessThan(1000);
    },
  );
});

describe("problems are listed all at once, up to 100", () => {
  test("150 problems: the count says 150, the first 100 are listed, then how many more", () => {
    const lines = refusal(JSON.stringify({ accounts: new Array(150).fill(1) }), "many.json").split(
      "\n",
    );
    expect(lines[0]).toBe("many.json has 150 problems; nothing was synthesized:");
    expect(lines.slice(1, 3)).toEqual([
      "  - accounts[0] must be an object; got 1.",
      "  - accounts[1] must be an object; got 1.",
    ]);
    expect(lines).toHaveLength(102);
    expect(lines[101]).toBe("  … and 50 more (fix these first).");
  });
});

describe("parser-level refusals name the file and where", () => {
  test("a YAML alias bomb is refused at its first alias, not expanded", () => {
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
      "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
      "accounts: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]",
    ].join("\n");
    expect(refusal(bomb, "bomb.yaml")).toBe(
      "bomb.yaml has 1 problem; nothing was synthesized:\n  - the configuration is not valid YAML: its aliases expand to too many nodes (excessive alias count indicates a resource exhaustion attack) at line 2, column 8.",
    );
  });

  test("a few aliases are fine", () => {
    expect(parseText("x: &a [1]\ny: *a\n", "ok.yaml")).toEqual({ x: [1], y: [1] });
  });

  test("a repeated JSON key is refused as YAML's are, with where", () => {
    expect(
      refusal('{\n  "tags": {},\n  "accounts": [],\n  "tags": {"a": "b"}\n}', "dup.json"),
    ).toBe(
      "dup.json has 1 problem; nothing was synthesized:\n  - the configuration is not valid JSON: Map keys must be unique at line 4, column 3.",
    );
  });

  test("a deeply nested file is refused, not a crash", () => {
    const deep = `${"[".repeat(50_000)}${"]".repeat(50_000)}`;
    expect(refusal(deep, "deep.yaml")).toMatch(
      /^deep\.yaml has 1 problem; nothing was synthesized:\n {2}- the configuration is not valid YAML: nested too deeply at line 1, column \d+\.$/,
    );
    expect(refusal(deep, "deep.json")).toBe(
      "deep.json has 1 problem; nothing was synthesized:\n  - the configuration must be an object; got a list of 1.",
    );
  });
});
