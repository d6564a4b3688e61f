#!/bin/bash
# Runs as the first process of a lab host, already inside its network namespace and a fresh
# private mount + UTS namespace (see hosts.sh). Gives the host its own /etc/libvirt, /run and
# /var, then becomes libvirtd. Bind mounts made here are invisible outside this namespace and
# vanish with it, so nothing on the real machine changes.
#   usage: host-init.sh <host-name> <host-dir>
set -euo pipefail
name=$1
dir=$2

hostname "$name"

# Private /var: a skeleton with the directories libvirtd and sshd expect. /var as a whole
# (not /var/lib/libvirt etc.) because those do not exist on a machine without
# libvirt-daemon-system, and creating mount points there would leave traces in the root fs.
mount --bind "$dir/var" /var
mount --bind "$dir/run" /run
mount --bind "$dir/etc-libvirt" /etc/libvirt
mount --bind "$dir/hosts" /etc/hosts

exec /usr/sbin/libvirtd --listen -f "$dir/etc-libvirt/libvirtd.conf" -p /run/libvirtd.pid
