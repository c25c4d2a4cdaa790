/**
 * A Jest reporter that makes a skipped end-to-end suite impossible to miss: after the summary, one
 * line per suite `describeWithEmulator` skipped ("SKIPPED e2e: <file> (<n> tests): <reason>").
 * Under CI=true such a suite fails instead (test-support/emulator/fleet-run.ts).
 */
const { relative } = require("node:path");

/** The reason in a skipped suite's title: `<name> (skipped: <reason>)`. */
const SKIPPED = /\(skipped: (.*)\)$/;

class SkippedEndToEndReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const lines = [];
    for (const file of results.testResults) {
      const skipped = file.testResults.filter(
        (t) => t.status === "pending" && SKIPPED.test(t.ancestorTitles[0] ?? ""),
      );
      if (skipped.length === 0) continue;
      const reason = SKIPPED.exec(skipped[0].ancestorTitles[0])[1];
      const path = relative(this.rootDir, file.testFilePath);
      lines.push(`SKIPPED e2e: ${path} (${skipped.length} tests): ${reason}`);
    }
    if (lines.length > 0) process.stderr.write(`\n${lines.join("\n")}\n`);
  }
}

module.exports = SkippedEndToEndReporter;
