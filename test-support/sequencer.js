/**
 * Runs the longest suites first, so the end-to-end suites (minutes each, mostly waiting on the
 * provider's Route 53 and S3 polling) overlap from the start instead of queueing behind fast ones:
 * end-to-end, then real-Terraform suites, then unit suites. Within a group, Jest's own order
 * (last run's durations, else file size) is kept.
 */
const Sequencer = require("@jest/test-sequencer").default;

/** 0 for end-to-end suites, 1 for suites that run Terraform, 2 for the rest. */
function group(path) {
  if (path.includes("/__tests__/e2e/")) return 0;
  if (path.includes("/__tests__/terraform/")) return 1;
  return 2;
}

class LongestFirst extends Sequencer {
  sort(tests) {
    const ordered = super.sort(tests);
    const rank = new Map(ordered.map((t, i) => [t, i]));
    return [...ordered].sort((a, b) => group(a.path) - group(b.path) || rank.get(a) - rank.get(b));
  }
}

module.exports = LongestFirst;
