#!/usr/bin/env bash
# Debian packages the test suite drives for real: Chromium for end-to-end tests; QEMU, libvirt,
# a kernel, busybox and the QEMU guest agent (copied into the lab guests) for the libvirt lab;
# sshd for the SSH transport; certtool (gnutls-bin) for the lab's TLS certificates; cyrus SASL tools
# and plugins (saslpasswd2, SCRAM) and a private polkitd + D-Bus for the lab's auth host; libfaketime
# (faketime) for the e2e console whose wall clock jumps as after a suspend. Installs
# what is missing when run as root on Debian/Ubuntu; otherwise says what to install.
set -euo pipefail

packages=(chromium qemu-system-x86 qemu-utils libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients busybox-static qemu-guest-agent linux-image-amd64 openssh-server iproute2 cpio gnutls-bin sasl2-bin libsasl2-modules polkitd dbus-daemon dbus-bin faketime)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages for the test suite: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
else
  echo "The test suite needs these Debian packages: ${missing[*]} (run as root to install them, or: sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
