#!/usr/bin/env bash
# Builds the project's Dockerfile with podman on the local base image, the way it
# works on a machine without a Docker engine or an image registry:
#
#   scripts/build-image.sh TAG [more podman build options...]
#
# Makes no base image: run scripts/make-base-image.sh first. BASE_IMAGE (environment)
# overrides localhost/votebot-base. The CA mount lets pip reach the package index.
set -euo pipefail

if [ "$#" -lt 1 ]; then
    echo "usage: scripts/build-image.sh TAG [podman build options...]" >&2
    exit 2
fi
tag="$1"
shift
project="$(cd "$(dirname "$0")/.." && pwd)"
context="${VOTEBOT_BUILD_CONTEXT:-$project}"

exec podman --cgroup-manager=cgroupfs build \
    --isolation=chroot --network=host \
    -v /etc/ssl/certs:/etc/ssl/certs:ro \
    --format docker \
    --build-arg "BASE_IMAGE=${BASE_IMAGE:-localhost/votebot-base}" \
    -t "$tag" \
    -f "$context/Dockerfile" \
    "$@" \
    "$context"
