#!/usr/bin/env node
// The cdktf app command (cdktf.json "app"): synthesizes the app in this process from a cached
// esbuild bundle (src/review/app-bundle.js says how and why).
"use strict";
const { runApp } = require("../src/review/app-bundle");

runApp().catch((error) => {
  console.error(error);
  process.exit(1);
});
