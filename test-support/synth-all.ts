/**
 * Synthesizes every configuration the tests use into `<outdir>/<name>/`, so a refactoring can
 * prove that it changes no synthesized byte: run it before and after, then compare the two with
 * `diff -r -x manifest.json synth-before synth-after` (a manifest's annotations carry the stack
 * trace of the code that added them, so its line numbers move with any edit).
 *
 *   npx tsx test-support/synth-all.ts synth-before
 */
import { mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { App } from "cdktf";
import { buildStacks } from "../src/app";
import type { SesConfig } from "../src/config/schema";
import { adoptedInput } from "./adopt";
import { fleetInput, generatedFleet } from "./fleet";
import { hardenedExampleConfig } from "./hardened";
import { hubWithClients } from "./hub";
import { config, exampleConfig } from "./fixtures";

const configurations: Record<string, () => SesConfig> = {
  example: exampleConfig,
  hardened: hardenedExampleConfig,
  adopted: () => config(adoptedInput()),
  fleet: () => config(fleetInput()),
  "hub-3-clients": () => config(hubWithClients(3)),
  "generated-1": () => config(generatedFleet(1)),
  "generated-7-two-regions-plan-roles": () =>
    config(generatedFleet(7, { regions: ["us-east-1", "eu-west-1"], planRoles: true })),
  "generated-4-smtp-only": () => config(generatedFleet(4, { eventPublishing: false })),
};

const outdir = resolve(process.argv[2] ?? "synth-all.out");
rmSync(outdir, { recursive: true, force: true });
for (const [name, load] of Object.entries(configurations)) {
  const dir = join(outdir, name);
  mkdirSync(dir, { recursive: true });
  const app = new App({ outdir: dir, skipValidation: true });
  buildStacks(app, load());
  app.synth();
}
console.log(`synthesized ${Object.keys(configurations).length} configurations into ${outdir}`);
