#!/bin/bash
# End-to-end smoke test of the libvirt lab (scripts/lab): brings the lab up, live-migrates a
# guest on shared storage and one with --copy-storage-all, checks each guest survived (same
# boot id, uptime went on, same disk contents), re-runs `up` (idempotence), then `down` and
# checks that nothing is left. Needs root, Linux and the Debian packages in scripts/lab/README.md.
# Takes ~1 min. Prints "N passed, N failed" last; exit status 1 if anything failed.
#   usage: bash test/lab-smoke/lab-smoke.sh [--keep]   (--keep: leave the lab up at the end)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
lab="bash $repo/scripts/lab/lab.sh"
keep=${1:-}
pass=0
fail=0

ok() { pass=$((pass + 1)); printf 'ok   %s\n' "$*"; }
bad() { fail=$((fail + 1)); printf 'FAIL %s\n' "$*"; }
check() { # check "description" command...
  local what=$1
  shift
  if "$@"; then ok "$what"; else bad "$what"; fi
}

json() { # json '<js expression on j>'  -> prints the value from .lab/lab.json
  node -e 'const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); const v = (0, eval)("(j) => " + process.argv[2])(j); console.log(typeof v === "string" ? v : JSON.stringify(v));' \
    "${FERRY_LAB_DIR:-$repo/.lab}/lab.json" "$1"
}
field() { sed -n "s/.* $1=\\([^ ]*\\).*/\\1/p" <<<"$2"; } # field boot "<probe line>"
probe() { $lab probe "$1" 2>/dev/null || true; }
host_of() { # where a guest runs, asked from libvirt (not from lab.json)
  local g=$1 h
  for h in 0 1 2; do
    if virsh -q -c "$(json "j.hosts[$h].unixUri")" domstate "$g" 2>/dev/null | grep -qx running; then
      json "j.hosts[$h].name"
      return 0
    fi
  done
}
timed_migrate() { # timed_migrate <virsh args...>; prints wall seconds
  local t0 t1
  t0=$(date +%s.%N)
  virsh "$@" >/dev/null
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }'
}

[[ "$(id -u)" == 0 ]] || { echo "lab-smoke: needs root"; exit 1; }

t0=$(date +%s.%N)
if $lab up >/tmp/ferry-lab-smoke-up.log 2>&1; then
  ok "lab up ($(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s)"
else
  bad "lab up (log: /tmp/ferry-lab-smoke-up.log)"
  tail -n 30 /tmp/ferry-lab-smoke-up.log
  $lab down || true
  printf '%d passed, %d failed\n' "$pass" "$fail"
  exit 1
fi

H1=$(json 'j.hosts[0].unixUri')
H2=$(json 'j.hosts[1].unixUri')
H2TCP=$(json 'j.hosts[1].tcpUri')
H1TCP=$(json 'j.hosts[0].tcpUri')

check "virsh over h1's unix socket lists lab-vm1 and lab-vm2" \
  bash -c "virsh -c '$H1' list --name | grep -qx lab-vm1 && virsh -c '$H1' list --name | grep -qx lab-vm2"
check "virsh over qemu+tcp from the root namespace (via the bridge) lists lab-vm3" \
  bash -c "virsh -c '$H2TCP' list --name | grep -qx lab-vm3"
check "qemu+ssh to h3 (virt-ssh-helper on the far side) reaches h3's libvirtd" \
  bash -c "[[ \$(virsh -c '$(json 'j.ssh.uri')' hostname) == ferry-lab-h3 ]]"
check "qemu+libssh to h3 with the lab's known_hosts" \
  bash -c "[[ \$(virsh -c '$(json 'j.ssh.libsshUri')' hostname) == ferry-lab-h3 ]]"
check "plain ssh with the lab key runs a command on h3" \
  bash -c "[[ \$('$(json 'j.ssh.sshCommand')' '$(json 'j.ssh.host')' hostname) == ferry-lab-h3 ]]"
if ip link show "$(json 'j.network.bridge')" >/dev/null 2>&1; then
  check "probe answers from the root namespace too (TCP via the bridge)" \
    bash -c "busybox nc -w 2 '$(json 'j.guests[0].ip')' 7777 </dev/null | grep -q '^FERRY-PROBE/1 name=lab-vm1 '"
fi

# --- live migration, shared storage: lab-vm1 h1 -> h2 -------------------------------------
before=$(probe lab-vm1)
vm1_boot=$(field boot "$before")
check "lab-vm1 answers before migration" test -n "$vm1_boot"
secs=$(timed_migrate -c "$H1" migrate --live --persistent --undefinesource --unsafe lab-vm1 "$H2TCP")
after=$(probe lab-vm1)
check "lab-vm1 migrated h1 -> h2 (shared storage, --unsafe) in ${secs} s" test "$(host_of lab-vm1)" = ferry-lab-h2
check "lab-vm1 same boot after migration" test "$(field boot "$before")" = "$(field boot "$after")"
check "lab-vm1 uptime went on ($(field uptime "$before") -> $(field uptime "$after"))" \
  awk -v a="$(field uptime "$before")" -v b="$(field uptime "$after")" 'BEGIN { exit !(b > a) }'
check "lab-vm1 gone from h1 (--undefinesource)" bash -c "! virsh -c '$H1' dominfo lab-vm1 >/dev/null 2>&1"

# --- live migration with --copy-storage-all: lab-vm2 (local storage) h1 -> h2 -------------
# Pre-create the destination disk (thin) at the same path in h2's local pool.
dst_disk="$(json 'j.hosts[1].localPoolDir')/lab-vm2.qcow2"
qemu-img create -q -f qcow2 "$dst_disk" 64M
virsh -q -c "$H2" pool-refresh local >/dev/null
before=$(probe lab-vm2)
secs=$(timed_migrate -c "$H1" migrate --live --persistent --undefinesource --copy-storage-all lab-vm2 "$H2TCP")
after=$(probe lab-vm2)
check "lab-vm2 migrated h1 -> h2 with --copy-storage-all in ${secs} s" test "$(host_of lab-vm2)" = ferry-lab-h2
check "lab-vm2 same boot after copy-storage migration" test "$(field boot "$before")" = "$(field boot "$after")"
check "lab-vm2 disk contents came along (disk id $(field disk "$after"), read with O_DIRECT)" \
  bash -c "[[ '$(field disk "$before")' == '$(field disk "$after")' && '$(field disk "$after")' != blank ]]"
check "pre-created destination disk stayed thin (< 16 MiB allocated)" \
  test "$(du -k "$dst_disk" | cut -f1)" -lt 16384

# --- back again, peer-to-peer (source libvirtd dials the destination from its namespace) --
secs=$(timed_migrate -c "$H2" migrate --live --p2p --persistent --undefinesource --unsafe lab-vm1 "$H1TCP")
check "lab-vm1 migrated back h2 -> h1 with --p2p in ${secs} s" test "$(host_of lab-vm1)" = ferry-lab-h1
check "lab-vm1 still the boot seen before the first migration" test "$(field boot "$(probe lab-vm1)")" = "$vm1_boot"

# --- idempotent up: nothing restarted, guests stay where they are --------------------------
boots=$(for g in lab-vm1 lab-vm2 lab-vm3; do field boot "$(probe $g)"; done)
check "second 'up' succeeds" bash -c "$lab up >/tmp/ferry-lab-smoke-up2.log 2>&1"
boots2=$(for g in lab-vm1 lab-vm2 lab-vm3; do field boot "$(probe $g)"; done)
check "second 'up' rebooted nothing" test "$boots" = "$boots2"
check "lab.json records current hosts (lab-vm2 on h2)" test "$(json 'j.guests[1].host')" = ferry-lab-h2

if [[ "$keep" == --keep ]]; then
  printf '%d passed, %d failed\n' "$pass" "$fail"
  ((fail == 0))
  exit
fi

# --- down removes everything ---------------------------------------------------------------
pids=$(json 'Object.values(j.pids.libvirtd).concat([j.pids.sshd], j.guests.map(g => g.qemuPid)).join(" ")')
user_created=$(json 'j.created.user')
check "lab down" bash -c "$lab down >/tmp/ferry-lab-smoke-down.log 2>&1"
check "no lab network namespaces left" bash -c "! ip netns list | grep -q '^ferry-lab-'"
check "no lab links left" bash -c "! ip -br link | grep -Eq '^(ferrylab0|flab-h[0-9])'"
check "no lab process left (pids $pids)" bash -c "for p in $pids; do [[ -e /proc/\$p ]] && grep -qa '$repo' /proc/\$p/cmdline && exit 1; done; exit 0"
if [[ "$user_created" == libvirt-qemu ]]; then
  check "libvirt-qemu user (created by the lab) removed" bash -c "! getent passwd libvirt-qemu >/dev/null"
fi

printf '%d passed, %d failed\n' "$pass" "$fail"
((fail == 0))
