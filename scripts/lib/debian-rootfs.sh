# shellcheck shell=bash
# Shared by the scripts that make offline images from Debian's packages (build-pg-image.sh,
# build-base-image.sh). Source it after defining SCRIPT_NAME (for messages), SUITE (e.g. bookworm),
# CACHE_DIR, LOG (a log file) and LABEL_KEY (the label that identifies a build).

die() {
    echo "$SCRIPT_NAME: $*" >&2
    if [[ -s "$LOG" ]]; then
        echo "$SCRIPT_NAME: last lines of $LOG:" >&2
        tail -n 25 "$LOG" >&2
    fi
    exit 1
}

# Checks that an image can be built here, then waits for the lock file LOCK under CACHE_DIR, so that
# concurrent test runs build one at a time and the second one reuses the first one's image.
begin_image_build() {
    local lock=$1
    [[ $EUID -eq 0 ]] || die "must run as root (debootstrap and docker import need it)"
    command -v docker >/dev/null 2>&1 || die "the docker command is not installed"
    timeout 30 docker info >/dev/null 2>&1 || die "the Docker engine does not answer (docker info failed)"
    mkdir -p "$CACHE_DIR"
    exec 9>"$CACHE_DIR/$lock"
    flock -w 600 9 || die "another build still holds $CACHE_DIR/$lock after 10 minutes"
    : >"$LOG"
}

# Ends the script when IMAGE exists and was built as BUILD_ID (its LABEL_KEY label).
exit_if_image_is_current() {
    local image=$1 build_id=$2 have_id id
    docker image inspect "$image" >/dev/null 2>&1 || return 0
    have_id=$(docker image inspect --format "{{index .Config.Labels \"$LABEL_KEY\"}}" "$image" 2>/dev/null || true)
    if [[ "$have_id" == "$build_id" ]]; then
        id=$(docker image inspect --format '{{.Id}}' "$image")
        echo "$SCRIPT_NAME: reused existing image $image (${id:7:12})"
        exit 0
    fi
    echo "image exists but was built as '$have_id', not '$build_id'; rebuilding" >>"$LOG"
}

# Prints the URI of the Debian archive that serves $SUITE, as configured for apt.
debian_mirror() {
    if [[ -n "${SYN2MAS_DEBIAN_MIRROR:-}" ]]; then
        echo "${SYN2MAS_DEBIAN_MIRROR%/}"
        return 0
    fi
    local uri
    uri=$(
        {
            # deb822 stanzas: prefer one whose Suites list $SUITE itself.
            for f in /etc/apt/sources.list.d/*.sources; do
                [[ -r "$f" ]] || continue
                awk -v suite="$SUITE" '
                    BEGIN { RS = ""; FS = "\n" }
                    {
                        types = ""; uris = ""; suites = ""; enabled = "yes"
                        for (i = 1; i <= NF; i++) {
                            line = $i
                            if (line ~ /^[ \t]*#/) continue
                            key = tolower(line); sub(/:.*/, "", key)
                            val = line; sub(/^[^:]*:[ \t]*/, "", val)
                            if (key == "types") types = val
                            else if (key == "uris") uris = val
                            else if (key == "suites") suites = val
                            else if (key == "enabled") enabled = tolower(val)
                        }
                        if (enabled == "no" || (" " types " ") !~ / deb /) next
                        n = split(suites, s, /[ \t]+/)
                        rank = 0
                        for (j = 1; j <= n; j++) {
                            if (s[j] == suite) rank = 1
                            else if (rank == 0 && s[j] != "" && s[j] !~ /security/) rank = 2
                        }
                        if (rank == 0) next
                        split(uris, u, /[ \t]+/)
                        for (k in u) if (u[k] != "") { print rank, u[k]; break }
                    }' "$f"
            done
            # One-line format: deb [options] URI SUITE COMPONENTS...
            if [[ -r /etc/apt/sources.list ]]; then
                awk -v suite="$SUITE" '
                    $1 == "deb" {
                        i = 2
                        if ($i ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
                        if ($(i + 1) == suite) print 1, $i
                        else if ($(i + 1) !~ /security/) print 2, $i
                    }' /etc/apt/sources.list
            fi
        } | grep -E '^[12] (https?|ftp|file):' | sort -s -k1,1n | head -n 1 | cut -d' ' -f2
    ) || true
    [[ -n "$uri" ]] || return 1
    echo "${uri%/}"
}

# Unmounts whatever debootstrap may have left mounted below $1, then deletes $1
# without crossing into other file systems.
remove_tree() {
    local dir=$1 m
    [[ -d "$dir" ]] || return 0
    while read -r m; do
        umount -l "$m" 2>/dev/null || true
    done < <(awk -v d="$dir/" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r)
    rm -rf --one-file-system "$dir"
}

apt_install() {
    {
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
            -o DPkg::Lock::Timeout=300 "$@"
    } >>"$LOG" 2>&1
}

# Fills TARGET with a minbase Debian $SUITE plus the packages INCLUDE (comma separated), and sets
# rootfs_origin to say where it came from.
debootstrap_minbase() {
    local target=$1 include=$2
    if ! command -v debootstrap >/dev/null 2>&1; then
        apt_install debootstrap || die "could not install debootstrap"
    fi
    local keyring=/usr/share/keyrings/debian-archive-keyring.gpg
    if [[ ! -r "$keyring" ]]; then
        apt_install debian-archive-keyring || die "could not install debian-archive-keyring"
    fi
    local mirror
    mirror=$(debian_mirror) || die "no Debian mirror for $SUITE found in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list (set SYN2MAS_DEBIAN_MIRROR)"
    rootfs_origin="debootstrap of $SUITE from $mirror"

    # debootstrap downloads with wget, which does not read apt's proxy setting.
    if [[ -z "${http_proxy:-}" ]]; then
        local proxy=""
        eval "$(apt-config shell proxy Acquire::http::Proxy 2>/dev/null)" || true
        [[ -n "$proxy" && "$proxy" != DIRECT ]] && export http_proxy=$proxy
    fi

    echo "debootstrap --variant=minbase --include=$include $SUITE $mirror" >>"$LOG"
    debootstrap --variant=minbase --include="$include" --components=main \
        --keyring="$keyring" "$SUITE" "$target" "$mirror" >>"$LOG" 2>&1 \
        || die "debootstrap failed"
}

# Slims TARGET, since every container of a vfs-backed engine is a full copy of it: downloaded .deb
# files, apt lists and sources, documentation, man pages, translations, locale sources (C.UTF-8 is built
# in), temporary files and logs.
slim_rootfs() {
    local target=$1
    rm -rf "$target"/var/cache/apt/archives/*.deb "$target"/var/cache/apt/*.bin \
        "$target"/var/lib/apt/lists/* \
        "$target"/usr/share/doc/* "$target"/usr/share/man/* "$target"/usr/share/info/* \
        "$target"/usr/share/locale/* "$target"/usr/share/i18n \
        "$target"/tmp/* "$target"/var/tmp/* "$target"/var/log/*.log "$target"/var/log/apt/*
    : >"$target/etc/apt/sources.list"
}

# Archives TARGET into the tar file TAR (written whole or not at all).
archive_rootfs() {
    local target=$1 tar=$2
    # Refuse to archive if anything is still mounted inside.
    if awk -v d="$target/" 'index($2, d) == 1 { found = 1 } END { exit !found }' /proc/mounts; then
        die "file systems are still mounted below $target"
    fi
    tar -C "$target" --numeric-owner --one-file-system \
        --exclude='./proc/*' --exclude='./sys/*' --exclude='./dev/*' \
        -cf "$tar.partial" . >>"$LOG" 2>&1 || die "could not archive the rootfs"
    mv -f "$tar.partial" "$tar"
}
