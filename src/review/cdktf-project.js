// The project's cdktf.json, read in one place: by `npm run synth` (plain node, hence JavaScript)
// and by the TypeScript commands.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

/** The cdktf.json of the project at `root`. */
function cdktfSettings(root) {
  return JSON.parse(fs.readFileSync(path.join(root, "cdktf.json"), "utf8"));
}

/** Where `cdktf synth` writes the project at `root`: cdktf.json's `output`, else cdktf.out. */
function cdktfOutputDir(root) {
  return path.resolve(root, cdktfSettings(root).output ?? "cdktf.out");
}

module.exports = { cdktfSettings, cdktfOutputDir };
