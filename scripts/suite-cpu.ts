/**
 * `npm run bench:suites -- [test files...]` runs each Jest file alone (`--maxWorkers=1`; by
 * default every file of __tests__/e2e/) with CPU metering, and prints CPU seconds per suite and per
 * phase: terraform init / plan / apply / show / destroy, cdktf, the plan script, synthesis, the
 * emulator, and the rest of the Jest process. `npm run bench:suites -- --whole` meters one
 * `npm test` instead (typecheck and lint included). It measures; it asserts nothing.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { suiteCpu } from "../test-support/suite-cpu";

const args = process.argv.slice(2);
const whole = args.includes("--whole");
const files = args.filter((a) => !a.startsWith("--"));
const e2e = join("__tests__", "e2e");
const paths = files.length
  ? files
  : readdirSync(e2e)
      .filter((f) => f.endsWith(".test.ts"))
      .map((f) => join(e2e, f));

suiteCpu(paths, whole).then(
  (status) => process.exit(status),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
