// Construct annotations (warnings, errors) of a synthesized cdktf.out/manifest.json, printed the
// way `cdktf synth` prints them. Every command that synthesizes (npm run synth, plan, stacks,
// deploy, deploy-policy) shows them, so a configuration warning is never seen on one path only.
"use strict";

/**
 * Prints every annotation of the manifest to stderr, one line each: `[WARN] <construct>: <message>`.
 * Returns whether any is an error.
 */
function reportAnnotations(manifest) {
  let errors = 0;
  for (const stack of Object.values(manifest.stacks)) {
    for (const a of stack.annotations ?? []) {
      const level = a.level.replace(/^@cdktf\/|^aws:cdk:/, "").toUpperCase();
      if (level === "ERROR") errors++;
      console.error(`[${level}] ${a.constructPath}: ${a.message}`);
    }
  }
  return errors > 0;
}

module.exports = { reportAnnotations };
