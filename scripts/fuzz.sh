#!/usr/bin/env bash
# Coverage-guided fuzzing of one target in tests/fuzz/ with AFL++ (Debian's afl++ package), for
# as long as you give it. Not run by CI: CTest replays the corpora and a fixed set of mutations
# (tests/fuzz/README.md); this is the open-ended search.
#   bash scripts/fuzz.sh <target> [seconds (default 600)] [--asan]
# Builds the fuzz targets with AFL++'s instrumenting compiler in ./build-afl (--asan: with
# AddressSanitizer and UBSan, ./build-afl-asan; about 3x slower per input), then runs afl-fuzz
# on tests/fuzz/corpus/<target>/ with the target's dictionary. Findings land in
# <build>/findings/<target>/default/crashes/; replay one with
#   <build>/tests/fuzz/fuzz_<target> <file>
# and copy it into tests/fuzz/corpus/<target>/ once fixed.
#
# Debian 12's afl++ 4.04c cannot load its GCC plugin (afl-g++-fast stops with "GCC and plugin
# have incompatible versions, expected GCC 12.2.0, is 12.2.0"), and its clang 14 cannot compile
# this tree's std::expected, so the targets are built with afl-g++ (AFL's assembler-level
# instrumentation, fork server, no persistent mode): slower per input, same coverage feedback.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $# -lt 1 || "$1" == -* ]]; then
  echo "usage: bash scripts/fuzz.sh <target> [seconds] [--asan]" >&2
  echo "targets: $(cd tests/fuzz && ls ./*_fuzz.cc | sed 's|./||; s|_fuzz.cc||' | tr '\n' ' ')" >&2
  exit 2
fi
target=$1
shift
seconds=600
asan=0
for arg in "$@"; do
  case "$arg" in
    --asan) asan=1 ;;
    *[!0-9]*) echo "fuzz.sh: unknown argument $arg" >&2; exit 2 ;;
    *) seconds=$arg ;;
  esac
done
[[ -f "tests/fuzz/${target}_fuzz.cc" ]] || { echo "fuzz.sh: no tests/fuzz/${target}_fuzz.cc" >&2; exit 2; }
bash scripts/setup.sh --with-fuzz

dir=build-afl
sanitize=()
if [[ $asan == 1 ]]; then
  dir=build-afl-asan
  sanitize=(-DEC_SANITIZE=address,undefined)
fi
launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
AFL_QUIET=1 cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=afl-gcc -DCMAKE_CXX_COMPILER=afl-g++ "${sanitize[@]}" "${launcher[@]}" >/dev/null
AFL_QUIET=1 cmake --build "$dir" -j "$(nproc)" --target "fuzz_${target}"

dict=()
[[ -f "tests/fuzz/corpus/${target}.dict" ]] && dict=(-x "tests/fuzz/corpus/${target}.dict")
out="$dir/findings/$target"
mkdir -p "$out"
resume=(-i "tests/fuzz/corpus/$target")
[[ -d "$out/default/queue" ]] && resume=(-i -)  # continue the last campaign
# -m none: ASan reserves terabytes of virtual memory. AFL_SKIP_CPUFREQ: VMs have no governor.
AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
  afl-fuzz "${resume[@]}" -o "$out" -m none -t 1000 -V "$seconds" "${dict[@]}" \
  -- "$dir/tests/fuzz/fuzz_${target}"
crashes=$(find "$out/default/crashes" -type f -name 'id:*' 2>/dev/null | wc -l)
hangs=$(find "$out/default/hangs" -type f -name 'id:*' 2>/dev/null | wc -l)
echo "fuzz.sh: $target: $crashes crashes, $hangs hangs in $out/default"
[[ $crashes == 0 && $hangs == 0 ]]
