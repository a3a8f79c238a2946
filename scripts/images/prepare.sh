#!/usr/bin/env bash
# Prepares the real image toolchain for `npm run test:images`, idempotently (quick when all is there):
#   - buildah, podman, runc, mmdebstrap and busybox-static from Debian's packages;
#   - a Debian bookworm minbase root file system made once by mmdebstrap (cached in .tools/images/), imported as
#     debian:bookworm-slim and debian:bookworm;
#   - a scratch image holding only Debian's static BusyBox, imported as localhost/bulkhead/busybox-static:1.35, for
#     the cases that need no apt (Debian's build has no adduser, so it is not named busybox: Bulkhead would
#     rightly expect BusyBox's adduser in an image of that name).
# Everything goes into the project's own container storage, .tools/containers. No image comes from a registry.
set -euo pipefail
source "$(dirname "$0")/env.sh"

packages=(buildah podman runc mmdebstrap busybox-static)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing ${missing[*]}"
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "${packages[@]}"
fi
[ "$(id -u)" = 0 ] || { echo "prepare.sh: the image toolchain runs as root (buildah chroot isolation, podman with runc)" >&2; exit 1; }

mkdir -p "$IMAGES_TARBALLS" "$IMAGES_STORE/storage" "$IMAGES_STORE/run" "$IMAGES_STORE/tmp"

debian_tar="$IMAGES_TARBALLS/debian-bookworm.tar"
if [ ! -f "$debian_tar" ]; then
  echo "making the Debian bookworm root file system (mmdebstrap, minbase)"
  rm -rf "$debian_tar" "$debian_tar.part"
  # No mirror named: mmdebstrap uses this machine's Debian sources.
  mmdebstrap --variant=minbase --format=tar bookworm "$debian_tar.part"
  mv "$debian_tar.part" "$debian_tar"
fi

busybox_tar="$IMAGES_TARBALLS/busybox.tar"
if [ ! -f "$busybox_tar" ]; then
  echo "making the BusyBox root file system"
  rootfs="$(mktemp -d)"
  mkdir -p "$rootfs"/{bin,etc,tmp,root,home}
  chmod 1777 "$rootfs/tmp"; chmod 700 "$rootfs/root"
  cp /bin/busybox "$rootfs/bin/busybox"
  for applet in $("$rootfs/bin/busybox" --list); do
    [ "$applet" = busybox ] || ln -s busybox "$rootfs/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnobody:x:65534:\n' >"$rootfs/etc/group"
  printf 'root:*:19000:0:99999:7:::\nnobody:*:19000:0:99999:7:::\n' >"$rootfs/etc/shadow"
  chmod 640 "$rootfs/etc/shadow"
  tar --sort=name --numeric-owner --owner=0 --group=0 -C "$rootfs" -cf "$busybox_tar.part" .
  rm -rf "$rootfs"
  mv "$busybox_tar.part" "$busybox_tar"
fi

has_image() { bh inspect --type image "$1" >/dev/null 2>&1; }

# import TARBALL NAME… -- CONFIG…: one image from a root file system, with the config the usual images carry.
import() {
  local tarball="$1"; shift
  local names=()
  while [ "$1" != "--" ]; do names+=("$1"); shift; done
  shift
  local todo=()
  for n in "${names[@]}"; do has_image "$n" || todo+=("$n"); done
  ((${#todo[@]})) || return 0
  echo "importing ${todo[*]}"
  local ctr
  ctr="$(bh from --pull=never scratch)"
  bh add "$ctr" "$tarball" /
  bh config "$@" "$ctr"
  bh commit --rm "$ctr" "${todo[0]}"
  for n in "${todo[@]:1}"; do bh tag "${todo[0]}" "$n"; done
}

path_env='PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
import "$debian_tar" docker.io/library/debian:bookworm-slim docker.io/library/debian:bookworm -- \
  --env "$path_env" --cmd '["bash"]' --os linux --arch amd64
import "$busybox_tar" localhost/bulkhead/busybox-static:1.35 -- \
  --env "$path_env" --cmd '["sh"]' --os linux --arch amd64

bh images
