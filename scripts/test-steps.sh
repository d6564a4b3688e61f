# Sourced by test.sh and test-beside-lab.sh: named steps, and vitest runs that also write JSON, so a red
# run ends by naming its failed tests (a CI log's tail is often all that is kept).
runs=test-results/runs
# FERRY_TEST_STARTED: when npm test started (epoch seconds), so both scripts time their steps alike.
step() {
  current="$*"
  printf '%s\n' "$*" > "$runs/${step_file:-main}.step"
  printf '\n== %s (at %d s) ==\n' "$*" $(($(date +%s) - FERRY_TEST_STARTED)) >&2
}
vt() { local name=$1; shift; npx vitest run "$@" --reporter=default --reporter=json --outputFile.json="$runs/$name.json"; }
