#!/bin/sh
# Regenerates docs/coverage/NAME.md, the coverage report of every profile embedded in the binary
# (docs/profiles.md). The black-box test ProfileCliTest.CoverageReportsInDocsAreCurrent fails until this
# has been run after a profile changed.
#   usage: scripts/coverage.sh [BUILD_DIR]      (default: build)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build}/mamori
mkdir -p "$root/docs/coverage"
status=0
for name in $("$bin" profile list | awk '!/\(shared part\)/ {print $1}'); do
  if ! "$bin" profile coverage "$name" --format md --out "$root/docs/coverage/$name.md"; then
    echo "coverage.sh: $name does not load; run: $bin profile validate $name" >&2
    status=1
  fi
done
exit $status
