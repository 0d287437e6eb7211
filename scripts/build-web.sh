#!/usr/bin/env bash
# Builds the web application into web/dist (served by `mamori serve`). Installs the npm packages
# from the lockfile (`npm ci`, the npm registry only) when they are missing or the lockfile changed.
set -euo pipefail
cd "$(dirname "$0")/../web"
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-progress
fi
npm run --silent build
