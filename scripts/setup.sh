#!/usr/bin/env bash
# Installs the Debian packages escalation-copilot needs to build and test.
# Does nothing when they are all present; runs `apt-get update` only when something is missing.
set -euo pipefail

packages=(
  g++ cmake make pkg-config git ca-certificates
  libcpp-httplib-dev libssl-dev nlohmann-json3-dev libspdlog-dev libsqlite3-dev
  libgtest-dev libgmock-dev zlib1g-dev libcli11-dev libsimdjson-dev
  sqlite3
)
for arg in "$@"; do
  case "$arg" in
    # Browser tests (Zendesk sidebar page, HTML timeline): Debian's Chromium driven by
    # playwright-core from npm. Node.js and npm come from Debian unless the machine already has
    # an npm (a NodeSource nodejs bundles npm and conflicts with Debian's npm package).
    --with-browser)
      packages+=(chromium)
      command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
      ;;
    # Benchmarks only (not run by CI): bench/slack_ack.sh drives the service with wrk;
    # bench/run.sh uses jq for the CloudTrail comparison and GNU time for CPU seconds and RSS.
    --with-bench) packages+=(wrk jq time) ;;
    # Coverage-guided fuzzing (scripts/fuzz.sh, not run by CI): AFL++.
    --with-fuzz) packages+=(afl++) ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup: installing missing Debian packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=sudo
  else
    echo "setup: these packages are missing and this is not root (no sudo either):" >&2
    echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends "${missing[@]}"
