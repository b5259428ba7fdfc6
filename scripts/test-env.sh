# shellcheck shell=bash
# Makes a PostgreSQL server available to the integration tests and exports the
# environment that the test harness reads. Source it from the repository root:
#
#     source scripts/test-env.sh
#
# It works under `set -euo pipefail`, prints a few status lines on stderr and
# registers an EXIT trap (chained with any EXIT trap already set) that undoes
# what it started. Set your own EXIT trap before sourcing, or call
# syn2mas_test_env_cleanup from it.
#
# Paths, first that applies:
#   1. SYN2MAS_TEST_PG is already set: the tests use that server (Npgsql
#      connection string of a superuser).
#   2. Docker engine: docker.io is installed if missing; when `docker info`
#      fails, dockerd is started (vfs storage, no iptables, no bridge: every
#      container runs with --network host) and stopped again on exit. The image
#      syn2mas-net/postgres:15 is built offline by scripts/build-pg-image.sh.
#      Exports:
#        SYN2MAS_TEST_PG_IMAGE=syn2mas-net/postgres:15
#        SYN2MAS_TEST_DOCKER_NETWORK=host
#        TESTCONTAINERS_RYUK_DISABLED=true
#        DOCKER_API_VERSION=<engine's API version>  (only when older than 1.44)
#      On exit, containers labelled syn2mas-net.test=true are removed.
#   3. Fallback, when SYN2MAS_TEST_NO_DOCKER=1 or the engine cannot be started
#      or the image cannot be built: postgresql-15 is installed if missing and a
#      throw-away cluster is started on a free port of 127.0.0.1, stopped and
#      deleted on exit. Exports:
#        SYN2MAS_TEST_PG="Host=127.0.0.1;Port=PORT;Username=postgres;Password=...;"
#
# Whichever path serves PostgreSQL (1 and 3 included, and SYN2MAS_TEST_NO_DOCKER=1,
# which only keeps PostgreSQL out of a container), a Docker engine is made to
# answer as in 2, because the container image and standalone binary tests need
# one; when none can, they fail with a message that says so.
#
# Logs: /tmp/syn2mas-net-test-env.log (package installs), the dockerd log
# /tmp/syn2mas-net-dockerd.log, /tmp/syn2mas-net-build-pg-image.log.

if [[ "${BASH_SOURCE[0]}" == "${0}" ]]; then
    echo "scripts/test-env.sh must be sourced: source scripts/test-env.sh" >&2
    exit 2
fi

_s2m_say() {
    echo "test-env: $*" >&2
}

_s2m_log_tail() {
    local file=$1
    if [[ -s "$file" ]]; then
        _s2m_say "last lines of $file:"
        tail -n 20 "$file" | sed 's/^/    /' >&2
    fi
}

# apt-get install, with one apt-get update per shell and without letting the
# packages start their services (docker.io would otherwise start a dockerd
# with a bridge network).
_s2m_apt_install() {
    if [[ $EUID -ne 0 ]]; then
        _s2m_say "cannot install $* (not root)"
        return 1
    fi
    local policy=/usr/sbin/policy-rc.d made_policy="" rc=0
    if [[ ! -e "$policy" ]]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && made_policy=1
    fi
    {
        echo "== $(date -u '+%F %T') apt-get install $*"
        if [[ -z "${_S2M_APT_UPDATED:-}" ]]; then
            apt-get update && _S2M_APT_UPDATED=1
        fi
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
            -o DPkg::Lock::Timeout=300 "$@"
    } >>"$_S2M_LOG" 2>&1 || rc=$?
    [[ -z "$made_policy" ]] || rm -f "$policy"
    if [[ $rc -ne 0 ]]; then
        _s2m_say "apt-get install $* failed"
        _s2m_log_tail "$_S2M_LOG"
    fi
    return $rc
}

_s2m_random_hex() {
    od -An -N16 -tx1 /dev/urandom | tr -d ' \n'
}

# Prints a TCP port of 127.0.0.1 that nothing listens on.
_s2m_free_port() {
    local i port
    for i in {1..100}; do
        port=$((20000 + RANDOM % 10000))
        if command -v ss >/dev/null 2>&1; then
            [[ -z "$(ss -Hltn "sport = :$port" 2>/dev/null)" ]] || continue
        fi
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

# Runs a command as the postgres OS user when root (the server refuses root).
_s2m_as_postgres() {
    if [[ $EUID -ne 0 ]]; then
        "$@"
    elif command -v runuser >/dev/null 2>&1; then
        runuser -u postgres -- "$@"
    else
        setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"
    fi
}

_s2m_docker_answers() {
    timeout 20 docker info >/dev/null 2>&1
}

# Makes sure a Docker engine answers; starts one when needed. Sets _S2M_REASON
# and returns 1 when there is none.
_s2m_docker_engine() {
    local missing=()
    command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
    command -v docker >/dev/null 2>&1 || missing+=(docker.io)
    command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
    if [[ ${#missing[@]} -gt 0 ]]; then
        _s2m_say "installing $(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')"
        if ! _s2m_apt_install $(printf '%s\n' "${missing[@]}" | sort -u); then
            command -v docker >/dev/null 2>&1 || { _S2M_REASON="docker.io could not be installed"; return 1; }
        fi
    fi

    _s2m_docker_answers && return 0

    if [[ -n "${DOCKER_HOST:-}" && "${DOCKER_HOST}" != unix:///var/run/docker.sock && "${DOCKER_HOST}" != unix:///run/docker.sock ]]; then
        _S2M_REASON="the engine at DOCKER_HOST=$DOCKER_HOST does not answer"
        return 1
    fi
    if ! command -v dockerd >/dev/null 2>&1; then
        _S2M_REASON="dockerd is not installed"
        return 1
    fi
    if [[ $EUID -ne 0 ]]; then
        _S2M_REASON="no engine answers and starting dockerd needs root"
        return 1
    fi

    _s2m_say "starting dockerd (vfs storage, no iptables, no bridge; log: $_S2M_DOCKERD_LOG)"
    local pidfile=/tmp/syn2mas-net-dockerd.pid
    rm -f "$pidfile"
    # Started from a subshell, so that it is no job of the sourcing shell (a bare
    # `wait` there must not wait for it) and gets no job-control messages.
    _S2M_DOCKERD_PID=$(
        dockerd --storage-driver=vfs --iptables=false --bridge=none --pidfile "$pidfile" \
            </dev/null >"$_S2M_DOCKERD_LOG" 2>&1 &
        echo $!
    )
    local i
    for i in {1..120}; do
        if _s2m_docker_answers; then
            return 0
        fi
        if ! kill -0 "$_S2M_DOCKERD_PID" 2>/dev/null; then
            _S2M_DOCKERD_PID=""
            _S2M_REASON="dockerd exited at start, see $_S2M_DOCKERD_LOG"
            _s2m_log_tail "$_S2M_DOCKERD_LOG"
            return 1
        fi
        sleep 0.5
    done
    _S2M_REASON="dockerd did not answer within 60 s, see $_S2M_DOCKERD_LOG"
    _s2m_log_tail "$_S2M_DOCKERD_LOG"
    _s2m_stop_dockerd
    return 1
}

_s2m_stop_dockerd() {
    local pid=${_S2M_DOCKERD_PID:-} i
    [[ -n "$pid" ]] || return 0
    _S2M_DOCKERD_PID=""
    kill -TERM "$pid" 2>/dev/null || return 0
    for i in {1..60}; do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

# Clients that ask for a newer API than the engine speaks (Testcontainers 4.x
# asks for 1.44; Debian 12's engine speaks 1.41) are told the engine's one.
_s2m_export_api_version() {
    local api="" major minor
    [[ -z "${DOCKER_API_VERSION:-}" ]] || return 0
    api=$(timeout 20 docker version --format '{{.Server.APIVersion}}' 2>/dev/null) || return 0
    if [[ "$api" =~ ^([0-9]+)\.([0-9]+)$ ]]; then
        major=${BASH_REMATCH[1]} minor=${BASH_REMATCH[2]}
        ((major < 1 || (major == 1 && minor < 44))) || return 0
        export DOCKER_API_VERSION=$api
    fi
}

# The container image and standalone binary tests need an engine whatever serves PostgreSQL; without one
# they fail, and say so.
_s2m_engine_for_image_tests() {
    if _s2m_docker_engine; then
        _s2m_export_api_version
        _s2m_say "Docker engine for the container image tests: ready"
    else
        _s2m_say "no Docker engine (${_S2M_REASON:-unknown reason}): the container image and standalone binary tests will fail"
    fi
}

_s2m_docker_path() {
    if [[ "${SYN2MAS_TEST_NO_DOCKER:-}" == 1 ]]; then
        _S2M_REASON="SYN2MAS_TEST_NO_DOCKER=1"
        return 1
    fi
    _s2m_docker_engine || return 1

    local image=${SYN2MAS_TEST_PG_IMAGE:-syn2mas-net/postgres:15}
    if [[ "$image" == syn2mas-net/postgres:15 ]]; then
        if ! "$_S2M_ROOT/scripts/build-pg-image.sh" "$image" >&2; then
            _S2M_REASON="the image $image could not be built"
            return 1
        fi
    elif ! docker image inspect "$image" >/dev/null 2>&1; then
        _S2M_REASON="the image $image (SYN2MAS_TEST_PG_IMAGE) is not present and cannot be pulled here"
        return 1
    fi

    _s2m_export_api_version
    export SYN2MAS_TEST_PG_IMAGE=$image
    export SYN2MAS_TEST_DOCKER_NETWORK=host
    export TESTCONTAINERS_RYUK_DISABLED=true
    _S2M_DOCKER_USED=1
    _s2m_say "PostgreSQL for tests: Testcontainers with image $image on the Docker engine" \
        "(API ${DOCKER_API_VERSION:-negotiated}, network host)"
}

_s2m_local_path() {
    local bindir=/usr/lib/postgresql/15/bin
    if [[ ! -x "$bindir/postgres" || ! -x "$bindir/initdb" || ! -x "$bindir/pg_ctl" ]]; then
        _s2m_say "installing postgresql-15"
        _s2m_apt_install postgresql-15 || return 1
    fi
    if [[ $EUID -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
        _s2m_say "the postgres OS user does not exist"
        return 1
    fi

    local dir password
    dir=$(mktemp -d /tmp/syn2mas-net-pg.XXXXXX) || return 1
    _S2M_PG_DIR=$dir
    password=$(_s2m_random_hex)
    printf '%s\n' "$password" >"$dir/pwfile"
    [[ $EUID -ne 0 ]] || chown -R postgres:postgres "$dir"
    chmod 700 "$dir"

    if ! (cd "$dir" && _s2m_as_postgres "$bindir/initdb" -D "$dir/data" -U postgres \
        --pwfile="$dir/pwfile" --auth-local=trust --auth-host=scram-sha-256 \
        --encoding=UTF8 --locale=C.UTF-8 --no-sync --no-instructions) >"$dir/initdb.log" 2>&1; then
        _s2m_say "initdb failed"
        _s2m_log_tail "$dir/initdb.log"
        return 1
    fi
    rm -f "$dir/pwfile"

    local attempt port="" options
    for attempt in 1 2 3; do
        port=$(_s2m_free_port) || { _s2m_say "no free port found on 127.0.0.1"; return 1; }
        options="-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir"
        options+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        if (cd "$dir" && _s2m_as_postgres "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" \
            -w -t 60 -o "$options" start) >>"$dir/pg_ctl.log" 2>&1; then
            _S2M_PG_STARTED=1
            break
        fi
        port=""
    done
    if [[ -z "$port" ]]; then
        _s2m_say "the local PostgreSQL server did not start"
        _s2m_log_tail "$dir/server.log"
        return 1
    fi

    export SYN2MAS_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Password=$password;"
    _s2m_say "PostgreSQL for tests: Docker engine unavailable (${_S2M_REASON:-unknown reason});" \
        "falling back to a local server on 127.0.0.1:$port"
}

# Undoes what this script started. Safe to call more than once.
syn2mas_test_env_cleanup() {
    local -
    set +e +u
    if [[ -n "${_S2M_DOCKER_USED:-}" ]] && command -v docker >/dev/null 2>&1; then
        local ids
        ids=$(timeout 30 docker ps -aq --filter label=syn2mas-net.test=true 2>/dev/null)
        if [[ -n "$ids" ]]; then
            # shellcheck disable=SC2086
            timeout 120 docker rm -f -v $ids >/dev/null 2>&1
        fi
        _S2M_DOCKER_USED=""
    fi
    _s2m_stop_dockerd
    if [[ -n "${_S2M_PG_DIR:-}" ]]; then
        if [[ -n "${_S2M_PG_STARTED:-}" ]]; then
            (cd / && _s2m_as_postgres /usr/lib/postgresql/15/bin/pg_ctl -D "$_S2M_PG_DIR/data" \
                -m immediate -w stop) >/dev/null 2>&1
            _S2M_PG_STARTED=""
        fi
        rm -rf "$_S2M_PG_DIR"
        _S2M_PG_DIR=""
    fi
}

_s2m_return() {
    return "$1"
}

_s2m_on_exit() {
    local rc=$?
    syn2mas_test_env_cleanup
    if [[ -n "${_S2M_PREV_EXIT_TRAP:-}" ]]; then
        local -
        set +e
        _s2m_return "$rc" # the earlier trap sees the exit status it would have seen
        eval "$_S2M_PREV_EXIT_TRAP"
    fi
}

# Registers the cleanup, chained with whatever EXIT trap is set.
_s2m_register_cleanup() {
    if [[ -z "${_S2M_TRAP_SET:-}" ]]; then
        local prev
        prev=$(trap -p EXIT)
        if [[ -n "$prev" ]]; then
            # trap -p prints: trap -- 'COMMAND' EXIT
            eval "local -a _s2m_words=($prev)"
            _S2M_PREV_EXIT_TRAP=${_s2m_words[2]:-}
        else
            _S2M_PREV_EXIT_TRAP=""
        fi
        trap _s2m_on_exit EXIT
        _S2M_TRAP_SET=1
    fi

}

_s2m_main() {
    _S2M_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    _S2M_LOG=/tmp/syn2mas-net-test-env.log
    _S2M_DOCKERD_LOG=/tmp/syn2mas-net-dockerd.log
    _S2M_REASON=""

    # The tests hold a SQLite file open from a second process the way Synapse does, with python3's
    # sqlite3 module (tests/Syn2Mas.Net.Tests/Infrastructure/SqliteHolder.cs).
    if ! command -v python3 >/dev/null 2>&1; then
        _s2m_say "installing python3"
        _s2m_apt_install python3 || _s2m_say "python3 could not be installed: the tests with a second SQLite process will fail"
    fi

    if [[ -n "${SYN2MAS_TEST_PG:-}" ]]; then
        _s2m_say "PostgreSQL for tests: the server given by SYN2MAS_TEST_PG"
        _s2m_register_cleanup
        _s2m_engine_for_image_tests
        return 0
    fi
    # Already set up by this shell or by a parent shell that is still running.
    if [[ -n "${SYN2MAS_TEST_ENV_OWNER:-}" ]] && kill -0 "$SYN2MAS_TEST_ENV_OWNER" 2>/dev/null \
        && [[ -n "${SYN2MAS_TEST_PG_IMAGE:-}" ]]; then
        _s2m_say "PostgreSQL for tests: Testcontainers with image $SYN2MAS_TEST_PG_IMAGE (set up by process $SYN2MAS_TEST_ENV_OWNER)"
        return 0
    fi

    _s2m_register_cleanup
    if _s2m_docker_path; then
        export SYN2MAS_TEST_ENV_OWNER=$$
        return 0
    fi
    if _s2m_local_path; then
        _s2m_engine_for_image_tests
        return 0
    fi
    _s2m_say "no PostgreSQL server could be made available for the tests" \
        "(Docker engine: ${_S2M_REASON:-unknown reason}; local server: failed, see above)"
    return 1
}

_s2m_main
