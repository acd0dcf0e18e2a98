#!/usr/bin/env bash
# Sets up a fresh Debian machine (packages only when missing), builds, and runs the whole test
# suite with CTest, the browser tests included (screenshots under build/artifacts/browser).
# Exits non-zero when any test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
# --with-browser: Debian's Chromium (and Node.js/npm when missing) for the browser tests.
bash scripts/setup.sh --with-browser
# playwright-core for the browser tests, from package-lock.json: only when node_modules is
# missing or older than the lock file (npm ci records what it installed in .package-lock.json).
if [[ ! -f tests/browser/node_modules/.package-lock.json ||
      tests/browser/package-lock.json -nt tests/browser/node_modules/.package-lock.json ]]; then
  (cd tests/browser && npm ci --no-audit --no-fund)
fi
bash scripts/build.sh
bash scripts/check_includes.sh
jobs=$(nproc 2>/dev/null || echo 2)
ctest --test-dir build --output-on-failure -j "$jobs" "$@"
