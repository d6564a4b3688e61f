#!/usr/bin/env bash
# The whole suite, as the README and CI run it: static checks, the build, unit and integration
# tests, end-to-end tests in Chromium, the libvirt lab (real hosts, real migrations; needs root),
# then the benchmarks at smoke size so they cannot rot.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_OPTIONS="${NODE_OPTIONS:-} --max-old-space-size=4096"

started=$SECONDS
step() { current="$*"; printf '\n== %s (at %d s) ==\n' "$*" $((SECONDS - started)) >&2; }
# Each vitest run also writes JSON, so a red run ends by naming its failed tests (a CI log's tail is often all that is kept).
runs=test-results/runs
rm -rf "$runs" && mkdir -p "$runs"
vt() { local name=$1; shift; npx vitest run "$@" --reporter=default --reporter=json --outputFile.json="$runs/$name.json"; }
lab_up=0
finish() {
  local status=$?
  if [ "$lab_up" = 1 ]; then bash scripts/lab/lab.sh down >/dev/null 2>&1 || true; fi
  printf '\nnpm test took %d s\n' $((SECONDS - started)) >&2
  if [ "$status" != 0 ]; then
    node scripts/report-failures.mjs "$runs"/*.json || true
    printf '\nnpm test FAILED in step: %s (exit %s)\n' "${current:-start}" "$status" >&2
  fi
}
trap finish EXIT
step "system packages"; bash scripts/system-deps.sh
step "lint and format"; npx eslint --max-warnings 0 . && npx prettier --check --log-level warn .
step "typecheck"; npm run -s typecheck
step "build"; npx electron-vite build
step "packaging config (electron-builder --dir)"; bash scripts/check-packaging.sh
step "unit and integration tests"; vt unit
step "end-to-end tests (Chromium)"; vt e2e --config test/e2e/vitest.config.mts
# The suite's own seed, so a red run is the code's doing, not the dice's; FERRY_FUZZ_SEED=random explores
# (npm run bench does, with a fresh seed printed first), FERRY_FUZZ_SEED=<seed> replays, FERRY_FUZZ_RUNS sizes it.
step "fuzz: every command, and garbage at the browser shell"
FERRY_FUZZ_SEED="${FERRY_FUZZ_SEED:-20261126}" vt fuzz --config test/fuzz/vitest.config.mts
step "kill matrix on the simulated datacenter (kill -9 in every phase)"; vt crash --config test/crash/vitest.config.mts
# A short soak (npm run soak runs a week on the large preset): schedules, peak migrations, faults and
# freezing tabs on virtual time, then no stuck task, records = actions, memory flat, Verify green.
step "soak (short: 6 simulated hours on the demo preset)"
FERRY_SOAK_PRESET=demo FERRY_SOAK_DAYS="${FERRY_SOAK_DAYS:-0.25}" FERRY_SOAK_SCALE="${FERRY_SOAK_SCALE:-0.02}" vt soak --config test/soak/vitest.config.mts
step "libvirt lab tests (real libvirtd and QEMU)"
# The lab stays up for the benchmarks (Ferry against virsh) and comes down however this ends.
lab_up=1
bash scripts/lab/lab.sh up
# A failed lab run ends with the lab's own diagnosis, so a CI log alone says what the guests did.
FERRY_LAB_KEEP=1 vt lab --config test/lab/vitest.config.mts || { bash scripts/lab/lab.sh diagnose >&2 || true; exit 1; }
step "benchmarks (smoke size)"; node scripts/bench.mjs --smoke --no-build
