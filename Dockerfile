# syn2mas-net's container image: the self-contained binary on a minimal base, run as an unprivileged user.
#
#   docker build -t syn2mas-net .                  the official .NET images: SDK to build, runtime-deps to run
#   bash scripts/build-image.sh                    no registry needed: a base made from Debian's packages and
#                                                  the binary published on this machine (stage `prebuilt`)
#
# Build arguments: SDK_IMAGE and RUNTIME_IMAGE name the bases (a locally made base works as well as the
# official one), SOURCE_REVISION the git commit when the build context has no .git (it is left out of it).
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0

# What both ways of building share: labels, user, working folder, entry point.
FROM ${RUNTIME_IMAGE} AS runtime
ARG VERSION=0.1.0
ARG SOURCE_REVISION=unknown
LABEL org.opencontainers.image.title="syn2mas-net" \
      org.opencontainers.image.description="Migrates a Synapse homeserver's users and sessions into the Matrix Authentication Service" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${SOURCE_REVISION}" \
      org.opencontainers.image.base.name="${RUNTIME_IMAGE}"
# SQLite's native library is unpacked from the single file at first start; /tmp is writable whatever
# --user the container runs as.
ENV DOTNET_BUNDLE_EXTRACT_BASE_DIR=/tmp
WORKDIR /data
# uid 1654 is the `app` user of the .NET images; run with --user UID:GID to read files only another uid may.
USER 1654:1654
ENTRYPOINT ["/usr/local/bin/syn2mas-net"]
CMD ["--help"]

# The binary published on the build machine by scripts/publish.sh; selected with --target prebuilt.
FROM runtime AS prebuilt
ARG BINARY=artifacts/publish/linux-x64/syn2mas-net
COPY ${BINARY} /usr/local/bin/syn2mas-net

# The binary built inside the official SDK image.
FROM ${SDK_IMAGE} AS build
ARG TARGETARCH
ARG SOURCE_REVISION=unknown
WORKDIR /src
COPY . .
RUN rid=linux-x64; if [ "$TARGETARCH" = arm64 ]; then rid=linux-arm64; fi; \
    SOURCE_REVISION="$SOURCE_REVISION" bash scripts/publish.sh "$rid" \
    && cp "artifacts/publish/$rid/syn2mas-net" /syn2mas-net

FROM runtime AS final
COPY --from=build /syn2mas-net /usr/local/bin/syn2mas-net
