import { PrerequisiteError, requireOfflineTerraform } from "../src/review/offline-terraform";
import { RUN_ID_VARIABLE } from "./emulator/moto-runtime";

/**
 * Checks Terraform and finds the provider mirror once, so every Jest worker inherits
 * TF_PROVIDER_MIRROR. A missing prerequisite stops the run with one line saying what to do; runs
 * without the Terraform tests (`npm run test:unit`) need neither. Names the run, so that the
 * workers look for the emulator once (test-support/emulator/moto-runtime.ts). Every Go program
 * the tests start (terraform, the aws provider, cdktf's terraform) collects garbage less often
 * (LESS_GARBAGE_COLLECTION), unless GOGC is set already.
 */
/**
 * Go's collector at a quarter of its default frequency: `terraform plan` of a one-resource stack
 * took 3.9 CPU s with the default and 3.4 with this, its peak memory 465 MB then 512 MB; about
 * 0.5 s of CPU less per provider start.
 */
const LESS_GARBAGE_COLLECTION = "400";

export default function globalSetup(
  _globalConfig: unknown,
  project: { testPathIgnorePatterns: string[] },
): void {
  process.env[RUN_ID_VARIABLE] ??= `${process.pid}-${Date.now()}`;
  process.env.GOGC ??= LESS_GARBAGE_COLLECTION;
  if (project.testPathIgnorePatterns.includes("terraform")) return;
  try {
    requireOfflineTerraform();
  } catch (error) {
    if (!(error instanceof PrerequisiteError)) throw error;
    console.error(`\n${error.message}`);
    process.exit(1);
  }
}
