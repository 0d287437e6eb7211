#!/usr/bin/env bash
# Installs the Debian 12 packages mamori needs to build, run and test. Idempotent:
# it asks apt only for what is missing, so a prepared machine starts in a second.
set -euo pipefail
pkgs=(
  g++ cmake ninja-build pkg-config make git
  libboost-dev libboost-system-dev libsqlite3-dev sqlite3 libssl-dev openssl
  libargon2-dev liboath-dev nlohmann-json3-dev libyaml-cpp-dev libcli11-dev
  libspdlog-dev libfmt-dev libxlsxwriter-dev libcurl4-openssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  wrk curl python3 python3-openpyxl python3-aiosmtpd
  chromium fonts-noto-cjk
)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# Node.js (with npm) builds the web application. A machine may carry a newer Node.js than
# Debian's (e.g. NodeSource's, which bundles npm and conflicts with Debian's npm package), so
# ask for Debian's only when no node/npm is on the PATH.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "installing: ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
