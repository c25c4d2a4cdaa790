#!/usr/bin/env bash
# One job of .github/workflows/fleet.yml: COMMAND (plan, apply or drift) on the stacks of its
# batch, STACKS (the matrix entry's stack names, space-separated), PARALLELISM at once.
# Synthesizes once; each stack gets its own role through the job's OIDC token (scripts/fleet-run.ts)
# and leaves summary-<stack>.md, its row of the summary table, in FLEET_SUMMARY_DIR.
set -euo pipefail
read -r -a stacks <<< "$STACKS"
echo "$COMMAND ${#stacks[@]} stacks: ${stacks[*]}"
export FLEET_SUMMARY_DIR="${FLEET_SUMMARY_DIR:-$PWD}"
args=(--parallelism "${PARALLELISM:-4}")
# Plans and drift checks assume plan roles only, never a stack's apply role.
if [ "$COMMAND" != apply ]; then args+=(--plan-roles-only); fi
exec node scripts/run-command.js fleet-run "$COMMAND" "${args[@]}" "${stacks[@]}"
