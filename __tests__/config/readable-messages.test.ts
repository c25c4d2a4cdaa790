import {
  ConfigError,
  GROUPED_FROM,
  MAX_LISTED_PROBLEMS,
  MAX_NAMED_ITEMS,
  MAX_REPORT_CHARACTERS,
} from "../../src/config/config-error";
import { parseConfig, parseText } from "../../src/config/load";
import { configSchema } from "../../src/config/schema";
import { adoptedInput } from "../../test-support/adopt";
import { problems } from "../../test-support/problems";
import { setAt, stringFields } from "../../test-support/schema-fields";
import { accountInput, exampleInput } from "../../test-support/fixtures";
import { allDocs } from "../../test-support/docs";

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

describe("problems are listed all at once, bounded", () => {
  test("one problem at 150 places is one line: the count, the first places, the value", () => {
    const lines = refusal(JSON.stringify({ accounts: new Array(150).fill(1) }), "many.json").split(
      "\n",
    );
    expect(lines).toEqual([
      "many.json has 150 problems; nothing was synthesized:",
      "  - each of 150 places (accounts[0], accounts[1], accounts[2] and 147 more) must be an object; got 1.",
    ]);
  });

  test("a message repeated at four places or fewer is listed at each", () => {
    const lines = refusal(JSON.stringify({ accounts: new Array(4).fill(1) }), "few.json").split(
      "\n",
    );
    expect(lines.slice(1)).toEqual(
      [0, 1, 2, 3].map((i) => `  - accounts[${i}] must be an object; got 1.`),
    );
  });

  test("150 different short problems: the count says 150, 100 are listed, then how many more", () => {
    // An account id written as a number is answered with its own 12-digit form.
    const accounts = Array.from({ length: 150 }, (_, i) => ({
      name: `team-${i}`,
      accountId: 100000000000 + i,
      region: "us-east-1",
    }));
    const lines = refusal(JSON.stringify({ accounts }), "many.json").split("\n");
    expect(lines[0]).toBe("many.json has 150 problems; nothing was synthesized:");
    expect(lines[1]).toBe(
      '  - accounts[0].accountId must be 12 digits in quotes (unquoted, YAML reads a number and drops leading zeros): write "100000000000" if that is the account; got 100000000000.',
    );
    expect(lines).toHaveLength(MAX_LISTED_PROBLEMS + 2);
    expect(lines.at(-1)).toBe("  … and 50 more (fix these first).");
  });

  test("150 long problems: the count says 150, lines are listed up to the report's character cap, then how many more", () => {
    // Each region outside SES's list is its own message (it quotes the region).
    const letters = (i: number) => String.fromCharCode(97 + Math.floor(i / 26), 97 + (i % 26));
    const accounts = Array.from({ length: 150 }, (_, i) => ({
      name: `team-${i}`,
      accountId: String(300000000000 + i),
      region: `zz-${letters(i)}-1`,
    }));
    const lines = refusal(JSON.stringify({ accounts }), "many.json").split("\n");
    expect(lines[0]).toBe("many.json has 150 problems; nothing was synthesized:");
    expect(lines[1]).toMatch(/^ {2}- accounts\[0\]\.region must be a region where SES/);
    const listed = lines.length - 2;
    expect(lines.at(-1)).toBe(`  … and ${150 - listed} more (fix these first).`);
    expect(lines.slice(1, -1).join("\n").length).toBeLessThanOrEqual(MAX_REPORT_CHARACTERS);
    expect(listed).toBeLessThan(MAX_LISTED_PROBLEMS);
  });

  test("150 ingress rules naming renamed accounts: a short report, each rule's line bounded", () => {
    const input = adoptedInput();
    input.smtpHubs[0].adopt.ingressRules = Array.from({ length: 150 }, (_, i) => ({
      id: `sgr-${String(i).padStart(17, "0")}`,
      account: `old-${i}`,
      cidr: "10.1.0.0/16",
      port: 587,
    }));
    const others = Array.from({ length: 150 }, (_, i) => ({
      ...accountInput({
        name: `renamed-${i}`,
        accountId: String(300000000000 + i),
        roleArn: undefined,
      }),
      smtp: {
        vpcId: `vpc-${String(i).padStart(17, "0")}`,
        cidrs: [`10.${100 + Math.floor(i / 50)}.${i % 50}.0/24`],
      },
      eventPublishing: undefined,
    }));
    input.accounts.push(...others);
    input.smtpHubs[0].quotas = { inboundRulesPerSecurityGroup: 1000 };
    const message = refusal(JSON.stringify(input), "renamed.json");
    expect(message.split("\n")).toEqual([
      "renamed.json has 150 problems; nothing was synthesized:",
      '  - each of 150 places (smtpHubs[0].adopt.ingressRules[0].account, smtpHubs[0].adopt.ingressRules[1].account, smtpHubs[0].adopt.ingressRules[2].account and 147 more) must name an account with smtp in the hub\'s region (tutorial, renamed-0, renamed-1, renamed-2, renamed-3 and 146 more); got "old-0", "old-1", "old-2" and 147 more.',
    ]);
  });
});

test("the docs' figures for bounded reports are the code's", () => {
  const readme = allDocs().replace(/\s+/g, " ");
  expect(readme).toContain(`One message at ${GROUPED_FROM} places or more is one line`);
  expect(readme).toContain(`the first ${MAX_NAMED_ITEMS} places and values`);
  expect(readme).toContain(
    `at most ${MAX_LISTED_PROBLEMS} lines or ${MAX_REPORT_CHARACTERS.toLocaleString("en-US")} characters`,
  );
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
