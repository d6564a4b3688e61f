#!/usr/bin/env bash
# The whole suite, as the README and CI run it: static checks, the build, unit and integration
# tests, end-to-end tests in Chromium, the libvirt lab (real hosts, real migrations; needs root),
# then the benchmarks at smoke size so they cannot rot.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_OPTIONS="${NODE_OPTIONS:-} --max-old-space-size=4096"

step() { printf '\n== %s ==\n' "$*" >&2; }
step "system packages"; bash scripts/system-deps.sh
step "lint and format"; npx eslint --max-warnings 0 . && npx prettier --check --log-level warn .
step "typecheck"; npm run -s typecheck
step "build"; npx electron-vite build
step "packaging config (electron-builder --dir)"; bash scripts/check-packaging.sh
step "unit and integration tests"; npx vitest run
step "end-to-end tests (Chromium)"; npx vitest run --config test/e2e/vitest.config.mts
# The suite's own seed, so a red run is the code's doing, not the dice's; FERRY_FUZZ_SEED=random explores
# (npm run bench does, with a fresh seed printed first), FERRY_FUZZ_SEED=<seed> replays, FERRY_FUZZ_RUNS sizes it.
step "fuzz: every command, and garbage at the browser shell"
FERRY_FUZZ_SEED="${FERRY_FUZZ_SEED:-20261126}" npx vitest run --config test/fuzz/vitest.config.mts
step "kill matrix on the simulated datacenter (kill -9 in every phase)"; npx vitest run --config test/crash/vitest.config.mts
# A short soak (npm run soak runs a week on the large preset): schedules, peak migrations, faults and
# freezing tabs on virtual time, then no stuck task, records = actions, memory flat, Verify green.
step "soak (short: 6 simulated hours on the demo preset)"
FERRY_SOAK_PRESET=demo FERRY_SOAK_DAYS="${FERRY_SOAK_DAYS:-0.25}" FERRY_SOAK_SCALE="${FERRY_SOAK_SCALE:-0.02}" npx vitest run --config test/soak/vitest.config.mts
step "libvirt lab tests (real libvirtd and QEMU)"
# The lab stays up for the benchmarks (Ferry against virsh) and comes down however this ends.
trap 'bash scripts/lab/lab.sh down >/dev/null 2>&1 || true' EXIT
bash scripts/lab/lab.sh up
# A failed lab run ends with the lab's own diagnosis, so a CI log alone says what the guests did.
FERRY_LAB_KEEP=1 npx vitest run --config test/lab/vitest.config.mts || { bash scripts/lab/lab.sh diagnose >&2 || true; exit 1; }
step "benchmarks (smoke size)"; node scripts/bench.mjs --smoke
