import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { buildStacks } from "../src/app";
import type { SesConfig } from "../src/config/schema";
import { SynthesizedStack, synthesizedStacks } from "../src/review/offline-terraform";

export * from "./fixtures";

/**
 * Synthesizes every stack of `cfg` into a fresh temporary directory, as `main.ts` does: without
 * cdktf's construct validations, which run `terraform version` in a shell for every
 * `terraform_data` and import block (65 times in one unit run; Terraform checks
 * `required_version` itself, and the Terraform tests validate the JSON for real).
 */
export function synthToDisk(cfg: SesConfig): SynthesizedStack[] {
  const outdir = mkdtempSync(join(tmpdir(), "ses-synth-"));
  const app = new App({ outdir, skipValidation: true });
  buildStacks(app, cfg);
  app.synth();
  return synthesizedStacks(outdir);
}
