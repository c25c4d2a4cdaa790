#!/usr/bin/env node
// `npm run synth`: what `cdktf synth` does, without the CLI around it. It runs the app in this
// process with the environment the CLI gives it, so cdktf.out/ (stacks and manifest) is
// byte-identical to `cdktf synth`'s; then, like the CLI, it prints the construct annotations
// (warnings), fails on error annotations, and deletes stack directories it did not synthesize.
// `npx cdktf synth`, `cdktf diff` and `cdktf deploy` keep working: they run the same app.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { reportAnnotations } = require("../src/review/annotations");
const { cdktfOutputDir, cdktfSettings } = require("../src/review/cdktf-project");
const { runApp } = require("../src/review/app-bundle");

const root = path.resolve(__dirname, "..");
const cdktfConfig = cdktfSettings(root);

/** The output directory: `--output DIR`, else cdktf.json's `output`, else cdktf.out. */
function outputDirectory(argv) {
  const i = argv.indexOf("--output");
  if (i >= 0 && argv[i + 1]) return path.resolve(argv[i + 1]);
  return cdktfOutputDir(root);
}

/** Relative Terraform modules of cdktf.json, as the CLI passes them in the app's context. */
function relativeModules() {
  return (cdktfConfig.terraformModules ?? []).filter((m) =>
    /^\.\.?\//.test(typeof m === "string" ? m : m.source),
  );
}

function stackDirectories(outdir) {
  const dir = path.join(outdir, "stacks");
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory());
}

/** The environment `cdktf synth` runs the app with (TF_VAR_* withheld, as the CLI does). */
function appEnvironment(outdir) {
  const context = process.env.CDKTF_CONTEXT_JSON ? JSON.parse(process.env.CDKTF_CONTEXT_JSON) : {};
  for (const key of Object.keys(process.env))
    if (key.startsWith("TF_VAR_")) delete process.env[key];
  Object.assign(process.env, {
    CDKTF_OUTDIR: outdir,
    CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: "true",
    CDKTF_CONTEXT_JSON: JSON.stringify({ ...context, cdktfRelativeModules: relativeModules() }),
    SYNTH_HCL_OUTPUT: "false",
  });
}

async function main() {
  const started = process.hrtime.bigint();
  const outdir = outputDirectory(process.argv.slice(2));
  const before = stackDirectories(outdir);
  appEnvironment(outdir);
  await runApp();
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
  const names = Object.keys(manifest.stacks);
  for (const dir of before.filter((d) => !names.includes(d.name)))
    fs.rmSync(path.join(outdir, "stacks", dir.name), { recursive: true, force: true });
  if (reportAnnotations(manifest)) process.exit(1);
  const seconds = (Number(process.hrtime.bigint() - started) / 1e9).toFixed(2);
  console.log(
    `Synthesized ${names.length} stacks into ${path.relative(process.cwd(), outdir) || "."}/ in ${seconds} s`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
