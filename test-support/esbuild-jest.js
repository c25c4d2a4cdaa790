// Jest transformer: TypeScript to CommonJS with esbuild, without type-checking (which
// `npm run typecheck` does once for the whole project), so a test file loads in milliseconds.
"use strict";
// esbuild's synchronous API otherwise runs in a worker thread that keeps its esbuild process, and a
// Jest worker that holds one is not done when Jest ends it: every run printed "A worker process
// has failed to exit gracefully". Without worker threads each call runs esbuild to completion.
process.env.ESBUILD_WORKER_THREADS = "0";
const { transformSync } = require("esbuild");

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: "ts",
      format: "cjs",
      target: "node20",
      sourcemap: true,
      sourcefile: filename,
    });
    return { code, map };
  },
};
