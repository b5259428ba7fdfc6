#!/usr/bin/env bash
# Builds a local base image for syn2mas-net's container image where no image registry can be reached:
# what the official mcr.microsoft.com/dotnet/runtime-deps image holds (a minimal Debian with the C and C++
# runtimes, OpenSSL, CA certificates, time zones and an unprivileged user `app`, uid 1654), made from
# Debian's own packages with debootstrap and turned into an image with `docker import`. It has no .NET:
# the self-contained binary brings its own runtime.
#
# Usage: scripts/build-base-image.sh [--rebuild] [IMAGE]      (default IMAGE: syn2mas-net/runtime-deps:bookworm)
#
# Idempotent: an existing image built from the same recipe is reused; the root file system is cached as a
# tar file under /var/cache/syn2mas-net/, so only the first build runs debootstrap (about a minute).
# Prints one status line on stdout; details go to /tmp/syn2mas-net-build-base-image.log. Needs root and a
# running Docker engine.
set -euo pipefail

SUITE=bookworm
# Bump when the recipe changes, so that old caches and images are not reused.
RECIPE=1
PACKAGES=ca-certificates,libssl3,tzdata
CACHE_DIR=${SYN2MAS_CACHE_DIR:-/var/cache/syn2mas-net}
ROOTFS_TAR="$CACHE_DIR/rootfs-$SUITE-runtime-deps-r$RECIPE.tar"
LOG=${SYN2MAS_BUILD_LOG:-/tmp/syn2mas-net-build-base-image.log}
LABEL_KEY=syn2mas-net.build
BUILD_ID="runtime-deps-$SUITE-r$RECIPE"

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

image=syn2mas-net/runtime-deps:bookworm
rebuild=0
for arg in "$@"; do
    case "$arg" in
        --rebuild) rebuild=1 ;;
        -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "build-base-image: unknown option $arg" >&2; exit 2 ;;
        *) image=$arg ;;
    esac
done

SCRIPT_NAME=build-base-image
# shellcheck source=scripts/lib/debian-rootfs.sh
source "$repo_root/scripts/lib/debian-rootfs.sh"

begin_image_build build-base.lock
[[ $rebuild -eq 1 ]] || exit_if_image_is_current "$image" "$BUILD_ID"

start=$SECONDS
rootfs_origin="cached rootfs $ROOTFS_TAR"
if [[ $rebuild -eq 1 || ! -s "$ROOTFS_TAR" ]]; then
    rootfs_work=$(mktemp -d "$CACHE_DIR/rootfs-build.XXXXXX")
    trap 'remove_tree "$rootfs_work"' EXIT
    target="$rootfs_work/rootfs"
    debootstrap_minbase "$target" "$PACKAGES"
    [[ -e "$target/usr/lib/x86_64-linux-gnu/libssl.so.3" || -n "$(find "$target/usr/lib" -name 'libssl.so.3' -print -quit)" ]] \
        || die "libssl3 is missing from the rootfs"
    slim_rootfs "$target"
    # The same unprivileged user as the official .NET images.
    echo 'app:x:1654:1654:app:/home/app:/usr/sbin/nologin' >>"$target/etc/passwd"
    echo 'app:x:1654:' >>"$target/etc/group"
    install -d -m 0755 -o 1654 -g 1654 "$target/home/app"
    chmod 1777 "$target/tmp"
    archive_rootfs "$target" "$ROOTFS_TAR"
    find "$CACHE_DIR" -maxdepth 1 -name "rootfs-$SUITE-runtime-deps-r*.tar" ! -name "${ROOTFS_TAR##*/}" -delete
    remove_tree "$rootfs_work"
    trap - EXIT
fi

docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change "ENV APP_UID=1654" \
    --change "LABEL $LABEL_KEY=$BUILD_ID" \
    --message "Debian $SUITE with what a self-contained .NET program needs, for syn2mas-net" \
    "$ROOTFS_TAR" "$image" >>"$LOG" 2>&1 || die "docker import failed"
echo "build-base-image: built image $image from the $rootfs_origin in $((SECONDS - start)) s"
