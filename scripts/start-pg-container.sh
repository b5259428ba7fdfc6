#!/usr/bin/env bash
# Starts one PostgreSQL 15 container of the local test image on the host
# network, listening on 127.0.0.1 only, waits until it accepts connections and
# prints its Npgsql connection string on stdout.
#
# Usage: scripts/start-pg-container.sh [--password PW] [--port PORT] [--name NAME]
#
#   --password PW   superuser (postgres) password; default: a random one
#   --port PORT     TCP port on 127.0.0.1; default: a free one
#   --name NAME     container name; default: chosen by Docker
#
# Needs a running Docker engine (`source scripts/test-env.sh` starts one) and
# builds the image with scripts/build-pg-image.sh if it is missing. The
# container carries the label syn2mas-net.test=true, so the exit cleanup of
# scripts/test-env.sh removes it; otherwise: docker rm -f NAME_OR_ID.
set -euo pipefail

image=${SYN2MAS_TEST_PG_IMAGE:-syn2mas-net/postgres:15}
password=""
port=""
name=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --password) password=${2:?--password needs a value}; shift 2 ;;
        --port) port=${2:?--port needs a value}; shift 2 ;;
        --name) name=${2:?--name needs a value}; shift 2 ;;
        -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "start-pg-container: unknown argument $1" >&2; exit 2 ;;
    esac
done

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if ! timeout 20 docker info >/dev/null 2>&1; then
    echo "start-pg-container: no Docker engine answers (source scripts/test-env.sh first)" >&2
    exit 1
fi
if [[ "$image" == syn2mas-net/postgres:15 ]]; then
    "$repo_root/scripts/build-pg-image.sh" "$image" >&2
fi

if [[ -z "$password" ]]; then
    password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
fi
if [[ -z "$port" ]]; then
    for _ in {1..100}; do
        candidate=$((20000 + RANDOM % 10000))
        if command -v ss >/dev/null 2>&1 && [[ -n "$(ss -Hltn "sport = :$candidate" 2>/dev/null)" ]]; then
            continue
        fi
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
            port=$candidate
            break
        fi
    done
    [[ -n "$port" ]] || { echo "start-pg-container: no free port on 127.0.0.1" >&2; exit 1; }
fi

cid=$(docker run -d --network host --label syn2mas-net.test=true ${name:+--name "$name"} \
    -e POSTGRES_PASSWORD="$password" -e PGPORT="$port" -e POSTGRES_LISTEN_ADDRESSES=127.0.0.1 \
    "$image")

for _ in {1..120}; do
    if docker exec "$cid" pg_isready -q -h 127.0.0.1 -p "$port" -U postgres 2>/dev/null; then
        echo "start-pg-container: container ${name:-${cid:0:12}} ready on 127.0.0.1:$port" >&2
        echo "Host=127.0.0.1;Port=$port;Username=postgres;Password=$password;"
        exit 0
    fi
    if [[ "$(docker inspect -f '{{.State.Running}}' "$cid" 2>/dev/null)" != true ]]; then
        break
    fi
    sleep 0.5
done
echo "start-pg-container: container ${cid:0:12} did not become ready; its log:" >&2
docker logs --tail 20 "$cid" >&2 || true
docker rm -f "$cid" >/dev/null 2>&1 || true
exit 1
