#!/bin/sh
# /init of the lab guest (busybox ash, runs as PID 1 from the initramfs).
# Kernel command line parameters it reads:
#   ferry.ip=10.77.0.21/24   static address of eth0 (required for the probe to be reachable)
#   ferry.name=lab-vm1       name reported by the probe
export PATH=/bin

mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mkdir -p /dev/pts /tmp /run
mount -t devpts devpts /dev/pts

# virtio drivers are modules in Debian's kernel; the order matters (dependencies first).
while read -r mod; do
  [ -n "$mod" ] && insmod "/lib/modules/$mod.ko" || echo "ferry-init: insmod $mod failed"
done </lib/modules/order

ip=
name=guest
# shellcheck disable=SC2013 # word splitting is the point: one kernel parameter per word
for arg in $(cat /proc/cmdline); do
  case "$arg" in
    ferry.ip=*) ip=${arg#ferry.ip=} ;;
    ferry.name=*) name=${arg#ferry.name=} ;;
  esac
done

ip link set lo up
# eth0 appears once virtio_net has probed the device; wait a little for it.
i=0
while [ ! -e /sys/class/net/eth0 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
if [ -n "$ip" ]; then
  ip addr add "$ip" dev eth0
fi
ip link set eth0 up

mkdir -p /etc/ferry
echo "$name" >/etc/ferry/name
echo "${ip%/*}" >/etc/ferry/ip
# The kernel makes a random boot id per boot: exactly the "same boot?" token the probe needs.
tr -d '-' </proc/sys/kernel/random/boot_id >/etc/ferry/boot-id

# Disk marker: the first sector of /dev/vda holds "FERRYDISK1 <id>". Written once on a blank
# disk; the probe re-reads it with O_DIRECT, so after a copy-storage migration it proves the
# destination disk carries the source's data (a blank disk would answer disk=blank).
if [ -b /dev/vda ]; then
  if ! dd if=/dev/vda bs=512 count=1 iflag=direct 2>/dev/null | head -c 10 | grep -q FERRYDISK1; then
    # From the (random) boot id: reading /dev/urandom this early waits ~1 s for the CRNG.
    id=$(head -c 16 /etc/ferry/boot-id)
    printf 'FERRYDISK1 %s\n' "$id" | dd of=/dev/vda bs=512 count=1 conv=sync,fsync 2>/dev/null
  fi
fi

echo "ferry-init: $name up, ip=$ip boot=$(cat /etc/ferry/boot-id)"

# The probe responder: one line per TCP connection on port 7777. Restarted if it ever exits.
(while true; do nc -ll -p 7777 -e /bin/probe; sleep 1; done) &
# Memory dirtying on demand ("rate <MiB/s>" on port 7778), so pre-copy has pages to chase: every
# second the dirtier rewrites that many MiB of a 32 MiB working set. The data is random because
# zero pages would cost the migration nothing, and it alternates between two sources at every lap
# of the working set: rewriting the same bytes dirties pages for migration but leaves their
# contents alone, and QEMU's page sampling (which hashes contents) would measure 0 after one lap.
# Keep the rate at or below 20 MiB/s under TCG.
echo 0 >/run/dirty.rate
(
  exec </dev/null >/dev/null 2>&1
  dd if=/dev/urandom of=/tmp/dirty-a bs=1M count=16
  dd if=/dev/urandom of=/tmp/dirty-b bs=1M count=16
  off=0
  src=a
  while true; do
    rate=$(cat /run/dirty.rate)
    if [ "$rate" -gt 0 ]; then
      dd if=/tmp/dirty-$src of=/tmp/dirty-area bs=1M count="$rate" seek="$off" conv=notrunc
      off=$((off + rate))
      if [ "$off" -ge 32 ]; then
        off=$((off % 32))
        if [ "$src" = a ]; then src=b; else src=a; fi
      fi
    fi
    sleep 1
  done
) &
(while true; do nc -ll -p 7778 -e /bin/dirty; sleep 1; done) &

# Debian's QEMU guest agent on its virtio-serial port, as on a cloud image. There is no udev, so
# the port is found by name in sysfs (its vportNpM number depends on the device order) and passed
# explicitly; /dev has it because devtmpfs is mounted above. Restarted if it exits, unless
# /run/agent.off exists (`agent off` on port 7778 stops it, for tests of guests without one).
agent_port() {
  for p in /sys/class/virtio-ports/vport*; do
    if [ "$(cat "$p/name" 2>/dev/null)" = org.qemu.guest_agent.0 ]; then
      echo "/dev/${p##*/}"
      return 0
    fi
  done
  return 1
}
mkdir -p /run/qga
(
  exec </dev/null >/dev/null 2>&1
  while true; do
    if [ ! -e /run/agent.off ] && port=$(agent_port); then
      qemu-ga -m virtio-serial -p "$port" -t /run/qga -l /run/qga/log &
      echo $! >/run/agent.pid
      wait $!
      rm -f /run/agent.pid
    fi
    sleep 1
  done
) &

# PID 1 must never exit. Reap children forever.
while true; do sleep 3600; done
