#!/bin/sh
# /bin/dirty inside the lab guest: run by `nc -ll -p 7778 -e /bin/dirty` for every TCP connection.
# Reads one line, "rate <MiB/s>" (0..16; 0 stops), and hands the rate to the dirtier that
# /init keeps running; answers "rate=<MiB/s>". "agent off" / "agent on" stop the guest agent /init
# runs and allow it again (answers "agent=off" / "agent=on"). The dirtier and the agent live in
# /init, not here, because what a per-connection handler starts dies with its connection.
export PATH=/bin
read -r cmd arg
case "$cmd:$arg" in
  rate:[0-9] | rate:1[0-6])
    echo "$arg" >/run/dirty.rate
    echo "rate=$arg"
    ;;
  agent:off)
    # The guest agent stays stopped (its respawn loop in /init checks this file) until `agent on`.
    : >/run/agent.off
    [ -e /run/agent.pid ] && kill "$(cat /run/agent.pid)" 2>/dev/null
    echo "agent=off"
    ;;
  agent:on)
    rm -f /run/agent.off
    echo "agent=on"
    ;;
  *) echo "ERR expected: rate <MiB/s> (0 to 16), or agent on|off" ;;
esac
