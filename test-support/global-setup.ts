import { PrerequisiteError, requireOfflineTerraform } from "../src/review/offline-terraform";
import { RUN_ID_VARIABLE } from "./emulator/moto-runtime";

/**
 * Checks Terraform and finds the provider mirror once, so every Jest worker inherits
 * TF_PROVIDER_MIRROR. A missing prerequisite stops the run with one line saying what to do; runs
 * without the Terraform tests (`npm run test:unit`) need neither. Names the run, so that the
 * workers look for the emulator once (test-support/emulator/moto-runtime.ts).
 */
export default function globalSetup(
  _globalConfig: unknown,
  project: { testPathIgnorePatterns: string[] },
): void {
  process.env[RUN_ID_VARIABLE] ??= `${process.pid}-${Date.now()}`;
  if (project.testPathIgnorePatterns.includes("terraform")) return;
  try {
    requireOfflineTerraform();
  } catch (error) {
    if (!(error instanceof PrerequisiteError)) throw error;
    console.error(`\n${error.message}`);
    process.exit(1);
  }
}
