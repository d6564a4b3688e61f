#!/usr/bin/env bash
# The whole suite, as the README and CI run it: static checks, the build, unit and integration
# tests, end-to-end tests in Chromium, the libvirt lab (real hosts, real migrations; needs root),
# then the benchmarks at smoke size so they cannot rot.
#
# The lab's real guests leave most of the two cores idle (measured over the kill matrix: 61%), while
# every other step is bound by the CPU. Those run beside the lab tests (test-beside-lab.sh) at the
# lowest priority: the lab keeps the CPU it asks for, and its timing is as when alone.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_OPTIONS="${NODE_OPTIONS:-} --max-old-space-size=4096"
export FERRY_TEST_STARTED=$(date +%s)
source scripts/test-steps.sh
rm -rf "$runs" && mkdir -p "$runs"
lab_up=0
beside=
finish() {
  local status=$?
  if [ -n "$beside" ]; then kill -- -"$beside" 2>/dev/null || true; fi
  if [ -n "${beside_cgroup:-}" ]; then rmdir "$beside_cgroup" 2>/dev/null || true; fi
  if [ "$lab_up" = 1 ]; then bash scripts/lab/lab.sh down >/dev/null 2>&1 || true; fi
  printf '\nnpm test took %d s\n' $(($(date +%s) - FERRY_TEST_STARTED)) >&2
  if [ "$status" != 0 ]; then
    node scripts/report-failures.mjs "$runs"/*.json || true
    printf '\nnpm test FAILED in step: %s (exit %s)\n' "${current:-start}" "$status" >&2
  fi
}
trap finish EXIT
step "system packages"; bash scripts/system-deps.sh
step "build"; npx electron-vite build
step "libvirt lab up"
lab_up=1
bash scripts/lab/lab.sh up
# Chromium sets the nice values of its own processes (as root, even above 0), so where the machine lets one be
# made the beside steps also run in a cgroup of the lowest CPU weight (cgroup v1's cpu controller), all they
# start with them. Its own process group (setsid), so a failure here stops all it started.
beside_cgroup=/sys/fs/cgroup/cpu/ferry-beside-$$
if ! { mkdir "$beside_cgroup" && echo 16 > "$beside_cgroup/cpu.shares"; } 2>/dev/null; then
  rmdir "$beside_cgroup" 2>/dev/null || true
  beside_cgroup=
fi
setsid bash -c 'if [ -n "$1" ]; then echo $$ > "$1/cgroup.procs"; fi; exec nice -n 19 bash scripts/test-beside-lab.sh' _ "$beside_cgroup" \
  > "$runs/beside-lab.log" 2>&1 &
beside=$!
step "libvirt lab tests (real libvirtd and QEMU), beside: static checks, unit, fuzz, crash, soak, end-to-end"
# A failed lab run ends with the lab's own diagnosis, so a CI log alone says what the guests did.
lab_status=0
FERRY_LAB_KEEP=1 vt lab --config test/lab/vitest.config.mts || lab_status=$?
if [ "$lab_status" != 0 ]; then bash scripts/lab/lab.sh diagnose >&2 || true; fi
step "waiting for the steps beside the lab"
beside_status=0
wait "$beside" || beside_status=$?
beside=
cat "$runs/beside-lab.log" >&2
if [ "$beside_status" != 0 ]; then
  current="$(cat "$runs/beside-lab.step")"
  exit "$beside_status"
fi
if [ "$lab_status" != 0 ]; then
  current="libvirt lab tests (real libvirtd and QEMU)"
  exit "$lab_status"
fi
# The lab stays up for the benchmarks (Ferry against virsh) and comes down however this ends.
step "benchmarks (smoke size)"; node scripts/bench.mjs --smoke --no-build
