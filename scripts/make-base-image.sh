#!/usr/bin/env bash
# Makes the local base image localhost/votebot-base (Debian bookworm with python3) when
# no registry of images is reachable: debootstrap a minimal root file system and import it.
#
# The image is cached in podman's storage: a second run finds it and returns at once.
# It is made again when this script changes (the script's checksum is a label on the
# image) or when --force is given.
#
#   scripts/make-base-image.sh [--force]
#
# Settings (environment): VOTEBOT_BASE_IMAGE (default localhost/votebot-base),
# DEBIAN_MIRROR (default http://deb.debian.org/debian), PODMAN (default "podman
# --cgroup-manager=cgroupfs").
set -euo pipefail

image="${VOTEBOT_BASE_IMAGE:-localhost/votebot-base}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
read -r -a podman <<<"${PODMAN:-podman --cgroup-manager=cgroupfs}"
here="$(cd "$(dirname "$0")" && pwd)"
recipe="$(sha256sum "$here/make-base-image.sh" | cut -c1-16)"

force=0
[ "${1:-}" = "--force" ] && force=1

if [ "$force" -eq 0 ] && "${podman[@]}" image exists "$image"; then
    have="$("${podman[@]}" image inspect --format '{{ index .Labels "votebot.base.recipe" }}' \
        "$image" 2>/dev/null || true)"
    if [ "$have" = "$recipe" ]; then
        echo "make-base-image: $image is up to date (recipe $recipe)" >&2
        exit 0
    fi
    echo "make-base-image: $image was made by another recipe; making it again" >&2
fi

for tool in debootstrap "${podman[0]}"; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "make-base-image: $tool is missing (scripts/install-container-tools.sh installs it)" >&2
        exit 1
    }
done

rootfs="$(mktemp -d "${TMPDIR:-/var/tmp}/votebot-base.XXXXXX")"
trap 'rm -rf "$rootfs"' EXIT

echo "make-base-image: debootstrap bookworm into $rootfs (about a minute)" >&2
start=$(date +%s)
debootstrap --variant=minbase \
    --include=python3,python3-venv,python3-pip,ca-certificates \
    bookworm "$rootfs" "$mirror" >"$rootfs.log" 2>&1 || {
    echo "make-base-image: debootstrap failed; the last lines of its log:" >&2
    tail -n 20 "$rootfs.log" >&2
    rm -f "$rootfs.log"
    exit 1
}
rm -f "$rootfs.log"

# What a container base does not need: package lists, caches, documentation.
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin \
    "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/usr/share/doc/* \
    "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/var/log/*.log

tar --numeric-owner -C "$rootfs" -c . | "${podman[@]}" import \
    --change "LABEL votebot.base.recipe=$recipe" \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["/bin/bash"]' \
    - "$image" >/dev/null
echo "make-base-image: made $image in $(($(date +%s) - start)) s" >&2
