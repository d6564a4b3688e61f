#!/bin/sh
# /bin/probe inside the lab guest: run by `nc -ll -e` for every TCP connection on port 7777.
# Writes exactly one line and exits (which closes the connection). Protocol: see README.md.
export PATH=/bin

# Uptime with millisecond resolution: /proc/timer_list's "now at N nsecs" is CLOCK_MONOTONIC
# in ns; /proc/uptime only has 10 ms steps, so it is the fallback.
up=$(head -n 3 /proc/timer_list 2>/dev/null | awk '/^now at/ { printf "%.3f", $3 / 1e9; exit }')
if [ -z "$up" ]; then
  up=$(awk '{ printf "%.3f", $1 }' /proc/uptime)
fi

disk=none
if [ -b /dev/vda ]; then
  first=$(dd if=/dev/vda bs=512 count=1 iflag=direct 2>/dev/null | head -n 1 | tr -d '\0')
  case "$first" in
    FERRYDISK1\ *) disk=${first#FERRYDISK1 } ;;
    *) disk=blank ;;
  esac
fi

echo "FERRY-PROBE/1 name=$(cat /etc/ferry/name) ip=$(cat /etc/ferry/ip) boot=$(cat /etc/ferry/boot-id) uptime=$up disk=$disk dirty=$(cat /run/dirty.rate 2>/dev/null || echo 0)"
