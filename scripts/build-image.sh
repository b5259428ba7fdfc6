#!/usr/bin/env bash
# Builds syn2mas-net's container image without any image registry: the base is made from Debian's
# packages (scripts/build-base-image.sh) and the binary is the linux-x64 one scripts/publish.sh makes on
# this machine, copied by the Dockerfile's `prebuilt` stage. Where the official images can be pulled,
# `docker build -t syn2mas-net .` builds the same image from the same Dockerfile.
#
# Usage: scripts/build-image.sh [--tag IMAGE] [--no-publish]
#
#   --tag IMAGE     the image's name (default: syn2mas-net:latest)
#   --no-publish    use artifacts/publish/linux-x64/syn2mas-net as it is (it must exist)
#
# Needs root (for the base image) and a running Docker engine.
set -euo pipefail
cd "$(dirname "$0")/.."

tag=syn2mas-net:latest
publish=1
while [[ $# -gt 0 ]]; do
    case "$1" in
        --tag) tag=${2:?--tag needs an image name}; shift ;;
        --no-publish) publish=0 ;;
        -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "build-image: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done

base=syn2mas-net/runtime-deps:bookworm
bash scripts/build-base-image.sh "$base"
if [[ $publish -eq 1 ]]; then
    bash scripts/publish.sh linux-x64
fi
binary=artifacts/publish/linux-x64/syn2mas-net
[[ -x "$binary" ]] || { echo "build-image: $binary is missing; run scripts/publish.sh linux-x64" >&2; exit 1; }

revision=$(git rev-parse HEAD 2>/dev/null || echo unknown)
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)
# Debian's engine comes without the buildx plugin; its classic builder reads the same Dockerfile.
docker buildx version >/dev/null 2>&1 || export DOCKER_BUILDKIT=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! docker build --target prebuilt --build-arg "RUNTIME_IMAGE=$base" --build-arg "BINARY=$binary" \
    --build-arg "SOURCE_REVISION=$revision" --build-arg "VERSION=$version" -t "$tag" . >"$log" 2>&1; then
    echo "build-image: docker build failed:" >&2
    tail -n 20 "$log" >&2
    exit 1
fi
echo "build-image: built $tag ($(docker image inspect --format '{{.Size}}' "$tag" | awk '{ printf "%.0f MB", $1 / 1e6 }'))"
