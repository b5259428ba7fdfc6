#!/usr/bin/env bash
# The main job on the bundled sample, on a fresh Debian machine:
#   1. builds syn2mas-net and the sample-data generator,
#   2. starts a throwaway PostgreSQL (the same mechanism as the tests),
#   3. creates a sample Synapse database (SQLite by default, PostgreSQL with --postgres) of a few hundred
#      users with every kind of row the migration handles, and a MAS database with the MAS schema and its
#      upstream providers, plus the two configuration files,
#   4. runs the advisor on them, then `migrate --dry-run` (which proves everything and rolls back), then
#      `migrate`, and shows the summary.
# Everything it starts is stopped when it ends; the files stay in $SYN2MAS_DEMO_DIR (default: a temp folder).
set -euo pipefail
cd "$(dirname "$0")/.."

source=sqlite
users=300
for arg in "$@"; do
  case "$arg" in
    --postgres) source=postgres ;;
    --users=*) users=${arg#--users=} ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; echo "Usage: scripts/demo.sh [--postgres] [--users=N]"; exit 0 ;;
    *) echo "demo: unknown argument $arg (try --help)" >&2; exit 2 ;;
  esac
done

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Building"
dotnet build Syn2Mas.sln -c Release -nologo -v quiet -clp:ErrorsOnly
cli=(dotnet src/Syn2Mas.Cli/bin/Release/net10.0/syn2mas-net.dll)
bench=(dotnet bench/Syn2Mas.Bench/bin/Release/net10.0/syn2mas-bench.dll)

step "Starting a throwaway PostgreSQL"
# shellcheck source=scripts/test-env.sh
source scripts/test-env.sh
if [[ -n "${SYN2MAS_TEST_PG:-}" ]]; then
  admin=$SYN2MAS_TEST_PG
else
  admin=$(bash scripts/start-pg-container.sh)
fi
with_database() { printf '%sDatabase=%s;' "${1%;};" "$2"; }

dir=${SYN2MAS_DEMO_DIR:-$(mktemp -d /tmp/syn2mas-net-demo.XXXXXX)}
mkdir -p "$dir"
suffix=$(date +%s)
step "Creating a sample Synapse database ($source, $users users) and a MAS database in $dir"
if [[ $source == sqlite ]]; then
  "${bench[@]}" generate --users "$users" --source sqlite --out "$dir" \
    --mas-db "$(with_database "$admin" "demo_mas_$suffix")"
else
  "${bench[@]}" generate --users "$users" --source postgres --out "$dir" \
    --synapse-db "$(with_database "$admin" "demo_synapse_$suffix")" \
    --mas-db "$(with_database "$admin" "demo_mas_$suffix")"
fi

step "syn2mas-net advisor"
status=0
"${cli[@]}" advisor --synapse-config "$dir/homeserver.yaml" --mas-config "$dir/mas.yaml" --report "$dir/advisor-report.json" || status=$?
case $status in
  0)  echo "Advisor: clean (exit 0). JSON report: $dir/advisor-report.json" ;;
  11) echo "Advisor: warnings only (exit 11) — the sample has guests, phone numbers and odd device IPs on purpose. JSON report: $dir/advisor-report.json" ;;
  *)  echo "Advisor: exit $status — see the findings above." >&2; exit "$status" ;;
esac

step "syn2mas-net migrate --dry-run"
"${cli[@]}" migrate --synapse-config "$dir/homeserver.yaml" --mas-config "$dir/mas.yaml" --dry-run --report "$dir/dry-run-report.json"

step "syn2mas-net migrate"
"${cli[@]}" migrate --synapse-config "$dir/homeserver.yaml" --mas-config "$dir/mas.yaml" --report "$dir/migration-report.json"
echo "Reports: $dir/advisor-report.json, $dir/dry-run-report.json, $dir/migration-report.json"
