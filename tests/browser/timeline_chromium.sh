#!/usr/bin/env bash
# The reviewer timeline of the bundled scenario, opened in headless Chromium (Debian's package;
# `bash scripts/setup.sh --with-browser`). Drives the CLI through the security switch (gather
# escalates; the holding statement is drafted and approved; the handoff is approved; the lead
# edits the customer update), exports the HTML timeline and checks, in the DOM Chromium parsed,
# that every approval is shown with its approver and hash, the agent and human marks, the word
# diff and the holding statement. Exit 77 (skipped) when no Chromium is installed.
# Usage: timeline_chromium.sh <escalation-copilot binary> <scenario config.json>
set -euo pipefail
bin="$1"
config="$2"
browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
  echo "timeline_chromium: no chromium installed (bash scripts/setup.sh --with-browser); skipped"
  exit 77
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/copilot.db"
turn() { "$bin" case "$@" --config "$config" --db "$db" --as U0LEAD --format json; }

subject="$(sed -n 's/.*"subject": *"\([^"]*\)".*/\1/p' "$config" | head -1)"
"$bin" case open --config "$config" --db "$db" --ticket 48213 --subject "$subject" \
  --lead U0LEAD --customer "Halvorsen Marine Supply" --as U0LEAD --format json >/dev/null
gathered="$(turn gather --case CASE-48213)"
grep -q '"state": "security_escalated"' <<<"$gathered" || { echo "not escalated: $gathered"; exit 1; }
# Customer update held: refused (exit 1) while security has not acknowledged.
if turn approve D1 1 --case CASE-48213 >/dev/null 2>"$work/refused.txt"; then
  echo "customer update approved while held"; exit 1
fi
grep -q "holding statement may be approved" "$work/refused.txt"
holding="$(turn draft holding --case CASE-48213)"
holding_id="$(sed -n 's/.*"draft_id": "\(D[0-9]*\)".*/\1/p' <<<"$holding" | head -1)"
turn approve "$holding_id" 1 --case CASE-48213 >/dev/null
turn approve D2 1 --case CASE-48213 >/dev/null
"$bin" case edit D1 --config "$config" --db "$db" --case CASE-48213 --as U0LEAD --format json \
  < <(printf '## What we have confirmed\n- We are reviewing the access records for this ticket.\n\n## Who owns each next step\n- Support: we will post the next update within 24 hours.\n') >/dev/null
"$bin" timeline export --db "$db" --case CASE-48213 --format html > "$work/timeline.html"

"$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
  --user-data-dir="$work/profile" --dump-dom "file://$work/timeline.html" \
  > "$work/dom.html" 2>"$work/chromium.log" || { cat "$work/chromium.log"; exit 1; }

fail=0
need() {
  if ! grep -q -- "$1" "$work/dom.html"; then echo "timeline_chromium: missing: $1"; fail=1; fi
}
approvals="$(grep -o 'class="approved">Approved by U0LEAD at [^<]* (sha256 <code>[0-9a-f]\{64\}' "$work/dom.html" | wc -l)"
if [ "$approvals" -ne 2 ]; then echo "timeline_chromium: expected 2 approvals shown, got $approvals"; fail=1; fi
need '<span class="tag">AGENT</span>'
need '<span class="tag">HUMAN</span>'
need 'HOLDING STATEMENT'
need '<ins>'
need '<del>'
need 'id="security"'
need 'post-deprovision-access'
need 'Refused attempts'
need 'Audit chain: intact'
if grep -q '<script\|<link\| src=' "$work/dom.html"; then echo "timeline_chromium: external asset"; fail=1; fi
[ "$fail" -eq 0 ] && echo "timeline_chromium: ok (2 approvals, agent/human marks, diff, holding statement)"
exit "$fail"
