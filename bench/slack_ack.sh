#!/usr/bin/env bash
# Issue #5 benchmark: correctly signed Slack slash commands against a running service on
# loopback, driven by wrk (Debian package; `bash scripts/setup.sh --with-bench`). Starts
# `escalation-copilot serve` (embedded defaults, 127.0.0.1:8080) in a temp folder with a
# signing secret and bot token in its environment, signs one request body with HMAC-SHA256 over
# "v0:<ts>:<body>" (openssl), and prints requests/s and the p50/p90/p99 latency wrk measured.
# Not a test: run it by hand on a quiet machine. Each run signs a fresh timestamp, so every
# request passes the 300-second window.
#
# Environment:
#   EC_BENCH_BUILD        build folder holding plugin/app/escalation-copilot (default ./build)
#   EC_BENCH_CONNECTIONS  wrk connections (default 32)
#   EC_BENCH_THREADS      wrk threads (default 2)
#   EC_BENCH_DURATION     seconds per run (default 10)
#   EC_BENCH_RUNS         runs; the median is reported (default 3)
#   EC_BENCH_TEXT         the command text (default "status": verify, parse, store the durable
#                         intake job, ack; the turn runs on the intake workers. "help" is
#                         answered on the request thread and stores nothing)
#   EC_BENCH_UNIQUE       distinct signed requests to prepare per run (default: 40,000 per
#                         second of a run, more than the service answers), each with its own
#                         trigger_id, so that every request stores a new intake job, as real
#                         traffic does. Only after they run out does wrk start over with them,
#                         and the repeats are redeliveries that store nothing; the script says so
#                         when that happened.
#   EC_BENCH_CONFIG       a config file for serve (default: embedded defaults); e.g. one with
#                         "slack": {"intake_group_commit": false} to measure the direct mode
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${EC_BENCH_BUILD:-$ROOT/build}
CLI=$BUILD/plugin/app/escalation-copilot
CONNECTIONS=${EC_BENCH_CONNECTIONS:-32}
THREADS=${EC_BENCH_THREADS:-2}
DURATION=${EC_BENCH_DURATION:-10}
RUNS=${EC_BENCH_RUNS:-3}
TEXT=${EC_BENCH_TEXT:-status}
UNIQUE=${EC_BENCH_UNIQUE:-$((40000 * DURATION))}
CONFIG_ARGS=()
[[ -n "${EC_BENCH_CONFIG:-}" ]] && CONFIG_ARGS=(--config "$(realpath "$EC_BENCH_CONFIG")")
PORT=8080
SECRET=bench-signing-secret-$$

log() { printf '%s\n' "$*" >&2; }
command -v wrk >/dev/null || { log "wrk is needed: bash scripts/setup.sh --with-bench"; exit 1; }
command -v openssl >/dev/null || { log "openssl is needed"; exit 1; }
[[ -x "$CLI" ]] || { log "missing $CLI (build it, or set EC_BENCH_BUILD)"; exit 1; }
# SO_REUSEPORT: a stale server on the port would silently share the traffic.
if (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null; then
  log "port $PORT is in use; stop what listens there first"; exit 1
fi

WORK=$(mktemp -d)
SERVER_PID=
cleanup() {
  [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

(cd "$WORK" && SLACK_SIGNING_SECRET=$SECRET SLACK_BOT_TOKEN=xoxb-bench \
   exec "$CLI" serve "${CONFIG_ARGS[@]}" >"$WORK/serve.log" 2>&1) &
SERVER_PID=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
grep -q "Slack surface enabled" "$WORK/serve.log" || { cat "$WORK/serve.log" >&2; exit 1; }

ENCODED_TEXT=$(printf '%s' "$TEXT" | sed 's/ /+/g')
BODY="token=legacy&team_id=T04Q3KX9A&team_domain=acme&channel_id=C05ESC4L8&channel_name=esc&user_id=U07LEAD01&user_name=dana&command=%2Fescalation&text=$ENCODED_TEXT&api_app_id=A06BOT123&is_enterprise_install=false&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT04Q3KX9A%2F1%2Fx&trigger_id=1.2.3"
TS=$(date +%s)
SIG=v0=$(printf 'v0:%s:%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$SECRET" -r | cut -d' ' -f1)
# For each run, UNIQUE signed bodies that differ in trigger_id (the command's dedup key), as
# "trigger signature" lines in one file per wrk thread; the wrk script reads its thread's file a
# line per request and builds the request around it (a table of that many prepared requests
# would not fit in wrk's Lua state).
EC_SECRET=$SECRET EC_TS=$TS EC_BODY=$BODY EC_UNIQUE=$UNIQUE EC_RUNS=$RUNS EC_THREADS=$THREADS \
  EC_DIR=$WORK python3 - <<'PY'
import hashlib, hmac, os
env = os.environ
secret, ts, body, out = env["EC_SECRET"].encode(), env["EC_TS"], env["EC_BODY"], env["EC_DIR"]
n, runs, threads = int(env["EC_UNIQUE"]), int(env["EC_RUNS"]), int(env["EC_THREADS"])
head, tail = body.split("trigger_id=1.2.3")
base = hmac.new(secret, digestmod=hashlib.sha256)
for run in range(1, runs + 1):
    files = [open("%s/signed-%d-%d.txt" % (out, run, t), "w") for t in range(threads)]
    for i in range(n):
        trigger = "%d.%d.%d.bench" % (os.getpid(), run, i)
        mac = base.copy()
        mac.update(("v0:%s:%strigger_id=%s%s" % (ts, head, trigger, tail)).encode())
        files[i % threads].write("%s v0=%s\n" % (trigger, mac.hexdigest()))
    for f in files:
        f.close()
PY
BODY_HEAD=${BODY%%trigger_id=1.2.3*}trigger_id=
BODY_TAIL=${BODY#*trigger_id=1.2.3}
cat >"$WORK/request.lua" <<LUA
-- Arguments: the run number (which prepared files to read).
local dir, ts = "$WORK", "$TS"
local head, tail = "$BODY_HEAD", "$BODY_TAIL"
local all = {}
function setup(thread) thread:set("index", #all); table.insert(all, thread) end
local file
function init(args)
  file = io.open(dir .. "/signed-" .. args[1] .. "-" .. index .. ".txt", "r")
  wrapped = 0
end
function request()
  local line = file:read("*l")
  if line == nil then  -- every prepared request was sent: start over (redeliveries)
    wrapped = wrapped + 1
    file:seek("set", 0)
    line = file:read("*l")
  end
  local space = line:find(" ", 1, true)
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Slack-Request-Timestamp"] = ts,
    ["X-Slack-Signature"] = line:sub(space + 1)}, head .. line:sub(1, space - 1) .. tail)
end
function done(summary, latency, requests)
  local wraps = 0
  for _, thread in ipairs(all) do wraps = wraps + thread:get("wrapped") end
  if wraps > 0 then
    io.stderr:write("prepared requests ran out: the rest were redeliveries (raise EC_BENCH_UNIQUE)\n")
  end
end
LUA
# One signed request first: it must be accepted (200), or the figures mean nothing.
STATUS=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$PORT/slack/commands" \
  -H "Content-Type: application/x-www-form-urlencoded" -H "X-Slack-Request-Timestamp: $TS" \
  -H "X-Slack-Signature: $SIG" --data-binary "$BODY")
[[ "$STATUS" == 200 ]] || { log "signed request answered $STATUS"; exit 1; }

to_ms() {  # wrk latency ("812.00us", "1.20ms", "2.01s") -> milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}
RESULTS=()
for run in $(seq 1 "$RUNS"); do
  OUT=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$WORK/request.lua" \
        "http://127.0.0.1:$PORT/slack/commands" -- "$run")
  RPS=$(awk '/^Requests\/sec/ { print $2 }' <<<"$OUT")
  P50=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$OUT")")
  P90=$(to_ms "$(awk '$1 == "90%" { print $2 }' <<<"$OUT")")
  P99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$OUT")")
  NON2XX=$(awk '/Non-2xx/ { print $5 }' <<<"$OUT")
  ERRORS=$(awk '/Socket errors/ { print $0 }' <<<"$OUT")
  log "run $run: $RPS req/s, p50 $P50 ms, p90 $P90 ms, p99 $P99 ms ${NON2XX:+non-2xx $NON2XX} $ERRORS"
  RESULTS+=("$RPS $P50 $P90 $P99")
done
RSS=$(awk '/VmHWM/ { print $2 / 1024 " MB" }' "/proc/$SERVER_PID/status" 2>/dev/null || echo "?")
printf '%s\n' "${RESULTS[@]}" | sort -n | awk -v n="$RUNS" -v c="$CONNECTIONS" -v t="$TEXT" -v rss="$RSS" '
  { r[NR] = $0 }
  END { split(r[int((n + 1) / 2)], m, " ");
        printf "signed /slack/commands \"%s\", %d connections, median of %d runs: %.0f req/s, p50 %s ms, p90 %s ms, p99 %s ms, server peak RSS %s\n", t, c, n, m[1], m[2], m[3], m[4], rss }'
