# Sourced by the image scripts (and by hand: `source scripts/images/env.sh; pm images`): where the project keeps its
# container storage, and buildah (bh) and podman (pm) wrappers that always use it, so that no image, layer or
# container goes to /var/lib/containers. test/images/toolchain.ts passes the same flags.
IMAGES_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
IMAGES_TOOLS="$IMAGES_REPO/.tools"
IMAGES_TARBALLS="$IMAGES_TOOLS/images"
IMAGES_STORE="$IMAGES_TOOLS/containers"

bh() {
  TMPDIR="$IMAGES_STORE/tmp" buildah --root "$IMAGES_STORE/storage" --runroot "$IMAGES_STORE/run" --storage-driver vfs "$@"
}

pm() {
  TMPDIR="$IMAGES_STORE/tmp" podman --root "$IMAGES_STORE/storage" --runroot "$IMAGES_STORE/run" --storage-driver vfs \
    --tmpdir "$IMAGES_STORE/tmp" --runtime runc --cgroup-manager cgroupfs --events-backend file "$@"
}
