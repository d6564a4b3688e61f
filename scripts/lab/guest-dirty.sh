#!/bin/sh
# /bin/dirty inside the lab guest: run by `nc -ll -p 7778 -e /bin/dirty` for every TCP connection.
# Reads one line, "rate <MiB/s>" (0..16; 0 stops), and hands the rate to the dirtier that
# /init keeps running; answers "rate=<MiB/s>". The dirtier lives in /init, not here, because
# what a per-connection handler starts dies with its connection.
export PATH=/bin
read -r cmd rate
case "$cmd:$rate" in
  rate:[0-9] | rate:1[0-6]) ;;
  *)
    echo "ERR expected: rate <MiB/s>, 0 to 16"
    exit 0
    ;;
esac
echo "$rate" >/run/dirty.rate
echo "rate=$rate"
