#!/usr/bin/env bash
# Sets up a fresh Debian machine (packages only when missing), builds, and runs the whole test
# suite with CTest. Exits non-zero when any test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
bash scripts/check_includes.sh
jobs=$(nproc 2>/dev/null || echo 2)
ctest --test-dir build --output-on-failure -j "$jobs" "$@"
