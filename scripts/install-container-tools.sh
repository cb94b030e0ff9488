#!/usr/bin/env bash
# Installs podman, buildah and debootstrap from Debian's packages when any is missing.
# Idempotent: does nothing when all three are on PATH. Needs root (or sudo) and apt-get.
set -euo pipefail

missing=()
for tool in podman buildah debootstrap; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    sudo=()
elif command -v sudo >/dev/null 2>&1; then
    sudo=(sudo -n)
else
    echo "install-container-tools: need root to install ${missing[*]}" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-container-tools: no apt-get here; install ${missing[*]} by hand" >&2
    exit 1
fi

echo "install-container-tools: installing ${missing[*]} (and their helpers)" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
# uidmap, fuse-overlayfs and slirp4netns are what podman needs besides itself;
# --no-install-recommends keeps the install small.
"${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    podman buildah debootstrap uidmap fuse-overlayfs slirp4netns \
    containernetworking-plugins ca-certificates >/dev/null
for tool in podman buildah debootstrap; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "install-container-tools: $tool still missing after apt-get" >&2
        exit 1
    }
done
