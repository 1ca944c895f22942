#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (no browser download by a test
# tool). Installs it with apt-get when it is missing.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && exit 0
echo "[ensure-chromium] installing Debian's chromium" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 || {
  $SUDO apt-get update >/dev/null
  $SUDO apt-get install -y --no-install-recommends chromium >/dev/null
}
[ -x "$CHROMIUM" ] || { echo "[ensure-chromium] $CHROMIUM still missing" >&2; exit 1; }
