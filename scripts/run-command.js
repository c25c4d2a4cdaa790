#!/usr/bin/env node
// `node scripts/run-command.js <command> [args]`, behind the fleet commands of package.json:
// runs scripts/<command>.ts from a cached esbuild bundle (src/review/app-bundle.js says how and why).
"use strict";
const { runCommand } = require("../src/review/app-bundle");

const [name] = process.argv.splice(2, 1);
runCommand(name).catch((error) => {
  console.error(error);
  process.exit(1);
});
