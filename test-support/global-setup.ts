import { PrerequisiteError, requireOfflineTerraform } from "../src/review/offline-terraform";
import { RUN_ID_VARIABLE } from "./emulator/moto-runtime";
import { LESS_GARBAGE_COLLECTION } from "./emulator/provider-pool";

/**
 * Checks Terraform and finds the provider mirror once, so every Jest worker inherits
 * TF_PROVIDER_MIRROR. A missing prerequisite stops the run with one line saying what to do; runs
 * without the Terraform tests (`npm run test:unit`) need neither. Names the run, so that the
 * workers look for the emulator once (test-support/emulator/moto-runtime.ts). Every Go program
 * the tests start (terraform, the aws provider, cdktf's terraform) collects garbage less often,
 * unless GOGC is set already: about 0.5 s of CPU less per provider start.
 */
export default function globalSetup(
  _globalConfig: unknown,
  project: { testPathIgnorePatterns: string[] },
): void {
  process.env[RUN_ID_VARIABLE] ??= `${process.pid}-${Date.now()}`;
  process.env.GOGC ??= LESS_GARBAGE_COLLECTION.GOGC;
  if (project.testPathIgnorePatterns.includes("terraform")) return;
  try {
    requireOfflineTerraform();
  } catch (error) {
    if (!(error instanceof PrerequisiteError)) throw error;
    console.error(`\n${error.message}`);
    process.exit(1);
  }
}
