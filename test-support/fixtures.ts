/**
 * Configuration fixtures (the example, minimal accounts, validated input) and helpers for
 * synthesized JSON, without cdktf: a test that only checks configuration loads this, not the
 * constructs. test-support/synth.ts adds synthesis and re-exports all of it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig, parseConfig, parseText } from "../src/config/load";
import type { SesConfig } from "../src/config/schema";

const EXAMPLE_FILE = join(__dirname, "..", "config", "example.yaml");

/** The example configuration committed in the repository. */
export function exampleConfig(): SesConfig {
  return loadConfig(EXAMPLE_FILE);
}

/** The example file parsed once per test file (a file calls exampleInput up to 119 times). */
let parsedExample: Record<string, unknown> | undefined;

/** The example configuration as parsed from its file, before validation: a fresh copy each call. */
export function exampleInput(): Record<string, unknown> {
  parsedExample ??= parseText(readFileSync(EXAMPLE_FILE, "utf8"), EXAMPLE_FILE) as Record<
    string,
    unknown
  >;
  return structuredClone(parsedExample);
}

/** Validates raw configuration input the way the app does. */
export function config(input: unknown): SesConfig {
  return parseConfig(input, "test-config");
}

/** A stack's JSON with the volatile `terraform` block (provider versions) removed, for snapshots. */

export function snapshotable(stackJson: any): unknown {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { terraform, ...rest } = stackJson;
  return rest;
}

/** `type.name` addresses of every resource and data source in a synthesized stack. */

export function addresses(stackJson: any): string[] {
  const list: string[] = [];
  for (const [type, byName] of Object.entries(stackJson.resource ?? {})) {
    for (const name of Object.keys(byName as object)) list.push(`${type}.${name}`);
  }
  for (const [type, byName] of Object.entries(stackJson.data ?? {})) {
    for (const name of Object.keys(byName as object)) list.push(`data.${type}.${name}`);
  }
  return list.sort();
}

/** A minimal valid account entry; override fields per test. */
export function accountInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "team-a",
    accountId: "222222222222",
    region: "us-east-1",
    roleArn: "arn:aws:iam::222222222222:role/terraform",
    eventPublishing: {
      configurationSets: [
        {
          name: "transactional",
          eventDestinations: [
            { name: "to-firehose", matchingTypes: ["send", "bounce"], firehose: {} },
            {
              name: "to-cloudwatch",
              matchingTypes: ["send"],
              cloudwatch: { dimensions: [{ name: "campaign", defaultValue: "unknown" }] },
            },
          ],
        },
      ],
    },
    ...overrides,
  };
}

/**
 * `value`, deep-frozen: a synthesized stack that the tests of a file share (built once in
 * `beforeAll`, as synthesis is the slow part) cannot be changed by one test for the next.
 */
export function frozen<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) frozen(child);
  }
  return value;
}
