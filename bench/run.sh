#!/usr/bin/env bash
# Issue #3 benchmark, one command: builds Release into ./build-rel, generates the synthetic
# datasets (1M and 10M events by default), times `escalation-copilot analyze` end to end over
# them (S3 access logs, then CloudTrail) and the tools a security engineer would otherwise use
# (grep, awk, jq) on the same files, and prints one table: events/s (wall and per CPU second),
# peak RSS, the planted accesses each found, and the ratio.
#
# Environment:
#   EC_BENCH_DIR          where datasets go (default /tmp/ec-bench); reused when already there
#   EC_BENCH_SIZES        event counts (default "1000000 10000000")
#   EC_BENCH_PLANTED      planted post-deprovisioning downloads (default 8)
#   EC_BENCH_PARSER=1     also time the parser-only modes of ec-bench-parse (parse, stream)
#   EC_BENCH_COLLECT_MAX  with EC_BENCH_PARSER=1: largest size for the collect() runs, which hold
#                         every record in memory (about 2 KB per record), default 2000000
#   EC_BENCH_SKIP_BUILD=1 use the binaries already in the build folder
#   EC_BENCH_BUILD        build folder (default ./build-rel)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${EC_BENCH_BUILD:-$ROOT/build-rel}
DATA=${EC_BENCH_DIR:-/tmp/ec-bench}
SIZES=${EC_BENCH_SIZES:-"1000000 10000000"}
PLANTED=${EC_BENCH_PLANTED:-8}
COLLECT_MAX=${EC_BENCH_COLLECT_MAX:-2000000}
PARSER=${EC_BENCH_PARSER:-0}
SEED=1042
export LC_ALL=C

log() { printf '%s\n' "$*" >&2; }

if [[ "${EC_BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  log "== build (Release, $BUILD)"
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DEC_BUILD_BENCH=ON >/dev/null
  TARGETS=(ec-bench-generate escalation-copilot)
  [[ "$PARSER" == 1 ]] && TARGETS+=(ec-bench-parse)
  cmake --build "$BUILD" -j2 --target "${TARGETS[@]}" >/dev/null
fi
GEN=$BUILD/bench/ec-bench-generate
PARSE=$BUILD/bench/ec-bench-parse
CLI=$BUILD/plugin/app/escalation-copilot
TOOLS=("$GEN" "$CLI")
[[ "$PARSER" == 1 ]] && TOOLS+=("$PARSE")
for tool in "${TOOLS[@]}"; do [[ -x "$tool" ]] || { log "missing $tool"; exit 1; }; done
command -v jq >/dev/null || { log "jq is needed: bash scripts/setup.sh --with-bench"; exit 1; }

TIME_BIN=""
if [[ -x /usr/bin/time ]] && /usr/bin/time -f '%M' true >/dev/null 2>&1; then TIME_BIN=/usr/bin/time; fi

ROWS=()  # "size|tool|query|events|wall_s|cpu_s|peak_kib|answer|reference"

# measure OUTFILE -- command...: runs it with its stdout in OUTFILE; sets SECS (wall), CPU
# (user + system, children included) and PEAK_KIB (largest process), or n/a without GNU time.
measure() {
  local out=$1; shift 2
  local tfile start end user sys
  tfile=$(mktemp)
  start=$(date +%s.%N)
  if [[ -n "$TIME_BIN" ]]; then
    "$TIME_BIN" -f '%U %S %M' -o "$tfile" "$@" >"$out" || true
    read -r user sys PEAK_KIB < <(tail -1 "$tfile")
    CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }')
  else
    "$@" >"$out" || true
    PEAK_KIB=n/a
    CPU=n/a
  fi
  end=$(date +%s.%N)
  SECS=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
  rm -f "$tfile"
}

add_row() { ROWS+=("$1|$2|$3|$4|$5|$6|$7|$8|$9"); }

# Runs ec-bench-parse and records its own figures for the read itself (wall and CPU of the
# phase; peak RSS of the whole process, identity and product-log context included).
run_ours() {
  local size=$1 dir=$2 label=$3 out json
  shift 3
  out=$(mktemp)
  measure "$out" -- "$PARSE" --data "$dir" "$@"
  grep -v '^BENCH ' "$out" | sed 's/^/    /' >&2 || true
  json=$(grep '^BENCH ' "$out" | sed 's/^BENCH //' || true)
  if [[ -z "$json" ]]; then
    add_row "$size" "$label" "$(head -1 "$out")" - - - - - -
  else
    add_row "$size" "$label" "process wall $SECS s" "$(jq -r .events <<<"$json")" \
      "$(jq -r '.seconds * 1000 | round / 1000' <<<"$json")" \
      "$(jq -r '.cpu_seconds * 1000 | round / 1000' <<<"$json")" \
      "$(jq -r .peak_rss_kib <<<"$json")" \
      "FOUND $(jq -r .found <<<"$json")/$(jq -r .planted <<<"$json")" "$label"
  fi
  rm -f "$out"
}

# Times `escalation-copilot analyze --raw` on one config and checks the planted accesses: how many
# of planted.json's (object, time) pairs are among the post-deprovisioning accesses it reports.
run_analyze() {
  local size=$1 dir=$2 config=$3 label=$4 events=$5 out found held
  out=$(mktemp)
  measure "$out" -- "$CLI" analyze --config "$config" --raw
  found=$(jq -r --slurpfile p "$dir/planted.json" '
      [.post_deprovision_access[] | .object + "@" + .time] as $got
      | [$p[0].planted[] | select((.object + "@" + .time) as $k | $got | index($k))] | length' \
      "$out" 2>/dev/null || echo "?")
  held=$(jq -r '"\(.evidence | length) held, \(.routine_records_not_listed // 0) counted"' \
      "$out" 2>/dev/null || echo "no output")
  add_row "$size" "$label" "$held" "$events" "$SECS" "$CPU" "$PEAK_KIB" \
    "FOUND $found/$PLANTED" "$label"
  rm -f "$out"
}

# The whole question for awk: presigned GET, 200, one of the subject's URLs (X-Amz-Date and the
# signing key), after deprovisioning. Fields: $3 "[10/Mar/2025:14:21:03", $8 operation, $11 the
# request path and query, $13 status.
AWK_PROG='
  BEGIN { split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", m, " ")
          for (i = 1; i <= 12; i++) mon[m[i]] = sprintf("%02d", i)
          n = split(dates, d, ","); for (i = 1; i <= n; i++) want[d[i]] = 1 }
  $8 == "REST.GET.OBJECT" && $13 == "200" && index($0, " QueryString ") {
    if (!match($11, /X-Amz-Date=[0-9]+T[0-9]+Z/)) next
    if (!(substr($11, RSTART + 11, RLENGTH - 11) in want)) next
    if (!index($11, "X-Amz-Credential=" key)) next
    t = substr($3, 2)
    ts = substr(t, 8, 4) "-" mon[substr(t, 4, 3)] "-" substr(t, 1, 2) "T" substr(t, 13, 8)
    if (ts > after) c++ }
  END { print c + 0 }'

# The same question for jq over the CloudTrail data events.
JQ_PROG='.Records[] | select(.eventName == "GetObject" and .errorCode == null
  and .additionalEventData.AuthenticationMethod == "QueryString"
  and .userIdentity.accessKeyId == $key and .eventTime > $after
  and (.requestParameters["X-Amz-Date"] | IN($dates[]))) | .requestID'

for N in $SIZES; do
  DIR=$DATA/n$N
  mkdir -p "$DATA"
  # Bytes per event: access log ~660, CloudTrail ~1760, console ~40.
  NEED=$((N * 2460))
  if [[ -f "$DIR/dataset.json" ]] &&
    [[ "$(jq -r '[.events, .planted, .seed] | map(tostring) | join(" ")' "$DIR/dataset.json")" == "$N $PLANTED $SEED" ]]; then
    log "== $N events: reusing $DIR"
  else
    AVAIL=$(df -B1 --output=avail "$DATA" | tail -1 | tr -d ' ')
    NEED_S3=$((N * 700))
    GEN_FLAGS=()
    if ((AVAIL * 2 < 3 * NEED)); then
      if ((AVAIL * 2 < 3 * NEED_S3)); then
        log "== $N events: SKIPPED: the dataset needs about $((NEED_S3 / 1000000000)) GB even without" \
          "CloudTrail, and df shows $((AVAIL / 1000000000)) GB free in $DATA (less than 1.5x; set EC_BENCH_DIR)"
        add_row "$N" "(all)" "skipped: not enough disk" - - - - - -
        continue
      fi
      log "== $N events: CloudTrail SKIPPED: with it the dataset needs about $((NEED / 1000000000)) GB and" \
        "df shows $((AVAIL / 1000000000)) GB free (less than 1.5x); writing the access logs only"
      GEN_FLAGS=(--no-cloudtrail)
      NEED=$NEED_S3
    fi
    rm -rf "$DIR"
    log "== $N events: generating into $DIR (about $((NEED / 1000000)) MB)"
    GEN_OUT=$(mktemp)  # not /dev/stderr: opening that with ">" truncates a redirected log
    measure "$GEN_OUT" -- "$GEN" --out "$DIR" --events "$N" --planted "$PLANTED" --seed "$SEED" "${GEN_FLAGS[@]}"
    cat "$GEN_OUT" >&2
    rm -f "$GEN_OUT"
    log "   generated in $SECS s"
  fi
  LINES=$(jq -r .s3.lines "$DIR/dataset.json")
  RECORDS=$(jq -r .cloudtrail.records "$DIR/dataset.json")
  AFTER=$(jq -r .deprovisioned_at "$DIR/planted.json" | sed 's/Z$//')
  KEY=$(jq -r .presigner_key "$DIR/planted.json")
  SUBJECT=$(jq -r .subject.id "$DIR/planted.json")
  # The subject's presign signing times, as an engineer would pull them from the console log.
  PATTERNS=$(mktemp)
  grep -F "\"okta_sub\":\"$SUBJECT\"" "$DIR/console/access.jsonl" | grep -F presign_attachment |
    jq -r '"X-Amz-Date=" + .x_amz_date' >"$PATTERNS"
  DATES=$(sed 's/X-Amz-Date=//' "$PATTERNS" | paste -sd, -)
  DATES_JSON=$(sed 's/X-Amz-Date=//' "$PATTERNS" | jq -R . | jq -sc .)

  S3_REFS="ours analyze (s3)"
  OUT=$(mktemp)

  # ---- S3 access logs: analyze end to end, then grep and awk, on a warm page cache. The
  # analyze config reads the access logs plus the small sources (Okta, console, ticket, KB).
  log "== $N events: S3 access logs (warming the page cache first)"
  find "$DIR/s3" -type f -print0 | xargs -0 cat >/dev/null
  run_analyze "$N" "$DIR" "$DIR/config.json" "ours analyze (s3)" "$LINES"
  if [[ "$PARSER" == 1 ]]; then
    run_ours "$N" "$DIR" "ours s3 parse" --mode parse --repeat 3
    run_ours "$N" "$DIR" "ours s3 stream hash-kept" --mode stream --hash kept --repeat 3
    if ((N <= COLLECT_MAX)); then
      run_ours "$N" "$DIR" "ours s3 collect()" --mode collect
    fi
  fi
  # grep: lines that used one of the subject's URLs and got a 200 (grep cannot filter on time).
  measure "$OUT" -- bash -c "grep -rhF -f '$PATTERNS' '$DIR/s3' | grep -cF '\" 200 '"
  add_row "$N" "grep -F + grep -c" "subject URLs, 200, any time" "$LINES" "$SECS" "$CPU" \
    "$PEAK_KIB" "count $(tail -1 "$OUT") (not the question)" "$S3_REFS"
  # grep -c alone, one fixed string over every line: the floor for reading the files.
  measure "$OUT" -- bash -c "grep -rhcF 'X-Amz-Credential=$KEY' '$DIR/s3' | awk '{ n += \$1 } END { print n }'"
  add_row "$N" "grep -cF" "lines signed by the key" "$LINES" "$SECS" "$CPU" "$PEAK_KIB" \
    "count $(tail -1 "$OUT") (a floor)" "$S3_REFS"
  measure "$OUT" -- bash -c "find '$DIR/s3' -type f -print0 | sort -z | xargs -0 awk -v after='$AFTER' -v key='$KEY' -v dates='$DATES' '$AWK_PROG' | awk '{ n += \$1 } END { print n }'"
  add_row "$N" "awk ($(basename "$(readlink -f "$(command -v awk)")"))" "full question" "$LINES" \
    "$SECS" "$CPU" "$PEAK_KIB" "count $(tail -1 "$OUT") of $PLANTED" "$S3_REFS"

  # ---- CloudTrail: analyze over the CloudTrail files instead of the access logs, then jq.
  if ((RECORDS > 0)); then
    log "== $N events: CloudTrail (warming the page cache first)"
    find "$DIR/cloudtrail" -type f -print0 | xargs -0 cat >/dev/null
    jq '.sources.attachments = [{"kind": "cloudtrail", "path": "cloudtrail/"}]' \
      "$DIR/config.json" >"$DIR/config-cloudtrail-only.json"
    run_analyze "$N" "$DIR" "$DIR/config-cloudtrail-only.json" "ours analyze (cloudtrail)" \
      "$RECORDS"
    measure "$OUT" -- bash -c "find '$DIR/cloudtrail' -type f -name '*.json' -print0 | xargs -0 jq -r --arg key '$KEY' --arg after '${AFTER}Z' --argjson dates '$DATES_JSON' '$JQ_PROG' | wc -l"
    add_row "$N" "jq (CloudTrail)" "full question" "$RECORDS" "$SECS" "$CPU" "$PEAK_KIB" \
      "count $(tail -1 "$OUT") of $PLANTED" "ours analyze (cloudtrail)"
  fi
  rm -f "$OUT" "$PATTERNS"
done

# ---- table -------------------------------------------------------------------------------------
rate_of() { awk -v e="$1" -v s="$2" 'BEGIN { if (e ~ /^[0-9]+$/ && s + 0 > 0) printf "%.0f", e / s; else print "-" }'; }
declare -A RATE
for row in "${ROWS[@]}"; do
  IFS='|' read -r size tool query events wall cpu rss answer ref <<<"$row"
  RATE["$size|$tool"]=$(rate_of "$events" "$cpu")
done
FORMAT='%-9s %-27s %-28s %9s %8s %8s %9s %9s %9s  %-34s %s\n'
printf "\n$FORMAT" size tool query events wall_s cpu_s ev/s ev/cpu-s "peak RSS" answer \
  "ours/tool (per CPU second)"
for row in "${ROWS[@]}"; do
  IFS='|' read -r size tool query events wall cpu rss answer ref <<<"$row"
  mib=$rss
  [[ "$rss" =~ ^[0-9]+$ ]] && mib=$(awk -v k="$rss" 'BEGIN { printf "%.0f MiB", k / 1024 }')
  ratio=-
  rate=${RATE["$size|$tool"]}
  if [[ "$tool" != ours* && "$rate" =~ ^[0-9]+$ ]] && ((rate > 0)); then
    ratio=""
    IFS=',' read -r -a refs <<<"$ref"
    for name in "${refs[@]}"; do
      ours=${RATE["$size|$name"]:-}
      [[ "$ours" =~ ^[0-9]+$ ]] || continue
      short=${name#ours }
      ratio+=$(awk -v a="$ours" -v b="$rate" -v r="$short" 'BEGIN { printf "%.2fx %s; ", a / b, r }')
    done
    ratio=${ratio%; }
    [[ -n "$ratio" ]] || ratio=-
  fi
  printf "$FORMAT" "$size" "$tool" "$query" "$events" "$wall" "$cpu" "$(rate_of "$events" "$wall")" \
    "$rate" "$mib" "$answer" "$ratio"
done
cat <<'NOTES'

Targets (issue #3): >= 1,000,000 S3 lines/s per core (ev/cpu-s); >= 300,000 CloudTrail
records/s; peak RSS flat from 1M to 10M; every planted access FOUND.
  ours analyze (s3)          escalation-copilot analyze --raw, end to end: Okta, ticket, console
                             log (presigns), KB and the S3 access logs; correlation, findings,
                             redaction, drafts. "held" = records listed in the analysis,
                             "counted" = routine records read and counted only
  ours analyze (cloudtrail)  the same with the CloudTrail files instead of the access logs
  FOUND                      planted (object, time) pairs among the reported post-deprovisioning
                             accesses
  grep/awk/jq                the same files; awk and jq answer the same question
ratio = our events per CPU second / the tool's, for the same files.
NOTES
