#!/usr/bin/env bash
# Sets up a fresh Debian machine (packages only when missing), builds, and runs the offline demo
# on the bundled scenario. The demo's database and delivered messages land in ./data/demo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
./build/plugin/app/escalation-copilot demo "$@"
