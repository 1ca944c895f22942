#!/usr/bin/env bash
# Installs everything needed and runs ALL the tests:
#   type check, lint, unit tests of every package (incl. the generated-output
#   matrices), and the browser end-to-end suite against the real portal.
# Ends with one line "N passed, N failed" summed over every suite, and exits
# non-zero on any failure. Reports land in test-results/.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

"$ROOT/scripts/bootstrap.sh" || { echo "0 passed, 1 failed"; exit 1; }
# shellcheck source=scripts/env.sh
. "$ROOT/scripts/env.sh"
"$ROOT/scripts/ensure-chromium.sh" || { echo "0 passed, 1 failed"; exit 1; }

RESULTS="$ROOT/test-results"
mkdir -p "$RESULTS"
rm -f "$RESULTS"/*.json "$RESULTS"/steps.txt
export CI="${CI:-true}"

step() { # step <name> <command...>: a check that counts as one test
  local name="$1"; shift
  printf '\n\033[1;34m==> %s\033[0m\n' "$name"
  if "$@"; then echo "$name passed" >> "$RESULTS/steps.txt"; else echo "$name failed" >> "$RESULTS/steps.txt"; fi
}
suite() { # suite <name> <command...>: a jest run writing test-results/<name>.json
  local name="$1"; shift
  printf '\n\033[1;34m==> %s\033[0m\n' "$name"
  "$@" --json --outputFile="$RESULTS/$name.json"
  echo "$name exit $?" >> "$RESULTS/steps.txt"
}

step typecheck yarn tsc
step lint yarn backstage-cli repo lint
step prettier yarn prettier --check .
suite unit yarn backstage-cli repo test --passWithNoTests
suite e2e yarn workspace @iacforge/e2e-tests test:e2e

exec node "$ROOT/scripts/summarize-tests.mjs" "$RESULTS"
