#!/usr/bin/env bash
# Runs every test (unit, integration, Node client, browser) and prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
log=$(mktemp)
dotnet test Solara.Orleans.sln --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}')
rm -f "$log"
echo "${passed} passed, ${failed} failed"
exit "$status"
