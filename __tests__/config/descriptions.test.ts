import { CONFIG_DESCRIPTIONS } from "../../src/config/descriptions";
import {
  configJsonSchemaObject,
  configKeyDescriptions,
  configReference,
} from "../../src/config/reference";

const described = Object.keys(CONFIG_DESCRIPTIONS);

test("every key of the schema has a description (add new keys to src/config/descriptions.ts)", () => {
  const undescribed = [...configKeyDescriptions()].filter(([, text]) => !text);
  expect(undescribed.map(([path]) => path)).toEqual([]);
});

test("every description names a key of the schema", () => {
  const keys = configKeyDescriptions();
  expect(described.filter((path) => !keys.has(path))).toEqual([]);
});

test("each description is one sentence and does not retype its key's default (the table prints it)", () => {
  const problems = configReference()
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) => line.split(" | "))
    .filter(([, , defaultCell, description]) => {
      const value = /^`"?(.*?)"?`$/.exec(defaultCell)?.[1];
      return (
        !/^[A-Z`].*\.$/.test(description.replace(/ \|$/, "")) ||
        (value !== undefined && description.includes(`\`${value}\``))
      );
    });
  expect(problems).toEqual([]);
});

test("the JSON Schema carries the descriptions, so editors show them", () => {
  const schema = configJsonSchemaObject() as {
    properties: { accounts: { items: { properties: Record<string, { description?: string }> } } };
  };
  expect(schema.properties.accounts.items.properties.kmsKeyArn.description).toBe(
    CONFIG_DESCRIPTIONS["accounts[].kmsKeyArn"],
  );
});

test("a key zod shares between places gets each place's own description", () => {
  const schema = configJsonSchemaObject() as {
    properties: Record<string, { items: { properties: Record<string, { description?: string }> } }>;
  };
  expect(schema.properties.smtpHubs.items.properties.planRoleArn.description).toBe(
    CONFIG_DESCRIPTIONS["smtpHubs[].planRoleArn"],
  );
  expect(schema.properties.accounts.items.properties.planRoleArn.description).toBe(
    CONFIG_DESCRIPTIONS["accounts[].planRoleArn"],
  );
});
