# shellcheck shell=bash
# Builds the tiny lab guest: Debian's own kernel + a busybox-static initramfs (cpio newc, gzip).
# No downloads: everything comes from installed Debian packages. The result is cached in
# $GUEST_DIR and rebuilt only when an input changes.

# Load order matters: each module's dependencies come first (checked against modinfo below).
GUEST_MODULES=(virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci
  failover net_failover virtio_net virtio_blk virtio_console)
GUEST_APPLETS=(sh ash mount mkdir insmod ip sleep cat tr echo head awk dd grep nc printf
  ls ps ping uptime dmesg kill rm sync poweroff)

# The newest installed kernel that also has its modules (the running kernel may be another).
guest_kernel_version() {
  local v best=
  for f in /boot/vmlinuz-*; do
    [[ -e "$f" ]] || continue
    v=${f#/boot/vmlinuz-}
    [[ -d /lib/modules/$v/kernel ]] || continue
    if [[ -z "$best" ]] || [[ "$(printf '%s\n%s\n' "$best" "$v" | sort -V | tail -n1)" == "$v" ]]; then
      best=$v
    fi
  done
  [[ -n "$best" ]] || die "no /boot/vmlinuz-* with matching /lib/modules (apt-get install linux-image-amd64)"
  printf '%s' "$best"
}

# Finds <module>.ko, .ko.xz, .ko.zst or .ko.gz under /lib/modules/<ver>.
guest_module_file() {
  local ver=$1 mod=$2 f
  f=$(find "/lib/modules/$ver/kernel" \( -name "$mod.ko" -o -name "$mod.ko.xz" -o -name "$mod.ko.zst" -o -name "$mod.ko.gz" \) -print -quit)
  [[ -n "$f" ]] || die "kernel module $mod not found under /lib/modules/$ver"
  printf '%s' "$f"
}

# Debian's real QEMU guest agent and the shared libraries it loads (ldd), so the lab guest answers
# libvirt's agent calls exactly as a cloud image's qemu-ga does. Copied with -L into the paths ldd
# names (the loader under /lib64, the libraries under /lib/x86_64-linux-gnu).
QEMU_GA=/usr/sbin/qemu-ga
guest_copy_agent() {
  local root=$1 lib
  [[ -x "$QEMU_GA" ]] || die "$QEMU_GA missing (apt-get install qemu-guest-agent)"
  install -D -m 0755 "$QEMU_GA" "$root/bin/qemu-ga"
  for lib in $(ldd "$QEMU_GA" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'); do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
}

# Under TCG, decompressing the 8 MiB xz bzImage takes the guest ~3 s before its first line.
# QEMU can boot the uncompressed ELF (vmlinux) through the PVH entry point instead (Debian's
# kernel has CONFIG_PVH=y): ~0.7 s to the first line. Extract it from the bzImage here; if
# anything is off, fall back to the bzImage (slower boot, same guest).
guest_extract_vmlinux() {
  local kernel=$1 config=$2 out=$3 off
  grep -qx 'CONFIG_PVH=y' "$config" 2>/dev/null || return 1
  off=$(LC_ALL=C grep -obUaP '\xfd7zXZ\x00' "$kernel" | head -n1 | cut -d: -f1 || true)
  [[ -n "$off" ]] || return 1
  # xz stops reading at the end of its stream, so tail may die of SIGPIPE: that is fine.
  { tail -c +$((off + 1)) "$kernel" || true; } | xz -dc --single-stream >"$out" 2>/dev/null || return 1
  [[ "$(head -c 4 "$out" | od -An -c | tr -d ' ')" == '177ELF' ]] || return 1
}

guest_build() {
  local ver kernel stamp_want stamp_have f
  ver=$(guest_kernel_version)
  kernel=/boot/vmlinuz-$ver
  [[ -r "$kernel" ]] || die "cannot read $kernel"
  [[ -x /bin/busybox ]] || die "/bin/busybox missing (apt-get install busybox-static)"
  # ldd fails on a static binary; a dynamic busybox would not run in the initramfs.
  if ldd /bin/busybox >/dev/null 2>&1; then die "/bin/busybox is dynamic; the initramfs needs busybox-static"; fi

  # Cache key: kernel, busybox, qemu-ga and our guest scripts.
  stamp_want=$(
    {
      stat -c '%n %s %Y' "$kernel" /bin/busybox "$QEMU_GA"
      cat "$LAB_SCRIPTS/guest-init.sh" "$LAB_SCRIPTS/guest-probe.sh" "$LAB_SCRIPTS/guest-dirty.sh" "$LAB_SCRIPTS/guest.sh"
    } | sha256sum | cut -d' ' -f1
  )
  stamp_have=$(cat "$GUEST_DIR/build.stamp" 2>/dev/null || true)
  if [[ "$stamp_want" == "$stamp_have" && -s "$GUEST_DIR/kernel" && -s "$GUEST_DIR/initramfs.gz" ]]; then
    log "guest: cached ($GUEST_DIR, kernel $ver)"
    return 0
  fi

  log "guest: building initramfs for kernel $ver"
  local root
  root=$(mktemp -d "$LAB_DIR/guest-build.XXXXXX")
  mkdir -p "$root"/{bin,dev,proc,sys,tmp,etc,lib/modules}
  cp /bin/busybox "$root/bin/busybox"
  for a in "${GUEST_APPLETS[@]}"; do ln -s busybox "$root/bin/$a"; done
  install -m 0755 "$LAB_SCRIPTS/guest-init.sh" "$root/init"
  install -m 0755 "$LAB_SCRIPTS/guest-probe.sh" "$root/bin/probe"
  install -m 0755 "$LAB_SCRIPTS/guest-dirty.sh" "$root/bin/dirty"
  # What qemu-ga's guest-shutdown runs (/sbin/shutdown -P +0 "hypervisor initiated shutdown"): no
  # init to stop services here, so it syncs and powers off. Nothing handles the ACPI power button
  # (no acpid): an ACPI-only shutdown is ignored, as by a guest that cannot shut down.
  mkdir -p "$root/sbin"
  printf '#!/bin/sh\nsync\nexec poweroff -f\n' >"$root/sbin/shutdown"
  chmod 0755 "$root/sbin/shutdown"
  guest_copy_agent "$root"

  # Modules: busybox insmod cannot read compressed modules, so decompress them here.
  local mod seen=" " dep
  : >"$root/lib/modules/order"
  for mod in "${GUEST_MODULES[@]}"; do
    for dep in $(modinfo -k "$ver" -F depends "$mod" | tr ',' ' '); do
      [[ "$seen" == *" $dep "* ]] || die "module order: $mod needs $dep loaded before it"
    done
    f=$(guest_module_file "$ver" "$mod")
    case "$f" in
      *.ko) cp "$f" "$root/lib/modules/$mod.ko" ;;
      *.ko.xz) xz -dc "$f" >"$root/lib/modules/$mod.ko" ;;
      *.ko.gz) gzip -dc "$f" >"$root/lib/modules/$mod.ko" ;;
      *.ko.zst) zstd -dc "$f" >"$root/lib/modules/$mod.ko" ;;
    esac
    echo "$mod" >>"$root/lib/modules/order"
    seen+="$mod "
  done

  mkdir -p "$GUEST_DIR"
  (cd "$root" && find . -print0 | LC_ALL=C sort -z | cpio --null --create --format=newc --owner=0:0 --quiet) |
    gzip -9 >"$GUEST_DIR/initramfs.gz.tmp"
  mv "$GUEST_DIR/initramfs.gz.tmp" "$GUEST_DIR/initramfs.gz"
  if guest_extract_vmlinux "$kernel" "/boot/config-$ver" "$GUEST_DIR/kernel.tmp"; then
    echo pvh-elf >"$GUEST_DIR/kernel-format"
  else
    log "guest: no PVH vmlinux could be extracted; booting the bzImage (about 3 s slower)"
    cp "$kernel" "$GUEST_DIR/kernel.tmp"
    echo bzimage >"$GUEST_DIR/kernel-format"
  fi
  mv "$GUEST_DIR/kernel.tmp" "$GUEST_DIR/kernel"
  rm -f "$GUEST_DIR/vmlinuz" # name used by earlier versions of this script
  echo "$ver" >"$GUEST_DIR/kernel-version"
  rm -rf "$root"
  echo "$stamp_want" >"$GUEST_DIR/build.stamp"
  log "guest: built $(du -h "$GUEST_DIR/initramfs.gz" | cut -f1) initramfs + kernel $ver ($(cat "$GUEST_DIR/kernel-format"))"
}
