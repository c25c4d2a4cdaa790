#!/usr/bin/env bash
# The summary step of .github/workflows/fleet.yml: the rows the jobs left (summary-*.md, from
# their artifacts) as one table under the title $1, in summary.md and the job summary. A job
# that left no row (it failed before planning) is missing from the table, not hidden: the title
# carries the jobs' result.
set -euo pipefail
shopt -s nullglob
rows=(summary-*.md)
{
  echo "### $1"
  echo
  echo "| stack | result | time |"
  echo "| --- | --- | --- |"
  if [ ${#rows[@]} -gt 0 ]; then cat "${rows[@]}"; fi
  echo
  echo "${#rows[@]} stacks reported."
} > summary.md
cat summary.md >> "$GITHUB_STEP_SUMMARY"
