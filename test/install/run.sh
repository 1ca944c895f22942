#!/usr/bin/env bash
# test/install: IaC Forge in a stock Backstage portal, from packed tarballs.
#
# 1. a stock portal from @backstage/create-app (pinned), installed once and
#    cached by its inputs under .tools/install-test/ (a git commit of the
#    untouched portal; later runs reset to it and reuse node_modules);
# 2. every IaC Forge package built and packed (scripts/pack-packages.sh),
#    the tarballs checked outside the workspace (smoke.sh);
# 3. exactly the lines of docs/install.md applied (apply-docs.mjs), with the
#    package names pointing at the tarballs;
# 4. the frontend built, the backend started on a free port, one Template run
#    through the scaffolder REST API, the result cloned and checked, /create
#    opened in Chromium (check-portal.mjs).
# Prints how long the run took and whether the stock portal came from cache.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/test/install"
. "$ROOT/scripts/env.sh"
START=$SECONDS
CREATE_APP_VERSION="0.9.2"
# the registry pins of docs/shared ENVIRONMENT (partial npm mirror)
PINS='{"@swc/core":"1.16.18","unrs-resolver":"1.12.2","rollup":"4.67.4","@yarnpkg/core":"4.9.1","@backstage/plugin-signals-backend":"0.3.19"}'
KEY="$(printf '%s\n' "$CREATE_APP_VERSION" "$PINS" "$(node -v)" | sha256sum | cut -c1-16)"
CACHE="$ROOT/.tools/install-test"
PORTAL="$CACHE/stock-$KEY"
PKGS="$CACHE/packages"
mkdir -p "$CACHE"

log() { printf '\033[1;34m[install %3ss]\033[0m %s\n' "$((SECONDS - START))" "$*"; }
yarnp() { (cd "$PORTAL" && node "$PORTAL"/.yarn/releases/yarn-*.cjs "$@"); }

# 1. the stock portal
if [ -f "$PORTAL.ready" ] && [ -d "$PORTAL" ]; then
  STOCK="cached"
  log "stock portal from cache: $PORTAL"
  git -C "$PORTAL" reset --quiet --hard stock
  git -C "$PORTAL" clean --quiet -fd
else
  STOCK="created"
  log "creating a stock portal with @backstage/create-app@$CREATE_APP_VERSION"
  find "$CACHE" -maxdepth 1 -name 'stock-*' -exec rm -rf {} +
  (cd "$CACHE" && echo "stock" | npx -y "@backstage/create-app@$CREATE_APP_VERSION" --skip-install --path "$PORTAL" >"$CACHE/create-app.log" 2>&1) \
    || { tail -30 "$CACHE/create-app.log"; exit 1; }
  node -e '
    const fs = require("fs"); const f = process.argv[1] + "/package.json";
    const p = JSON.parse(fs.readFileSync(f));
    Object.assign(p.resolutions ??= {}, JSON.parse(process.argv[2]));
    fs.writeFileSync(f, JSON.stringify(p, null, 2) + "\n");' "$PORTAL" "$PINS"
  log "yarn install (stock)"
  yarnp install >"$CACHE/stock-install.log" 2>&1 || { tail -40 "$CACHE/stock-install.log"; exit 1; }
  # create-app runs no `git init` inside another repository's work tree
  # (the cache lives under this checkout's .tools/): the portal gets its own
  [ -d "$PORTAL/.git" ] || git -C "$PORTAL" init --quiet
  git -C "$PORTAL" add -A >/dev/null
  git -C "$PORTAL" -c user.name=iacforge -c user.email=iacforge@localhost commit --quiet -m "stock portal" --no-verify
  git -C "$PORTAL" tag -f stock >/dev/null
  touch "$PORTAL.ready"
fi

# 2. the tarballs
log "building and packing the IaC Forge packages"
"$ROOT/scripts/pack-packages.sh" "$PKGS"
log "tarballs outside the workspace (npm install + entry points + iacforge render)"
"$HERE/smoke.sh" "$PKGS"

# 3. docs/install.md, line by line
log "applying docs/install.md"
mkdir -p "$PORTAL/iacforge-packages"
cp "$PKGS"/*.tgz "$PORTAL/iacforge-packages/"
node "$HERE/apply-docs.mjs" "$ROOT/docs/install.md" "$PORTAL" "$PORTAL/iacforge-packages" > "$CACHE/apply.sh"
cat "$CACHE/apply.sh"
(cd "$PORTAL" && YARN="node $(ls "$PORTAL"/.yarn/releases/yarn-*.cjs)" bash -euo pipefail "$CACHE/apply.sh") >"$CACHE/apply.log" 2>&1 \
  || { tail -40 "$CACHE/apply.log"; exit 1; }

# 4. build, start, use
log "building the portal's frontend"
yarnp workspace app build >"$CACHE/app-build.log" 2>&1 || { tail -40 "$CACHE/app-build.log"; exit 1; }
log "starting the portal, running a Template, opening /create"
node "$HERE/check-portal.mjs" "$PORTAL" "$ROOT"

log "done: ${STOCK} stock portal, $((SECONDS - START)) s in all"
echo "install test: stock portal ${STOCK}, $((SECONDS - START)) s" >> "$CACHE/timings.txt"
tail -5 "$CACHE/timings.txt"
