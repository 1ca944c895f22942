#!/usr/bin/env bash
# The install test (test/install/run.sh): IaC Forge from packed tarballs in a
# stock @backstage/create-app portal, set up with exactly docs/install.md.
set -euo pipefail
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/test/install/run.sh" "$@"
