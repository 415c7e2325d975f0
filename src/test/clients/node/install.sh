#!/usr/bin/env bash
# Installs the shippers' npm clients (package.json + package-lock.json beside this script) into
# target/node-clients for the protocol tests. Run by `mvn verify` (process-test-resources); quick when
# the installed tree already matches the lock file. Without node/npm it says so and leaves the tests
# to fail with the same words: they are never skipped silently.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
target="$1/node-clients"
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "WARNING: node and npm are not on PATH; the protocol client tests will fail (Debian: apt-get install nodejs npm; .ci/run does it)" >&2
  exit 0
fi
mkdir -p "$target"
stamp="$target/.installed-lock"
if [[ -f "$stamp" && -d "$target/node_modules" ]] && cmp -s "$stamp" "$here/package-lock.json"; then
  exit 0
fi
cp "$here/package.json" "$here/package-lock.json" "$target/"
(cd "$target" && npm ci --no-audit --no-fund --loglevel=error)
cp "$here/package-lock.json" "$stamp"
