#!/usr/bin/env bash
# `metered.sh PHASE COMMAND [ARGS...]` runs COMMAND, then appends one JSON line to CPU_METER_FILE:
# PHASE, the wall seconds and the CPU seconds (user + system) of COMMAND and of every descendant it
# waited for, this run's id (the commands it starts record it as their parent) and the id of the
# metered run that started it. Used by `npm run bench:suites` (test-support/cpu-meter.ts).
set -u
phase="$1"
shift
id="$$-$EPOCHREALTIME"
parent="${CPU_METER_PARENT:-}"
started=$EPOCHREALTIME
CPU_METER_PARENT="$id" "$@"
status=$?
ended=$EPOCHREALTIME
# `times` in this shell, not in a pipeline's subshell: line 2 is the children's user and system.
times >"$CPU_METER_FILE.$$"
mapfile -t lines <"$CPU_METER_FILE.$$"
rm -f "$CPU_METER_FILE.$$"
awk -v line="${lines[1]}" -v a="$started" -v b="$ended" -v phase="$phase" \
  -v suite="${CPU_METER_SUITE:-}" -v id="$id" -v parent="$parent" 'BEGIN {
    split(line, t, " "); cpu = 0
    for (i = 1; i <= 2; i++) { split(t[i], p, /[ms]/); cpu += p[1] * 60 + p[2] }
    printf "{\"suite\":\"%s\",\"phase\":\"%s\",\"id\":\"%s\",\"parent\":\"%s\",\"cpu\":%.3f,\"wall\":%.3f}\n",
      suite, phase, id, parent, cpu, b - a
  }' >>"$CPU_METER_FILE"
exit $status
