// The app runner behind scripts/run-app.js (the cdktf.json "app" command), plain JavaScript
// because it runs before anything compiles TypeScript. Synthesis speed is a feature: instead of
// compiling TypeScript on every run, it runs one esbuild bundle of main.ts and src/, rebuilt only
// when a source file's content changed, and keeps V8's code cache beside it so the next run skips
// parsing. Output is identical to `tsx main.ts`; only the speed differs: the bundle also drops
// the full stack trace cdktf captures for every token it creates (used only to decorate token
// resolution errors), which is most of the cost of synthesizing hundreds of stacks.
"use strict";
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");
const vm = require("node:vm");

const root = path.resolve(__dirname, "..", "..");
const outDir = path.join(root, "dist", "app");
const bundle = path.join(outDir, "main.js");
const cacheFile = path.join(outDir, "main.v8cache");
const stampFile = path.join(outDir, "sources.sha256");

function sourceFiles(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : [path.join(dir, e.name)],
    )
    .filter((f) => f.endsWith(".ts"));
}

/**
 * A digest of everything the app's output depends on in the project at `projectRoot` besides the
 * configuration: the runner (scripts/run-app.js and this file), cdktf.json, main.ts, src/,
 * package.json (the Terraform versions) and the lock file (paths relative, so two checkouts of the
 * same sources agree).
 */
function sourcesDigest(projectRoot = root) {
  const hash = createHash("sha256");
  for (const file of [
    path.join(projectRoot, "scripts", "run-app.js"),
    path.join(projectRoot, "src", "review", "app-bundle.js"),
    path.join(projectRoot, "cdktf.json"),
    path.join(projectRoot, "main.ts"),
    path.join(projectRoot, "package.json"),
    path.join(projectRoot, "package-lock.json"),
    ...sourceFiles(path.join(projectRoot, "src")).sort(),
  ]) {
    hash.update(path.relative(projectRoot, file)).update(fs.readFileSync(file));
  }
  return hash.digest("hex");
}

function readOrUndefined(file, encoding) {
  try {
    return fs.readFileSync(file, encoding);
  } catch {
    return undefined;
  }
}

/** esbuild plugin: cdktf's captureStackTrace (per token) becomes a no-op in the bundle. */
const withoutTokenStackTraces = {
  name: "without-token-stack-traces",
  setup(build) {
    build.onLoad({ filter: /cdktf[\\/]lib[\\/]tokens[\\/]private[\\/]stack-trace\.js$/ }, () => ({
      contents: "exports.captureStackTrace = () => [];",
      loader: "js",
    }));
  },
};

async function ensureBundle() {
  const digest = sourcesDigest();
  if (readOrUndefined(stampFile, "utf8") === digest && fs.existsSync(bundle)) return;
  await require("esbuild").build({
    entryPoints: [path.join(root, "main.ts")],
    outfile: bundle,
    bundle: true,
    minify: true,
    sourcemap: true, // readable stack traces with NODE_OPTIONS=--enable-source-maps
    platform: "node",
    target: "node20",
    logLevel: "warning",
    plugins: [withoutTokenStackTraces],
  });
  fs.rmSync(cacheFile, { force: true });
  fs.writeFileSync(stampFile, digest);
}

function runWithCodeCache() {
  const cachedData = readOrUndefined(cacheFile);
  const script = new vm.Script(Module.wrap(fs.readFileSync(bundle, "utf8")), {
    filename: bundle,
    cachedData,
  });
  const appModule = new Module(bundle, module);
  appModule.filename = bundle;
  appModule.paths = Module._nodeModulePaths(root);
  const run = script.runInThisContext();
  run.call(
    appModule.exports,
    appModule.exports,
    (id) => appModule.require(id),
    appModule,
    bundle,
    outDir,
  );
  if (!cachedData || script.cachedDataRejected) {
    process.once(
      "exit",
      (code) => code === 0 && fs.writeFileSync(cacheFile, script.createCachedData()),
    );
  }
}

/** Synthesizes the app in this process (the environment names the output directory). */
function runApp() {
  return ensureBundle().then(runWithCodeCache);
}

module.exports = { runApp, sourcesDigest };
