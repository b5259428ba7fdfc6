#!/bin/sh
# Entrypoint of the syn2mas-net/postgres:15 test image (Debian's postgresql-15,
# see scripts/build-pg-image.sh). It follows the contract of the official
# postgres image closely enough that the tests can use either image.
#
# Environment:
#   POSTGRES_PASSWORD          superuser password (required unless
#                              POSTGRES_HOST_AUTH_METHOD=trust)
#   POSTGRES_USER              superuser name (default: postgres)
#   POSTGRES_DB                database created at first start
#                              (default: $POSTGRES_USER)
#   PGPORT                     TCP port (default: 5432)
#   POSTGRES_LISTEN_ADDRESSES  listen_addresses (default: 127.0.0.1; the image
#                              is meant to run with --network host)
#   POSTGRES_HOST_AUTH_METHOD  auth method for TCP connections
#                              (default: scram-sha-256)
#   POSTGRES_INITDB_ARGS       extra initdb arguments
#   PGDATA                     data directory (default: /var/lib/postgresql/data)
#
# Arguments: none or "postgres [OPTIONS]" starts the server; arguments that
# begin with "-" are passed to the server as extra options (e.g. "-c jit=off");
# anything else is executed as a command.
#
# The server runs as the "postgres" OS user, logs to stderr
# and is tuned for throw-away test data: fsync, synchronous_commit and
# full_page_writes are off. Connections over the local Unix socket are trusted.
set -eu

PG_BIN=/usr/lib/postgresql/15/bin

if [ "$#" -gt 0 ] && [ "$1" != postgres ] && [ "${1#-}" = "$1" ]; then
    exec "$@"
fi
if [ "${1:-}" = postgres ]; then
    shift
fi

: "${PGDATA:=/var/lib/postgresql/data}"
: "${POSTGRES_USER:=postgres}"
: "${POSTGRES_DB:=$POSTGRES_USER}"
: "${PGPORT:=5432}"
: "${POSTGRES_LISTEN_ADDRESSES:=127.0.0.1}"
: "${POSTGRES_HOST_AUTH_METHOD:=scram-sha-256}"
: "${POSTGRES_INITDB_ARGS:=}"
export PGDATA PGPORT

log() {
    echo "entrypoint: $*" >&2
}

# Commands that must not run as root go through setpriv (util-linux, part of
# every Debian system) when the container runs as root.
if [ "$(id -u)" = 0 ]; then
    AS_PG="setpriv --reuid=postgres --regid=postgres --init-groups --"
    mkdir -p "$PGDATA"
    chown postgres:postgres "$PGDATA"
    install -d -m 2775 -o postgres -g postgres /run/postgresql
else
    AS_PG=""
    mkdir -p "$PGDATA"
fi
chmod 700 "$PGDATA"

case "$PGPORT" in
    '' | *[!0-9]*) log "PGPORT must be a port number, not '$PGPORT'"; exit 1 ;;
esac

if [ ! -s "$PGDATA/PG_VERSION" ]; then
    if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$POSTGRES_HOST_AUTH_METHOD" != trust ]; then
        log "POSTGRES_PASSWORD is not set: set it (or POSTGRES_HOST_AUTH_METHOD=trust)"
        exit 1
    fi

    pwfile=""
    if [ -n "${POSTGRES_PASSWORD:-}" ]; then
        pwfile=$(mktemp)
        printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
        [ -z "$AS_PG" ] || chown postgres "$pwfile"
    fi

    log "initializing the database cluster in $PGDATA"
    # shellcheck disable=SC2086  # AS_PG and POSTGRES_INITDB_ARGS are word lists
    $AS_PG "$PG_BIN/initdb" -D "$PGDATA" \
        --username="$POSTGRES_USER" ${pwfile:+--pwfile="$pwfile"} \
        --auth-local=trust --auth-host="$POSTGRES_HOST_AUTH_METHOD" \
        --encoding=UTF8 --locale=C.UTF-8 \
        --no-sync --no-instructions \
        $POSTGRES_INITDB_ARGS >&2
    [ -z "$pwfile" ] || rm -f "$pwfile"

    # initdb only allows loopback hosts; accept any host with the same method,
    # which matters only when POSTGRES_LISTEN_ADDRESSES is widened.
    printf '\nhost all all all %s\n' "$POSTGRES_HOST_AUTH_METHOD" >>"$PGDATA/pg_hba.conf"

    if [ "$POSTGRES_DB" != postgres ]; then
        log "creating database $POSTGRES_DB"
        db_ident=$(printf '%s' "$POSTGRES_DB" | sed 's/"/""/g')
        # shellcheck disable=SC2086
        printf 'CREATE DATABASE "%s";\n' "$db_ident" \
            | $AS_PG "$PG_BIN/postgres" --single -D "$PGDATA" \
                -c fsync=off -c listen_addresses= postgres >/dev/null
    fi
fi

log "starting PostgreSQL on ${POSTGRES_LISTEN_ADDRESSES}:${PGPORT}"
# The server runs as a child of this shell so that the SIGTERM of `docker stop`
# can be turned into SIGINT, PostgreSQL's fast shutdown (a plain SIGTERM would
# wait for every client to disconnect; `docker import` cannot set STOPSIGNAL).
# shellcheck disable=SC2086
$AS_PG "$PG_BIN/postgres" -D "$PGDATA" \
    -c listen_addresses="$POSTGRES_LISTEN_ADDRESSES" \
    -p "$PGPORT" \
    -c fsync=off \
    -c synchronous_commit=off \
    -c full_page_writes=off \
    -c logging_collector=off \
    -c log_destination=stderr \
    "$@" &
pg_pid=$!
trap 'kill -INT "$pg_pid" 2>/dev/null || true' INT TERM
trap 'kill -QUIT "$pg_pid" 2>/dev/null || true' QUIT
while :; do
    status=0
    wait "$pg_pid" || status=$?
    kill -0 "$pg_pid" 2>/dev/null || break
done
exit "$status"
