#!/usr/bin/env node
// `smtp-check` (package.json "bin", and `npm run smtp-check -- …`): runs the TypeScript CLI in
// src/smtp-check through tsx, so a fresh `npm ci` checkout needs no build step.
"use strict";

// The AWS SDK's notice about future Node versions is noise on a diagnostic's stderr.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

require("tsx/cjs");
const { main } = require("../src/smtp-check/cli.ts");

main(process.argv.slice(2)).then(
  (code) => {
    // Exit once stdout is flushed, so no idle socket or agent can keep the process alive.
    process.stdout.write("", () => process.exit(code));
  },
  (error) => {
    process.stderr.write(`smtp-check: internal error: ${error && error.message}\n`);
    process.exit(1);
  },
);
