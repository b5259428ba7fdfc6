#!/usr/bin/env bash
# The test command: makes sure this machine can run every test (a PostgreSQL server through
# Testcontainers, or a local fallback server), then builds the solution and runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET 10 SDK (dotnet) is not on PATH; install it and run this again." >&2
  exit 1
fi

# shellcheck source=scripts/test-env.sh
source scripts/test-env.sh

mkdir -p TestResults
rm -f TestResults/postgres-for-tests.txt
status=0
dotnet test Syn2Mas.sln -c Release --logger "console;verbosity=normal" 2>&1 | tee TestResults/test-output.log || status=$?

if [ -f TestResults/postgres-for-tests.txt ]; then
  echo "Integration tests ran against: $(cat TestResults/postgres-for-tests.txt)"
fi

# One plain closing line, from the runner's summary (either of its two layouts).
awk '/(Passed|Failed)! +- Failed:/ {
       for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) }
       seen = 1
     }
     /^ +Passed: +[0-9]+$/ { lp += $2 }
     /^ +Failed: +[0-9]+$/ { lf += $2 }
     END { if (!seen) { p = lp; f = lf } printf "tests: %d passed, %d failed\n", p, f }' TestResults/test-output.log
exit "$status"
