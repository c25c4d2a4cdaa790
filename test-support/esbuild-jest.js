// Jest transformer: TypeScript to CommonJS with esbuild, without type-checking (which
// `npm run typecheck` does once for the whole project), so a test file loads in milliseconds.
"use strict";
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
