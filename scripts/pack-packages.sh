#!/usr/bin/env bash
# Builds and packs every published IaC Forge package into one folder, the way
# they are published: `backstage-cli package build`, then `yarn pack` (which
# runs prepack/postpack). Prints each tarball's size.
#   scripts/pack-packages.sh [OUT_DIR]   (default: .tools/packages)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/env.sh"
OUT="${1:-$ROOT/.tools/packages}"
PACKAGES=(
  plugins/iac-templates
  plugins/iac-common
  plugins/iac-git-node
  plugins/iac-node
  plugins/output-checks
  plugins/iac-backend-module-git
  plugins/iac-backend
  plugins/scaffolder-backend-module-iac
  plugins/catalog-backend-module-iac
  plugins/iac
  packages/cli
)
cd "$ROOT"
rm -rf "$OUT" && mkdir -p "$OUT"
# the type declarations in dist/ come from the repository's tsc output
yarn tsc >/dev/null
for pkg in "${PACKAGES[@]}"; do
  (cd "$pkg" && yarn backstage-cli package build >/dev/null && yarn pack --out "$OUT/%s-%v.tgz" >/dev/null)
done
for tgz in "$OUT"/*.tgz; do
  printf '%8s  %s\n' "$(du -k "$tgz" | cut -f1)K" "$(basename "$tgz")"
done
