#!/usr/bin/env bash
# The steps of npm test that need no lab and are bound by the CPU: test.sh runs them beside the lab
# tests, at the lowest priority. Its own log; its current step in test-results/runs/beside-lab.step.
set -euo pipefail
cd "$(dirname "$0")/.."
step_file=beside-lab
source scripts/test-steps.sh
step "lint and format"; npx eslint --max-warnings 0 . && npx prettier --check --log-level warn .
step "typecheck"; npm run -s typecheck
step "packaging config (electron-builder --dir)"; bash scripts/check-packaging.sh
step "unit and integration tests"; vt unit
# The suite's own seed, so a red run is the code's doing, not the dice's; FERRY_FUZZ_SEED=random explores
# (npm run bench does, with a fresh seed printed first), FERRY_FUZZ_SEED=<seed> replays, FERRY_FUZZ_RUNS sizes it.
step "fuzz: every command, and garbage at the browser shell"
FERRY_FUZZ_SEED="${FERRY_FUZZ_SEED:-20261126}" vt fuzz --config test/fuzz/vitest.config.mts
step "kill matrix on the simulated datacenter (kill -9 in every phase)"; vt crash --config test/crash/vitest.config.mts
# A short soak (npm run soak runs a week on the large preset): schedules, peak migrations, faults and
# freezing tabs on virtual time, then no stuck task, records = actions, memory flat, Verify green.
step "soak (short: 6 simulated hours on the demo preset)"
FERRY_SOAK_PRESET=demo FERRY_SOAK_DAYS="${FERRY_SOAK_DAYS:-0.25}" FERRY_SOAK_SCALE="${FERRY_SOAK_SCALE:-0.02}" vt soak --config test/soak/vitest.config.mts
step "end-to-end tests (Chromium)"; vt e2e --config test/e2e/vitest.config.mts
step "done"
