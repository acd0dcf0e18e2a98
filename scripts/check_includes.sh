#!/usr/bin/env bash
# Enforces the layer rules of DESIGN.md on #include lines: core includes nothing of ours outside
# core; store, copilot, delivery, platforms and adapters include core (and their own folder) but
# not each other; only plugin/app sees everything. Prints each violation; exits 1 if any.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
check() {  # check <folder> <allowed prefix regex>
  local folder=$1 allowed=$2
  [ -d "$folder" ] || return 0
  while IFS= read -r line; do
    file=${line%%:*}
    inc=$(sed -E 's/.*#include "([^"]+)".*/\1/' <<<"$line")
    case "$inc" in plugin/*|adapters/*|manifest/*)
      if ! grep -qE "^($allowed)" <<<"$inc"; then
        echo "layer violation: $file includes $inc" >&2
        status=1
      fi;;
    esac
  done < <(grep -rn --include='*.h' --include='*.cc' '#include "' "$folder" || true)
}
check plugin/core 'plugin/core/'
check plugin/net 'plugin/core/|plugin/net/'
check plugin/store 'plugin/core/|plugin/store/'
check plugin/copilot 'plugin/core/|plugin/copilot/'
check plugin/delivery 'plugin/core/|plugin/delivery/'
check plugin/platforms 'plugin/core/|plugin/platforms/'
check adapters 'plugin/core/|adapters/'
exit $status
