#!/usr/bin/env bash
# Builds the whole tree with sanitizers and runs the test suite there (docs/development.md):
#   bash scripts/sanitize.sh [address|thread] [ctest args...]
# address (the default): AddressSanitizer + LeakSanitizer + UndefinedBehaviorSanitizer in
# ./build-asan; thread: ThreadSanitizer in ./build-tsan. Debug build (-O0 -g: quicker to compile,
# exact stacks), ccache when installed, -j2. The browser tests (label "browser": Chromium driven
# by node) are skipped: Chromium is not ours and the binary they start is covered by the CLI and
# integration tests. Exits non-zero on any sanitizer report or failed test.
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-address}
if [[ $# -gt 0 ]]; then shift; fi
case "$kind" in
  address) dir=build-asan; sanitizers=address,undefined ;;
  thread) dir=build-tsan; sanitizers=thread ;;
  *) echo "usage: scripts/sanitize.sh [address|thread] [ctest args...]" >&2; exit 2 ;;
esac
bash scripts/setup.sh
launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Debug -DEC_SANITIZE="$sanitizers" "${launcher[@]}" >/dev/null
# The sanitizer options for the build too: gtest_discover_tests runs each test binary once linked.
# shellcheck source=/dev/null
source "$dir/sanitizer_env.sh"
cmake --build "$dir" -j 2
ctest --test-dir "$dir" --output-on-failure -j 2 -LE browser "$@"
