#!/usr/bin/env bash
# Builds the standalone syn2mas-net binaries: self-contained single files that need no .NET installed.
#
#     bash scripts/publish.sh [RID...]      (default: linux-x64 linux-arm64 linux-musl-x64)
#
# Each lands in artifacts/publish/RID/syn2mas-net. The .NET runtime packs for the RIDs come from NuGet
# on the first run and from the local package cache afterwards. The build's own intermediate files go to
# artifacts/build/, apart from the solution's bin/ and obj/, so that publishing never disturbs a build or
# a test run of the same checkout. The binary carries the git commit it was built from (`--version`);
# outside a git checkout, set SOURCE_REVISION to say which commit it is.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
    echo "publish: the .NET 10 SDK (dotnet) is not on PATH; install it and run this again." >&2
    exit 1
fi

mkdir -p artifacts
rids=("$@")
[[ ${#rids[@]} -gt 0 ]] || rids=(linux-x64 linux-arm64 linux-musl-x64)

revision=()
[[ -z "${SOURCE_REVISION:-}" ]] || revision=("-p:SourceRevisionId=$SOURCE_REVISION")

for rid in "${rids[@]}"; do
    out="artifacts/publish/$rid"
    rm -rf "$out"
    # Native libraries (SQLite's) go inside the file too; they are unpacked on first start to
    # DOTNET_BUNDLE_EXTRACT_BASE_DIR, or to $HOME/.net, or to the temporary folder.
    if ! dotnet publish src/Syn2Mas.Cli/Syn2Mas.Cli.csproj -c Release -r "$rid" --self-contained true \
        -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -p:DebugType=none \
        "${revision[@]}" --artifacts-path artifacts/build -o "$out" --nologo -v quiet >"artifacts/publish-$rid.log" 2>&1; then
        echo "publish: dotnet publish for $rid failed; last lines of artifacts/publish-$rid.log:" >&2
        tail -n 20 "artifacts/publish-$rid.log" >&2
        exit 1
    fi
    rm -f "artifacts/publish-$rid.log"
    echo "publish: $out/syn2mas-net ($(du -h "$out/syn2mas-net" | cut -f1))"
done
