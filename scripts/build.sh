#!/usr/bin/env bash
# Configures and builds escalation-copilot into ./build (RelWithDebInfo). Extra arguments are
# passed to the CMake configure step, e.g. -DEC_WERROR=ON. Sanitizer builds: scripts/sanitize.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build build -j "$jobs"
