#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3, the newest line that runs on Node 20) and Debian's Chromium
# into the git-ignored .tools/ folder, offline apart from the npm registry and Debian packages. Idempotent:
# a finished install is marked and skipped.
set -euo pipefail
cd "$(dirname "$0")/../.."
# BULKHEAD_E2E_TOOLS installs elsewhere (to time a cold install without touching the cache).
TOOLS="${BULKHEAD_E2E_TOOLS:-$PWD/.tools/code-server}"
MARK="$TOOLS/.prepared-4.100.3"
need_apt=()
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
# The Restricted Mode test inspects the language server's processes and sockets.
command -v pgrep >/dev/null 2>&1 || need_apt+=(procps)
command -v ss >/dev/null 2>&1 || need_apt+=(iproute2)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if [ -f "$MARK" ]; then
  echo "code-server already prepared in $TOOLS"
  exit 0
fi

mkdir -p "$TOOLS"
cd "$TOOLS"
[ -f package.json ] || echo '{"name":"bulkhead-e2e-tools","private":true}' > package.json
# The install script of code-server downloads from the internet; everything it would do is done below.
npm install --no-audit --no-fund --ignore-scripts code-server@4.100.3

VS="$TOOLS/node_modules/code-server/lib/vscode"
(cd "$VS" && npm install --no-audit --no-fund --ignore-scripts --omit=dev)
mkdir -p "$VS/node_modules/@vscode/ripgrep/bin"
cp "$(command -v rg)" "$VS/node_modules/@vscode/ripgrep/bin/rg"
(cd "$VS" && npm_config_yes=true npm rebuild @vscode/spdlog node-pty @parcel/watcher kerberos @vscode/deviceid native-watchdog)
[ -e "$VS/node_modules.asar" ] || ln -s node_modules "$VS/node_modules.asar"
(cd "$VS/extensions" && npm install --no-audit --no-fund --ignore-scripts --omit=dev)
# argon2 is hoisted to this folder; rebuilding it inside node_modules/code-server does nothing.
npm_config_yes=true npm rebuild argon2

touch "$MARK"
echo "code-server prepared in $TOOLS"
