#!/usr/bin/env bash
# The whole suite, as the README and CI run it: static checks, the build, unit and integration
# tests, end-to-end tests in Chromium, then the benchmarks at smoke size so they cannot rot.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_OPTIONS="${NODE_OPTIONS:-} --max-old-space-size=4096"

step() { printf '\n== %s ==\n' "$*" >&2; }
step "system packages"; bash scripts/system-deps.sh
step "lint"; npx eslint --max-warnings 0 .
step "typecheck"; npm run -s typecheck
step "build"; npx electron-vite build
step "unit and integration tests"; npx vitest run
step "end-to-end tests (Chromium)"; npx vitest run --config test/e2e/vitest.config.mts
step "benchmarks (smoke size)"; node scripts/bench.mjs --smoke
