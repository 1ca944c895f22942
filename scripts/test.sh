#!/usr/bin/env bash
# Installs everything needed and runs ALL the tests:
#   type check, lint, unit tests of every package (incl. the generated-output
#   matrices), the browser end-to-end suite against the real portal, and the
#   production profile on PostgreSQL with two replicas (test/production).
# Ends with one line "N passed, N failed, N skipped" summed over every suite,
# and exits non-zero on any failure (scripts/test-summary.mjs has the rules:
# under CI a skipped test, a test that ran no assertion or a package that
# collected fewer tests than its floor in scripts/test-floors.json fails the
# run). Reports land in test-results/.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 1

"$ROOT/scripts/bootstrap.sh" || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
# shellcheck source=scripts/env.sh
. "$ROOT/scripts/env.sh"
"$ROOT/scripts/ensure-debian-packages.sh" || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }

RESULTS="$ROOT/test-results"
mkdir -p "$RESULTS"
rm -f "$RESULTS"/*.json "$RESULTS"/steps.txt
export CI="${CI:-true}"

took() { printf '\033[2m(%s: %ss)\033[0m\n' "$1" "$(( SECONDS - $2 ))"; }
step() { # step <name> <command...>: a check that counts as one test
  local name="$1" t0=$SECONDS; shift
  printf '\n\033[1;34m==> %s\033[0m\n' "$name"
  if "$@"; then echo "$name passed" >> "$RESULTS/steps.txt"; else echo "$name failed" >> "$RESULTS/steps.txt"; fi
  took "$name" "$t0"
}
suite() { # suite <name> <command...>: a jest run writing test-results/<name>.json
  local name="$1" t0=$SECONDS; shift
  printf '\n\033[1;34m==> %s\033[0m\n' "$name"
  "$@" --json --outputFile="$RESULTS/$name.json"
  echo "$name exit $?" >> "$RESULTS/steps.txt"
  took "$name" "$t0"
}

# Caches that make a second run fast, all keyed by content: tsc's build
# info (dist-types/), eslint's per-package success cache and prettier's
# cache (node_modules/.cache/), jest's transform cache, and the output
# checks' helm-run cache ($TMPDIR/output-checks-<uid>/). The output checks'
# verdict ("reports") cache stays off here: every check runs for real.
export IACFORGE_CHECK_CACHE=helm
# tsc is single-threaded: it runs beside lint and prettier, its output is
# printed when it is done
t0=$SECONDS
yarn tsc > "$RESULTS/typecheck.log" 2>&1 &
tsc_pid=$!
step lint yarn backstage-cli repo lint --success-cache
step prettier yarn prettier --check --cache .
printf '\n\033[1;34m==> %s\033[0m\n' typecheck
if wait "$tsc_pid"; then echo "typecheck passed" >> "$RESULTS/steps.txt"; else echo "typecheck failed" >> "$RESULTS/steps.txt"; fi
cat "$RESULTS/typecheck.log"
took typecheck "$t0"
# the rules of the closing line, tested with fake jest reports (node:test;
# a skipped or todo test there fails the step too)
summary_rules() {
  local out
  out="$(node --test --test-reporter=tap "$ROOT"/scripts/*.test.mjs 2>&1)" || { echo "$out"; return 1; }
  if ! grep -qx '# skipped 0' <<<"$out" || ! grep -qx '# todo 0' <<<"$out"; then
    echo "$out"
    return 1
  fi
  grep -E '^# (pass|fail|skipped|todo) ' <<<"$out"
}
step summary-rules summary_rules
suite unit yarn backstage-cli repo test
suite e2e yarn workspace @iacforge/e2e-tests test:e2e
# the production profile (docs/production.md): PostgreSQL, two replicas,
# SIGKILL recovery, 20 tasks at once, 50 connections x 60 s on the preview
# API; ~4 min on 2 cores. IACFORGE_LOAD_SECONDS shortens the load.
suite production "$ROOT/scripts/test-production.sh"

# The install test (a stock create-app portal from packed tarballs) runs
# on its own: `yarn test:install` (10-30 min, most of it create-app's install
# and building the packages); IACFORGE_TEST_INSTALL=1 adds it here.
if [ "${IACFORGE_TEST_INSTALL:-}" = "1" ]; then
  step install "$ROOT/scripts/test-install.sh"
fi

exec node "$ROOT/scripts/summarize-tests.mjs" "$RESULTS"
