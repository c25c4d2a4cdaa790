#!/usr/bin/env bash
# The `stacks` step of .github/workflows/fleet.yml: which stacks the run plans, applies or checks,
# in batches (one job each). BASE is the commit to compare with (empty or zeros: every stack);
# BATCHES (the workflow's env) caps the jobs of each matrix (1 to 256). Writes stacks.json, and to
# $GITHUB_OUTPUT three matrices, JSON arrays of {"name", "stacks": "<stack> <stack> ..."} (each job
# reads its stacks' roles from the configuration): plan (every selected stack, for plan and drift
# jobs), wave1 (hubs) and wave2 (the accounts that read them).
set -euo pipefail
args=(--json "--batches=${BATCHES:?set BATCHES (1 to 256) in the workflow env}")
# A pull request compares with its merge base; the first push of a branch has no base.
if [ -n "${BASE//0/}" ]; then args+=("--changed=$(git merge-base HEAD "$BASE")"); fi
npm run --silent stacks -- "${args[@]}" > stacks.json
jq -r '"removed (destroy by hand): \(.removed)"' stacks.json
matrix() { jq -c "[$1 | {name, stacks: ([.stacks[].stack] | join(\" \"))}]" stacks.json; }
{
  echo "plan=$(matrix '.planBatches[]')"
  echo "wave1=$(matrix '.batches[0][]?')"
  echo "wave2=$(matrix '.batches[1][]?')"
} >> "$GITHUB_OUTPUT"
