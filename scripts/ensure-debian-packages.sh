#!/usr/bin/env bash
# Installs, with apt-get, the Debian packages the tests drive when they are
# missing (no browser or linter download by a test tool):
#   - chromium: the browser of the end-to-end suite (CHROMIUM_PATH moves it)
#   - the shell linter shellcheck: run on every generated shell script and
#     workflow `run:` step by the governance matrix
#   - postgresql: the production test (test/production) creates a throwaway
#     cluster with its initdb
# A test never skips because one of them is missing: it fails instead.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"

missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
has_initdb() { compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; }
has_initdb || missing+=(postgresql)
[ "${#missing[@]}" -eq 0 ] && exit 0

echo "[ensure-debian-packages] installing Debian's ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
  $SUDO apt-get update >/dev/null
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
}
[ -x "$CHROMIUM" ] || { echo "[ensure-debian-packages] $CHROMIUM still missing" >&2; exit 1; }
command -v shellcheck >/dev/null 2>&1 || { echo "[ensure-debian-packages] shellcheck still missing" >&2; exit 1; }
has_initdb || { echo "[ensure-debian-packages] postgresql (initdb) still missing" >&2; exit 1; }
