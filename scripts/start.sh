#!/usr/bin/env bash
# Installs everything needed and starts the portal on the embedded default
# (SQLite under ./data, templates from this repository, guest sign-in):
#   frontend http://localhost:3000, backend http://localhost:7007
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/bootstrap.sh"
# shellcheck source=scripts/env.sh
. "$ROOT/scripts/env.sh"
cd "$ROOT"
mkdir -p data
exec yarn start "$@"
