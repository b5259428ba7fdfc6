#!/usr/bin/env bash
# Builds the local PostgreSQL 15 image used by the integration tests, without
# any container registry: the root file system comes from Debian's own
# packages (debootstrap, minbase variant, plus postgresql-15) and is turned
# into an image with `docker import`.
#
# Usage: scripts/build-pg-image.sh [--rebuild] [--refresh-rootfs] [IMAGE]
#
#   IMAGE             image name (default: syn2mas-net/postgres:15)
#   --rebuild         import the image again even if it exists
#   --refresh-rootfs  run debootstrap again instead of using the cached rootfs
#
# Idempotent: when the image exists and its label syn2mas-net.build matches the
# current rootfs recipe and docker/postgres/entrypoint.sh, it is reused. Otherwise it is imported from
# the cached rootfs tarball under /var/cache/syn2mas-net/ (a few seconds), and
# only when that is missing too is debootstrap run (about half a minute).
#
# The Debian mirror is read from this machine's apt sources at run time
# (deb822 files in /etc/apt/sources.list.d/ or /etc/apt/sources.list); set
# SYN2MAS_DEBIAN_MIRROR to override it.
#
# Prints one status line on stdout. Details go to the log file
# (/tmp/syn2mas-net-build-pg-image.log), whose tail is printed on failure.
# Needs root and a running Docker engine.
set -euo pipefail

SUITE=bookworm
# Bump when the way the rootfs is assembled changes, so old caches are ignored.
ROOTFS_RECIPE=2
CACHE_DIR=${SYN2MAS_CACHE_DIR:-/var/cache/syn2mas-net}
ROOTFS_TAR="$CACHE_DIR/rootfs-$SUITE-postgresql-15-r$ROOTFS_RECIPE.tar"
LOG=${SYN2MAS_BUILD_LOG:-/tmp/syn2mas-net-build-pg-image.log}
LABEL_KEY=syn2mas-net.build

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
entrypoint="$repo_root/docker/postgres/entrypoint.sh"

image=syn2mas-net/postgres:15
rebuild=0
refresh_rootfs=0
for arg in "$@"; do
    case "$arg" in
        --rebuild) rebuild=1 ;;
        --refresh-rootfs) refresh_rootfs=1; rebuild=1 ;;
        -h|--help) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "build-pg-image: unknown option $arg" >&2; exit 2 ;;
        *) image=$arg ;;
    esac
done

SCRIPT_NAME=build-pg-image
# shellcheck source=scripts/lib/debian-rootfs.sh
source "$repo_root/scripts/lib/debian-rootfs.sh"

[[ -f "$entrypoint" ]] || die "missing $entrypoint"
begin_image_build build.lock
# Identifies what the image is made of: the rootfs recipe and the entrypoint.
build_id="rootfs-r$ROOTFS_RECIPE-entrypoint-$(sha256sum "$entrypoint" | cut -c1-16)"
[[ $rebuild -eq 1 ]] || exit_if_image_is_current "$image" "$build_id"

build_rootfs() {
    mkdir -p "$CACHE_DIR"
    rootfs_work=$(mktemp -d "$CACHE_DIR/rootfs-build.XXXXXX")
    trap 'remove_tree "$rootfs_work"' EXIT
    local target="$rootfs_work/rootfs"

    debootstrap_minbase "$target" postgresql-15
    [[ -x "$target/usr/lib/postgresql/15/bin/postgres" ]] || die "postgresql-15 is missing from the rootfs"
    [[ -f "$target/usr/share/postgresql/15/extension/pg_trgm.control" ]] || die "pg_trgm is missing from the rootfs"

    # Slim the tree further: the cluster "main" created by the package's postinst (the entrypoint makes
    # its own), and the LLVM JIT provider with libLLVM and its libz3 (the server silently runs without
    # JIT when llvmjit.so is absent).
    slim_rootfs "$target"
    rm -rf "$target/var/lib/postgresql/15" "$target/etc/postgresql/15" \
        "$target"/usr/lib/postgresql/15/lib/llvmjit* "$target"/usr/lib/postgresql/15/lib/bitcode \
        "$target"/usr/lib/*-linux-gnu/libLLVM-*.so* "$target"/usr/lib/*-linux-gnu/libz3.so*
    # (/var/run is an absolute symlink to /run: never follow it from outside the chroot.)
    install -d -m 2775 -o "$(stat -c %u "$target/var/lib/postgresql")" \
        -g "$(stat -c %g "$target/var/lib/postgresql")" "$target/run/postgresql"

    archive_rootfs "$target" "$ROOTFS_TAR"
    # Drop caches made by older recipes.
    find "$CACHE_DIR" -maxdepth 1 -name "rootfs-$SUITE-postgresql-15-r*.tar" \
        ! -name "${ROOTFS_TAR##*/}" -delete
    remove_tree "$rootfs_work"
    trap - EXIT
}

start=$SECONDS
old_id=$(docker image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)

rootfs_origin="cached rootfs $ROOTFS_TAR"
if [[ $refresh_rootfs -eq 1 || ! -s "$ROOTFS_TAR" ]]; then
    build_rootfs
fi

# Add the entrypoint to a copy of the cached rootfs archive and import it.
stage=$(mktemp -d "$CACHE_DIR/import.XXXXXX")
trap 'rm -rf "$stage"' EXIT
install -D -m 0755 "$entrypoint" "$stage/files/usr/local/bin/docker-entrypoint.sh"
cp --reflink=auto "$ROOTFS_TAR" "$stage/rootfs.tar"
tar -C "$stage/files" --owner=0 --group=0 --numeric-owner --no-recursion \
    -rf "$stage/rootfs.tar" ./usr/local/bin/docker-entrypoint.sh
docker import \
    --change 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' \
    --change 'CMD ["postgres"]' \
    --change 'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV PGDATA=/var/lib/postgresql/data' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'EXPOSE 5432' \
    --change "LABEL $LABEL_KEY=$build_id" \
    --change 'LABEL org.opencontainers.image.title=syn2mas-net-postgres-15' \
    --message "PostgreSQL 15 from Debian $SUITE packages, for syn2mas-net tests" \
    "$stage/rootfs.tar" "$image" >>"$LOG" 2>&1 || die "docker import failed"
rm -rf "$stage"
trap - EXIT

id=$(docker image inspect --format '{{.Id}}' "$image")
# The image it replaces, now untagged, goes unless a container still uses it.
if [[ -n "$old_id" && "$old_id" != "$id" ]]; then
    docker image rm "$old_id" >>"$LOG" 2>&1 || true
fi
echo "build-pg-image: built image $image (${id:7:12}) from the $rootfs_origin in $((SECONDS - start)) s"
