import { PrerequisiteError, requireOfflineTerraform } from "../src/review/offline-terraform";

/**
 * Checks Terraform and finds the provider mirror once, so every Jest worker inherits
 * TF_PROVIDER_MIRROR. A missing prerequisite stops the run with one line saying what to do; runs
 * without the Terraform tests (`npm run test:unit`) need neither.
 */
export default function globalSetup(
  _globalConfig: unknown,
  project: { testPathIgnorePatterns: string[] },
): void {
  if (project.testPathIgnorePatterns.includes("terraform")) return;
  try {
    requireOfflineTerraform();
  } catch (error) {
    if (!(error instanceof PrerequisiteError)) throw error;
    console.error(`\n${error.message}`);
    process.exit(1);
  }
}
