/**
 * `npm run deploy -- [STACK|GLOB ...] [--changed[=<ref>]] [--parallelism N] [--auto-approve]`:
 * synthesizes into cdktf.out/, then deploys the selected stacks wave by wave (hubs, then the
 * accounts that read their outputs) with `cdktf deploy`, at most N stacks at once (default: a
 * bound from cores and free memory, 0.55 GB per stack). Terraform shares one provider download
 * through TF_PLUGIN_CACHE_DIR (the project's .terraform-plugin-cache/ unless set).
 */
import { spawnSync } from "node:child_process";
import { projectRoot } from "../src/review/app-synthesis";
import { cdktfOutputDir } from "../src/review/cdktf-project";
import {
  parallelismBound,
  parseFleetArgs,
  runMain,
  selectFleet,
  usePluginCache,
} from "../src/review/fleet-cli";
import { requireTerraform } from "../src/review/offline-terraform";
import { describeChanges } from "../src/review/stack-changes";
import { deployWaves, stackDependencies } from "../src/review/stack-waves";

const outdir = cdktfOutputDir(projectRoot);

async function main(): Promise<number> {
  const options = parseFleetArgs(process.argv.slice(2), ["--auto-approve"]);
  requireTerraform();
  usePluginCache(projectRoot);
  const selection = await selectFleet(options, outdir);
  const changed = selection.changed;
  if (changed) describeChanges(changed.changes, changed.reference).forEach((l) => console.log(l));
  const waves = deployWaves(stackDependencies(outdir), selection.selected);
  // Applies mostly wait on AWS: two per core, as memory allows.
  const parallelism = options.parallelism ?? parallelismBound(2);
  for (const [i, wave] of waves.entries()) {
    console.log(`\nwave ${i + 1} of ${waves.length}: ${wave.join(" ")} (${parallelism} at a time)`);
    const deploy = spawnSync(
      "npx",
      [
        "cdktf",
        "deploy",
        ...wave,
        "--skip-synth",
        "--ignore-missing-stack-dependencies",
        `--parallelism=${parallelism}`,
        ...options.passThrough,
      ],
      { cwd: projectRoot, stdio: "inherit" },
    );
    if (deploy.status !== 0) {
      console.error(`wave ${i + 1} failed; later waves were not deployed.`);
      return deploy.status ?? 1;
    }
  }
  if (waves.length === 0) console.log("nothing to deploy");
  return 0;
}

if (require.main === module) runMain(main);
