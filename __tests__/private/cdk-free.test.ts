/**
 * The AWS facts, the value problems, the SMTP secret's shape, the constructs' defaults and the
 * helpers the configuration checks share with the constructs load without cdktf: smtp-check and
 * the configuration checks use them, and a cdktf import would make every CLI start (and every
 * configuration test file) pay for it.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const PRIVATE = join(__dirname, "..", "..", "src", "private");

/** Every package a module imports, following its relative imports. */
function packagesImported(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const specifiers = [...readFileSync(file, "utf8").matchAll(/from "([^"]+)"/g)].map((m) => m[1]);
  return specifiers.flatMap((spec) =>
    spec.startsWith(".") ? packagesImported(resolve(dirname(file), `${spec}.ts`), seen) : [spec],
  );
}

test.each([
  "aws-facts.ts",
  "value-problems.ts",
  "ses-facts.ts",
  "smtp-secret.ts",
  "construct-defaults.ts",
  "show.ts",
  "terraform-name.ts",
])("src/private/%s imports no package", (name) => {
  expect(packagesImported(join(PRIVATE, name))).toEqual([]);
});

test("the constructors' checks are the module that needs cdktf (to skip its tokens)", () => {
  expect(packagesImported(join(PRIVATE, "validation.ts"))).toEqual(["cdktf"]);
});
