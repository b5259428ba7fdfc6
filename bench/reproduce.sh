#!/usr/bin/env bash
# Reproduces the results in bench/README.md with one command: starts a throwaway
# PostgreSQL 15 server with the settings below, runs the benchmark for every
# size given and both sources, then stops the server and deletes it.
#
# Usage: bench/reproduce.sh [USERS ...]          (default: 100000)
#
#   SYN2MAS_BENCH_RUNS   runs per benchmark (default 3)
#   SYN2MAS_BENCH_PORT   port of the server on 127.0.0.1 (default 55440)
#
# Needs postgresql-15 (/usr/lib/postgresql/15/bin) and, when run as root, the
# postgres OS user. The results land in bench/results/ (JSON and markdown, one
# pair per benchmark); the SQLite data sets are cached in /tmp/syn2mas-bench.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(100000)
runs=${SYN2MAS_BENCH_RUNS:-3}
port=${SYN2MAS_BENCH_PORT:-55440}
bindir=/usr/lib/postgresql/15/bin

as_postgres() {
  if [[ $EUID -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

dir=$(mktemp -d /tmp/syn2mas-bench-pg.XXXXXX)
cleanup() {
  as_postgres "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
printf '%s\n' "$password" >"$dir/pwfile"
[[ $EUID -ne 0 ]] || chown -R postgres:postgres "$dir"
chmod 700 "$dir"
(cd "$dir" && as_postgres "$bindir/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pwfile" \
  --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 \
  --no-sync --no-instructions) >"$dir/initdb.log"

# A bulk-load server that may lose everything on a crash: no fsync, no full
# page writes, asynchronous commit, room for the WAL of a whole load without a
# forced checkpoint, and memory for the index builds.
as_postgres "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start -o "\
  -p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir \
  -c shared_buffers=1GB -c maintenance_work_mem=512MB -c max_wal_size=8GB \
  -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
echo "reproduce: PostgreSQL on 127.0.0.1:$port, data in $dir/data" >&2

export SYN2MAS_BENCH_PG="Host=127.0.0.1;Port=$port;Username=postgres;Password=$password"
dotnet build -c Release bench/Syn2Mas.Bench >"$dir/build.log" 2>&1 || { tail -n 30 "$dir/build.log" >&2; exit 1; }
for users in "${sizes[@]}"; do
  for source in sqlite postgres; do
    dotnet run -c Release --no-build --project bench/Syn2Mas.Bench -- \
      run --users "$users" --source "$source" --runs "$runs"
    # The same data set read as migrate reads it, writing nothing: the part the floor does not contain.
    dotnet run -c Release --no-build --project bench/Syn2Mas.Bench -- \
      read --synapse-config "/tmp/syn2mas-bench/data/$source-seed1-users$users/homeserver.yaml" \
      --mas-config "$(ls -td /tmp/syn2mas-bench/runs/"$source-seed1-users$users"-*/ | head -n 1)mas.yaml" --runs "$runs"
  done
done
