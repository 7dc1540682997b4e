#!/usr/bin/env bash
# xreg benchmarks (issue 8): every scenario of the issue's table, with a bare Vert.x server
# and pgbench measured in the same run as baselines. See bench/README.md.
#
#   bash bench/run.sh            full run, results in bench/results/<date>.{md,json}
#   bash bench/run.sh --smoke    harness check (< 2 min), results in bench/results/tmp/
#   bash bench/run.sh --help     all options
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
LIB="$BENCH_DIR/lib"
XREG_JAR="$ROOT/http/target/xreg-server.jar"
BASE_JAR="$ROOT/bench/target/xreg-bench-baseline.jar"

# ---------------------------------------------------------------- options
MODE=full
PROFILE_SMOKE=0
RESOURCES=10000       # R1/W1/W2: Resources in Group g1 (seeded through the API)
DOCS=100              # R2: Resources with a 1 KB document in Group docs
BIG=1000000           # R3/R4: Resources in Group big (API + documented SQL bulk seed)
IMPORT=1000000        # I1: Resources in the POST / import document (the target's size)
DURATION=8            # seconds per measured repetition
WARMUP=5              # seconds of unmeasured load before each scenario
JIT_WARMUP=20         # seconds of R1, R2 and W1 load each after seeding, so C2 has compiled the hot paths
REPS=5                # measured repetitions per scenario
CONNS=32
PROFILE=1             # JFR window per xreg scenario (between warm-up and the measured reps)
BUILD=1
INSTALL=1
OUT_DIR="$BENCH_DIR/results"
BIG_API_MAX=20000     # up to this many big-Group Resources are seeded through the API
SECTIONS="core oci"   # core: R1..I1 (issue 8/15); oci: R1-miss/B-PG, O1-O3, MEM, O1-S3/O2-S3, C1 (lib/oci_rows.sh)
# shellcheck source=lib/oci_rows.sh
source "$BENCH_DIR/lib/oci_rows.sh"

usage() {
  cat <<'EOF'
Usage: bash bench/run.sh [options]
  --smoke           a few seconds per scenario, small seeds, no targets checked (.ci/run)
  --size N          Resources in the big Group for R3/R4 (default 1000000)
  --resources N     Resources for R1/W1/W2 (default 10000)
  --import N        Resources in the I1 import document (default 1000000)
  --duration S      seconds per measured repetition (default 8)
  --warmup S        warm-up seconds per scenario (default 5)
  --jit-warmup S    seconds of R1, R2, W1 load each before any measurement (default 20)
  --reps N          measured repetitions per scenario (default 5)
  --no-profile      skip the JFR profiling window
  --profile         take the JFR window in --smoke mode too
  --no-build        use the jars already in */target
  --no-install      do not apt-get install wrk / pgbench
  --out DIR         results directory (default bench/results)
  --keep-jfr DIR    copy the JFR recordings (*.jfr) into DIR before the work dir is removed
  --only SECTION    core (R1..I1) or oci (R1-miss/B-PG, O1, O2, O3, MEM, O1-S3, O2-S3, C1); default both.
                    With --only oci the results file is <date>-oci.md and only Group g1 is seeded in full.
                    import: I1 alone, into the same seeded registry as in a full run (<date>-import.md)
                    writes: W1, W2 with their PostgreSQL floors PG-W1/PG-W2 and PG-N (<date>-writes.md)
  --blob-mib N      O1/O2 blob size in MiB (default 256; --smoke 4; the S3 rows use 32 / 2)
  --mem-mib N       MEM blob size in MiB (default 1024; --smoke 16)
EOF
}

parse_args() {
  while (($#)); do
    case "$1" in
      --smoke) MODE=smoke ;;
      --size) BIG="$2"; shift ;;
      --resources) RESOURCES="$2"; shift ;;
      --import) IMPORT="$2"; shift ;;
      --duration) DURATION="$2"; shift ;;
      --warmup) WARMUP="$2"; shift ;;
      --jit-warmup) JIT_WARMUP="$2"; shift ;;
      --reps) REPS="$2"; shift ;;
      --no-profile) PROFILE=0; PROFILE_SMOKE=0 ;;
      --profile) PROFILE=1; PROFILE_SMOKE=1 ;;
      --no-build) BUILD=0 ;;
      --no-install) INSTALL=0 ;;
      --out) OUT_DIR="$2"; shift ;;
      --keep-jfr) KEEP_JFR="$2"; shift ;;
      --only) SECTIONS="$2"; [[ $2 == core || $2 == oci || $2 == import || $2 == writes ]] || { echo "--only core|oci|import|writes" >&2; exit 2; }; shift ;;
      --blob-mib) BLOB_MIB_ARG="$2"; shift ;;
      --mem-mib) MEM_MIB_ARG="$2"; shift ;;
      -h|--help) usage; exit 0 ;;
      *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
  done
  if [[ $MODE == smoke ]]; then
    RESOURCES=200; DOCS=10; BIG=300; IMPORT=500
    # 3 s windows: 1 s ones finished no request at all on a starved 2-core CI machine
    DURATION=3; WARMUP=1; JIT_WARMUP=1; REPS=2; PROFILE=${PROFILE_SMOKE:-0}
    OUT_DIR="$BENCH_DIR/results/tmp"
    oci_smoke_sizes
  fi
  # --only oci / writes: the core rows' big Group and documents are not needed
  if [[ $SECTIONS == oci || $SECTIONS == writes ]]; then BIG=$((BIG < 300 ? BIG : 300)); DOCS=$((DOCS < 10 ? DOCS : 10)); fi
  OCI_BLOB_MIB=${BLOB_MIB_ARG:-$OCI_BLOB_MIB}; OCI_MEM_MIB=${MEM_MIB_ARG:-$OCI_MEM_MIB}
  ((BIG >= 2 && RESOURCES >= 64 && DOCS >= 1 && REPS >= 1)) || { echo "sizes too small" >&2; exit 2; }
}

log() { printf '%s [bench] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- machine setup
install_tools() {
  local need=()
  command -v wrk >/dev/null || need+=(wrk)
  # On Debian 12 pgbench ships in the server package postgresql-15 (not in postgresql-client-15);
  # psql comes from postgresql-client-15.
  command -v pgbench >/dev/null || need+=(postgresql-15)
  command -v psql >/dev/null || need+=(postgresql-client-15)
  command -v taskset >/dev/null || need+=(util-linux)
  command -v python3 >/dev/null || need+=(python3)
  ((${#need[@]} == 0)) && return 0
  ((INSTALL)) || die "missing tools (${need[*]}) and --no-install given"
  log "installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
}

build() {
  if ((BUILD == 0)) || { [[ $MODE == smoke && -f $XREG_JAR && -f $BASE_JAR ]]; }; then
    [[ -f $XREG_JAR && -f $BASE_JAR ]] || die "jars missing: run without --no-build"
    log "using existing jars"
    return 0
  fi
  log "building (mvn -B -q -DskipTests package)"
  (cd "$ROOT" && mvn -B -q -DskipTests package)
}

# Pinning: the system under test (xreg JVM and its embedded PostgreSQL, which inherits the
# JVM's affinity; or the baseline server; or PostgreSQL under pgbench) on SERVER_CPU, the
# load generator (wrk, pgbench client) on LOAD_CPU.
setup_pinning() {
  local n; n=$(nproc)
  if ((n >= 2)); then
    SERVER_CPU=0; LOAD_CPU=1
    PIN_SERVER=(taskset -c "$SERVER_CPU"); PIN_LOAD=(taskset -c "$LOAD_CPU")
  else
    log "WARNING: only $n CPU; server and load generator share it (no pinning)"
    SERVER_CPU=-; LOAD_CPU=-; PIN_SERVER=(); PIN_LOAD=()
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# ---------------------------------------------------------------- processes
XREG_PID=""; BASE_PID=""; SAMPLER_PID=""; WORK=""; KEEP_JFR=""; BLOB_MIB_ARG=""; MEM_MIB_ARG=""
XREG_JAVA_OPTS_NEXT=(); XREG_EXTRA_ENV=()   # set by restart_xreg (lib/oci_rows.sh) for the next start
# The server runs with ./xreg's JVM options (its server_java_opts_default line), so the bench
# measures what the launcher runs; a scenario's own options (restart_xreg) come after them and
# win where they name the same flag.
read -r -a SERVER_JAVA_OPTS <<<"$(sed -n 's/^server_java_opts_default="\(.*\)"$/\1/p' "$ROOT/xreg")"
((${#SERVER_JAVA_OPTS[@]})) || { echo "bench: no server_java_opts_default line in $ROOT/xreg" >&2; exit 2; }

cleanup() {
  local rc=$?
  [[ -n $SAMPLER_PID ]] && kill "$SAMPLER_PID" 2>/dev/null || true
  stop_pid "$BASE_PID" baseline
  stop_pid "$XREG_PID" xreg
  stop_pid "${S3_PID:-}" s3proxy
  stop_leftover_postgres
  if [[ -n $WORK && -d $WORK ]]; then
    ((rc == 0)) || { log "server log tail:"; tail -n 30 "$WORK/xreg.log" >&2 2>/dev/null || true; }
    if [[ -n $KEEP_JFR ]]; then
      mkdir -p "$KEEP_JFR" && cp "$WORK"/*.jfr "$KEEP_JFR"/ 2>/dev/null || true
    fi
    rm -rf "$WORK"
  fi
  exit "$rc"
}

# SIGTERM, then wait (bounded) for the graceful stop, then SIGKILL.
stop_pid() {
  local pid=$1 name=$2 i
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  log "$name did not stop in 20 s; killing $pid"
  kill -KILL "$pid" 2>/dev/null || true
}

# If xreg was killed hard, its embedded postmaster (pid in postmaster.pid) may still run.
stop_leftover_postgres() {
  local pidfile="$WORK/data/pg/postmaster.pid" pm
  [[ -n $WORK && -f $pidfile ]] || return 0
  pm=$(head -n 1 "$pidfile")
  [[ $pm =~ ^[0-9]+$ ]] && kill -0 "$pm" 2>/dev/null && kill -TERM "$pm" 2>/dev/null || true
}

wait_for_log() {  # file pattern seconds pid
  local file=$1 pattern=$2 secs=$3 pid=$4 i
  for ((i = 0; i < secs * 5; i++)); do
    grep -q "$pattern" "$file" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$file" >&2; die "process $pid exited before '$pattern'"; }
    sleep 0.2
  done
  tail -n 30 "$file" >&2
  die "timed out after ${secs}s waiting for '$pattern' in $file"
}

start_xreg() {
  XREG_PORT=$(free_port)
  XREG_JAVA_OPTS=("${SERVER_JAVA_OPTS[@]}" "${XREG_JAVA_OPTS_NEXT[@]}")
  log "starting xreg on 127.0.0.1:$XREG_PORT (cpu $SERVER_CPU, data $WORK/data)"
  env "${XREG_EXTRA_ENV[@]}" XREG_HTTP_HOST=127.0.0.1 XREG_HTTP_PORT=$XREG_PORT XREG_DATA_DIR="$WORK/data" \
    "${PIN_SERVER[@]}" java "${XREG_JAVA_OPTS[@]}" -jar "$XREG_JAR" >"$WORK/xreg.log" 2>&1 &
  XREG_PID=$!
  wait_for_log "$WORK/xreg.log" "event=started" 180 "$XREG_PID"
  PG_PORT=$(grep -o 'event=embedded_db_started .*port=[0-9]*' "$WORK/xreg.log" | head -n 1 | sed 's/.*port=//')
  [[ $PG_PORT =~ ^[0-9]+$ ]] || die "embedded PostgreSQL port not found in the xreg log"
  PG_POSTMASTER=$(head -n 1 "$WORK/data/pg/postmaster.pid")
  log "xreg pid $XREG_PID, embedded PostgreSQL port $PG_PORT (postmaster $PG_POSTMASTER)"
}

start_baseline() {  # [NAME=value...]: extra environment (the B-PG and sendFile routes)
  BASE_PORT=$(free_port)
  log "starting bare Vert.x baseline on 127.0.0.1:$BASE_PORT (cpu $SERVER_CPU)"
  env "$@" BASELINE_HOST=127.0.0.1 BASELINE_PORT=$BASE_PORT "${PIN_SERVER[@]}" java -jar "$BASE_JAR" >"$WORK/baseline.log" 2>&1 &
  BASE_PID=$!
  wait_for_log "$WORK/baseline.log" "event=started" 60 "$BASE_PID"
}

stop_baseline() { stop_pid "$BASE_PID" baseline; BASE_PID=""; }

psql_xreg() { PGPASSWORD=postgres psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }

# ---------------------------------------------------------------- seeding
seed() {
  local big_api=$BIG
  ((BIG > BIG_API_MAX)) && big_api=1
  log "seeding through the API: $RESOURCES Resources in g1, $DOCS documents, $big_api in big"
  python3 "$LIB/prepare.py" seed --port "$XREG_PORT" --resources "$RESOURCES" --docs "$DOCS" \
    --big-api "$big_api" >"$WORK/seed.json"
  SEED_SQL_SECONDS=0
  if ((BIG > BIG_API_MAX)); then
    log "seeding big: $((BIG - 1)) more Resources by direct SQL (bench/lib/bulk_seed.sql)"
    local t0; t0=$(date +%s.%N)
    psql_xreg -d postgres -v grp=/schemagroups/big -v n="$BIG" -f "$LIB/bulk_seed.sql"
    SEED_SQL_SECONDS=$(python3 -c "import time; print(round(time.time() - $t0, 1))")
  fi
  python3 "$LIB/prepare.py" inspect --port "$XREG_PORT" --resources "$RESOURCES" --docs "$DOCS" --big "$BIG" \
    --out "$WORK/features.json" --cursors-out "$WORK/r3_cursors.txt" >/dev/null
  log "features: $(python3 -c "import json; f=json.load(open('$WORK/features.json'))['features']; \
print(', '.join(k + '=' + ('yes' if v['supported'] else 'no') for k, v in f.items() if isinstance(v, dict) and 'supported' in v))")"
}

feature() {  # feature NAME -> exit 0 when supported
  python3 -c "import json,sys; sys.exit(0 if json.load(open('$WORK/features.json'))['features']['$1']['supported'] else 1)"
}
feature_evidence() {
  python3 -c "import json; print(json.load(open('$WORK/features.json'))['features']['$1']['evidence'])"
}
size_of() { python3 -c "import json; print(json.load(open('$WORK/features.json'))['sizes']['$1'])"; }

# ---------------------------------------------------------------- measurement
# Each result is one JSON line in $WORK/runs.jsonl: {"scenario", "rep", ...measurements}.
record() { echo "$1" >>"$WORK/runs.jsonl"; }

# CPU time in clock ticks: utime+stime of a pid; for the postmaster also its exited children
# (cutime+cstime) and its live children (backends), so PostgreSQL's whole CPU use is counted.
cpu_ticks() {
  local pid=$1 total=0 p
  [[ -n $pid && -r /proc/$pid/stat ]] || { echo 0; return 0; }
  if [[ $pid == "${PG_POSTMASTER:-x}" ]]; then
    total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat")
    for p in $(ps -o pid= --ppid "$pid"); do
      [[ -r /proc/$p/stat ]] && total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
    done
  else
    total=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  fi
  echo "$total"
}

rss_sampler() {  # pid samples-file: VmRSS (kB) every 0.5 s, bounded by the scenario length
  local pid=$1 out=$2 i
  for ((i = 0; i < (DURATION + 2) * 2 * REPS + 20; i++)); do
    awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null >>"$out" || return 0
    sleep 0.5
  done
}

# run_wrk SCENARIO REP BASE PATH LUA SECONDS [ENV...]: one wrk run against BASE (http://host:port);
# the Lua script builds each request from PATH (BENCH_PREFIX). Prints the run's WRKJSON.
run_wrk() {
  local scenario=$1 rep=$2 base=$3 path=$4 lua=$5 secs=$6; shift 6
  local script="$WORK/$lua" out="$WORK/wrk-$scenario-$rep.out"
  cat "$LIB/common.lua" "$LIB/$lua" >"$script"
  # WRK_TIMEOUT: the blob rows' responses take seconds each
  env BENCH_PREFIX="$path" "$@" "${PIN_LOAD[@]}" wrk -t1 -c"$CONNS" -d"${secs}s" --timeout "${WRK_TIMEOUT:-10s}" --latency \
    -s "$script" "$base/" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed in $scenario"; }
  grep '^WRKJSON ' "$out" | tail -n 1 | cut -c9- || die "no wrk result in $scenario"
}

# ---------------------------------------------------------------- scenarios
# A scenario is declared once (define_wrk / define_pgbench) and then measured in a group:
# measure ID... warms each up, takes the JFR window for xreg scenarios, then runs the
# repetitions interleaved (rep 1 of each, rep 2 of each, ...), so a scenario and its
# baseline see the same background load even on a noisy machine.
declare -A S_KIND S_BASE S_PATH S_LUA S_PID S_ENV S_MODE

define_wrk() {  # ID BASE PATH LUA PID [ENV...]
  S_KIND[$1]=wrk; S_BASE[$1]=$2; S_PATH[$1]=$3; S_LUA[$1]=$4; S_PID[$1]=$5; S_ENV[$1]="${*:6}"
}
define_pgbench() { S_KIND[$1]=pgbench; S_MODE[$1]=$2; S_PID[$1]=$PG_POSTMASTER; }
# A PostgreSQL floor row: pgbench replays lib/<script> (the least SQL of a request) against xreg's
# own database from the load core; <protocol> is pgbench's -M, <n> the keys it picks from (:n,
# default the big Group's size). The row says what PostgreSQL alone answers.
define_pgbench_script() {  # ID SCRIPT PROTOCOL [N]
  S_KIND[$1]=pgbench; S_MODE[$1]="script:$2:$3:${4:-$BIG}"; S_PID[$1]=$PG_POSTMASTER
}

run_once() {  # ID REP SECONDS -> JSON of the run (wrk) or record line (pgbench)
  local id=$1 rep=$2 secs=$3
  # shellcheck disable=SC2086  # S_ENV holds NAME=value words
  if [[ ${S_KIND[$id]} == wrk ]]; then
    # S_CONNS: a scenario's own connection count (the blob rows: 8 parallel clients)
    CONNS=${S_CONNS[$id]:-$CONNS} WRK_TIMEOUT=${S_CONNS[$id]:+300s} \
      run_wrk "$id" "$rep" "${S_BASE[$id]}" "${S_PATH[$id]}" "${S_LUA[$id]}" "$secs" ${S_ENV[$id]}
  elif [[ ${S_KIND[$id]} == xfer ]]; then
    "${S_FN[$id]}" "$id" "$rep" "$secs"
  else
    pgbench_once "$id" "$rep" "${S_MODE[$id]}" "$secs"
  fi
}

profile_window() {  # ID: JFR recording of one unmeasured run, summarized by jfr_top.py
  local id=$1
  log "$id: JFR profiling window ${DURATION}s (not measured)"
  jcmd "$XREG_PID" JFR.start name="bench-$id" settings=profile filename="$WORK/$id.jfr" >/dev/null
  run_once "$id" profile "$DURATION" >/dev/null
  jcmd "$XREG_PID" JFR.stop name="bench-$id" >/dev/null
  python3 "$LIB/jfr_top.py" "$WORK/$id.jfr" >"$WORK/profile-$id.json" || log "$id: profile summary failed"
}

measure() {  # ID...
  local id rep
  for id in "$@"; do
    # a transfer row (lib/oci_rows.sh) moves a fixed amount of bytes, minutes on a slow store:
    # no warm-up run (its JFR window, if any, warms it up)
    if [[ ${S_KIND[$id]} != xfer ]]; then
      log "$id: warm-up ${WARMUP}s"
      drain_xreg
      run_once "$id" warmup "$WARMUP" >/dev/null
    fi
    if ((PROFILE)) && [[ ${S_PID[$id]} == "$XREG_PID" ]]; then profile_window "$id"; fi
  done
  local rss_file="$WORK/rss-R1.txt"
  if [[ " $* " == *" R1 "* ]]; then rss_sampler "$XREG_PID" "$rss_file" & SAMPLER_PID=$!; fi
  for ((rep = 1; rep <= REPS; rep++)); do
    for id in "$@"; do measure_rep "$id" "$rep"; done
  done
  if [[ " $* " == *" R1 "* ]]; then
    kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
    record "$(python3 -c "import json; s=[int(x) for x in open('$rss_file') if x.strip()]; \
print(json.dumps({'scenario': 'M1', 'kind': 'rss', 'samples': len(s), 'max_kb': max(s), 'median_kb': sorted(s)[len(s)//2]}))")"
  fi
}

# Waits (at most 30 s) until xreg's PostgreSQL has no query running for 1 s. wrk stops after
# --duration, but requests it abandoned keep running in xreg: a scenario slower than the load
# (R4 at ~1 req/s had ~30 requests queued when wrk stopped) would otherwise eat the core during
# the next run (its baseline, or the next scenario). Logged and recorded as drain_s.
drain_xreg() {
  local i quiet=0 n
  DRAIN_S=0
  for ((i = 0; i < 60; i++)); do
    n=$(psql_xreg -At -d postgres -c "SELECT count(*) FROM pg_stat_activity WHERE datname = 'postgres'
      AND state = 'active' AND pid <> pg_backend_pid()" 2>/dev/null || echo 0)
    if [[ $n == 0 ]]; then quiet=$((quiet + 1)); else quiet=0; fi
    if ((quiet >= 2)); then
      DRAIN_S=$(((i - 1) / 2))
      ((DRAIN_S == 0)) || log "waited ${DRAIN_S} s for xreg's PostgreSQL to finish abandoned requests"
      return 0
    fi
    sleep 0.5
  done
  DRAIN_S=30
  log "xreg's PostgreSQL still busy after 30 s of waiting; measuring anyway"
}

# One measured repetition, with the CPU time the server process (and PostgreSQL) used meanwhile.
measure_rep() {
  local id=$1 rep=$2 pid=${S_PID[$1]} xp=${S_EXTRA_PID[$1]:-} c0 p0 x0 t0 j c1 p1 x1 t1
  drain_xreg
  c0=$(cpu_ticks "$pid"); p0=$(cpu_ticks "$PG_POSTMASTER"); x0=$(cpu_ticks "$xp"); t0=$(date +%s.%N)
  j=$(run_once "$id" "$rep" "$DURATION")
  c1=$(cpu_ticks "$pid"); p1=$(cpu_ticks "$PG_POSTMASTER"); x1=$(cpu_ticks "$xp"); t1=$(date +%s.%N)
  record "$(python3 - "$id" "$rep" "$j" "$c0" "$c1" "$p0" "$p1" "$t0" "$t1" "${S_KIND[$id]}" "$DRAIN_S" "$x0" "$x1" "$xp" <<'PY'
import json, os, sys
sid, rep, j, c0, c1, p0, p1, t0, t1, kind, drain, x0, x1, xp = sys.argv[1:]
hz = os.sysconf("SC_CLK_TCK"); wall = float(t1) - float(t0)
r = json.loads(j)
if kind in ("wrk", "xfer"):
    r = {"scenario": sid, "rep": int(rep), "kind": kind, **r}
    r["server_cpu_pct"] = round(100 * (int(c1) - int(c0)) / hz / wall, 1)
if kind == "wrk" and r.get("duration_us"):
    r["bytes_per_s"] = round(r["bytes"] / (r["duration_us"] / 1e6), 1)
if xp:  # a second server process of the scenario (s3proxy)
    r["extra_cpu_pct"] = round(100 * (int(x1) - int(x0)) / hz / wall, 1)
r["pg_cpu_pct"] = round(100 * (int(p1) - int(p0)) / hz / wall, 1)
r["drain_s"] = int(drain)
print(json.dumps(r))
PY
)"
  log "$id rep $rep: $(tail -n 1 "$WORK/runs.jsonl" | python3 -c 'import json,sys; d=json.load(sys.stdin)
if d["kind"] == "xfer":
    print("%.1f MB/s (%d bytes in %.2f s), server cpu %s%%, PG cpu %s%%, other %s%%, errors %d" % (d["bytes_per_s"] / 1e6,
          d["bytes"], d["seconds"], d["server_cpu_pct"], d["pg_cpu_pct"], d.get("extra_cpu_pct", "-"), d["errors"]))
elif d["kind"] == "wrk":
    print("%.0f req/s, p50 %.2f ms, p99 %.2f ms, JVM cpu %s%%, PG cpu %s%%, failed %d" % (d["rps"], d["p50_us"]/1000,
          d["p99_us"]/1000, d["server_cpu_pct"], d["pg_cpu_pct"], d["err_status"] + d["err_timeout"] + d["err_read"]))
else:
    print("%.0f tps, mean latency %s ms, PG cpu %s%%" % (d["tps"], d["latency_ms"], d["pg_cpu_pct"]))')"
}

missing() {  # missing ID FEATURE: an N/A record
  record "$(python3 -c "import json,sys; print(json.dumps({'scenario': sys.argv[1], 'kind': 'na', \
'reason': 'feature missing: ' + sys.argv[2], 'evidence': sys.argv[3]}))" "$1" "$2" "$(feature_evidence "$2")")"
  log "$1: N/A (feature missing: $2)"
}

# The JVM needs about a minute of load on this machine before C2 stops compiling the request
# paths (seen as a busy "C2 CompilerThread" and rising req/s); the per-scenario warm-up alone
# is too short for that, so all xreg paths get load first.
jit_warmup() {
  local u="http://127.0.0.1:$XREG_PORT"
  log "JIT warm-up: ${JIT_WARMUP}s each of R1, R2, W1 load (not measured)"
  run_wrk jit-R1 warmup "$u" /schemagroups/g1/schemas/ r1_get_details.lua "$JIT_WARMUP" BENCH_N="$RESOURCES" >/dev/null
  run_wrk jit-R2 warmup "$u" /schemagroups/docs/schemas/ r2_get_document.lua "$JIT_WARMUP" BENCH_N="$DOCS" >/dev/null
  run_wrk jit-W1 warmup "$u" /schemagroups/g1/schemas/ w1_patch.lua "$JIT_WARMUP" BENCH_N="$RESOURCES" >/dev/null
}

has_size() { python3 -c "import json,sys; sys.exit(0 if '$1' in json.load(open('$WORK/features.json'))['sizes'] else 1)"; }

run_reads() {
  local u="http://127.0.0.1:$XREG_PORT" b="http://127.0.0.1:$BASE_PORT" id
  define_wrk R1 "$u" /schemagroups/g1/schemas/ r1_get_details.lua "$XREG_PID" BENCH_N="$RESOURCES"
  define_wrk R2 "$u" /schemagroups/docs/schemas/ r2_get_document.lua "$XREG_PID" BENCH_N="$DOCS"
  define_wrk R3 "$u" /schemagroups/big/schemas r3_page.lua "$XREG_PID" BENCH_CURSORS="$WORK/r3_cursors.txt"
  define_wrk R4 "$u" /schemagroups/big/schemas r4_filter.lua "$XREG_PID" BENCH_N="$BIG"
  define_wrk R4-name "$u" /schemagroups/big/schemas r4_name.lua "$XREG_PID" BENCH_N="$BIG"
  define_wrk R4-prefix "$u" /schemagroups/big/schemas r4_prefix.lua "$XREG_PID" BENCH_N="$BIG"
  define_wrk R4-label "$u" /schemagroups/big/schemas r4_label.lua "$XREG_PID" BENCH_N="$BIG"
  for id in R1 R2 R3 R4 R4-name R4-prefix R4-label; do
    if has_size "$id"; then define_wrk "B-$id" "$b" "/bytes/$(size_of "$id")" get_fixed.lua "$BASE_PID"; fi
  done
  BIG_GID=$(psql_xreg -At -d postgres -c "SELECT id FROM entity WHERE xid = '/schemagroups/big'")
  define_pgbench_script PG-R3 floor_r3.sql prepared
  # the filters planned per value (-M extended), as xreg plans them: a generic plan of a filter
  # walks the whole collection in ID order (its LIMIT avoids a sort), 1,000,000 rows
  define_pgbench_script PG-R4 floor_r4.sql extended
  define_pgbench_script PG-R4-name floor_r4_name.sql extended
  define_pgbench_script PG-R4-prefix floor_r4_prefix.sql extended
  define_pgbench_script PG-R4-label floor_r4_label.sql extended
  jit_warmup
  measure R1 B-R1
  measure R2 B-R2
  if feature limit; then measure R3 B-R3 PG-R3; else missing R3 limit; fi
  if feature filter; then
    measure R4 B-R4 PG-R4
    measure R4-name B-R4-name PG-R4-name
    measure R4-prefix B-R4-prefix PG-R4-prefix
    measure R4-label B-R4-label PG-R4-label
  else
    missing R4 filter
  fi
}

# pgbench -N (simple update) and -S (select only) on xreg's own embedded PostgreSQL, in a
# separate database so xreg's tables are untouched. Client on LOAD_CPU, server on SERVER_CPU.
pgbench_init() {
  log "pgbench: init (scale 1) in database pgbench on port $PG_PORT"
  psql_xreg -d postgres -c "DROP DATABASE IF EXISTS pgbench" -c "CREATE DATABASE pgbench" >/dev/null 2>&1
  PGPASSWORD=postgres pgbench -q -i -s 1 -h 127.0.0.1 -p "$PG_PORT" -U postgres pgbench >"$WORK/pgbench-init.out" 2>&1 \
    || { cat "$WORK/pgbench-init.out" >&2; die "pgbench init failed"; }
  define_pgbench PG-N N
  define_pgbench PG-S S
}

run_writes() {
  local u="http://127.0.0.1:$XREG_PORT"
  pgbench_init
  define_wrk W1 "$u" /schemagroups/g1/schemas/ w1_patch.lua "$XREG_PID" BENCH_N="$RESOURCES"
  # the writes' floors replay the SQL xreg sends for them (captured with log_statement=all) on
  # the same Resources: valid xreg writes, which xreg's change-feed tail then reports as usual
  define_pgbench_script PG-W1 floor_w1.sql prepared "$RESOURCES"
  define_pgbench_script PG-W2 floor_w2.sql prepared "$RESOURCES"
  if feature if_match; then
    define_wrk W2 "$u" /schemagroups/g1/schemas/ w2_post_version.lua "$XREG_PID" BENCH_N="$RESOURCES" BENCH_IF_MATCH=1
    measure W1 W2 PG-N PG-W1 PG-W2
  else
    missing W2 if_match
    # Not the target (no If-Match), but the same write without the condition, reported as info.
    define_wrk W2-unconditional "$u" /schemagroups/g1/schemas/ w2_post_version.lua "$XREG_PID" BENCH_N="$RESOURCES"
    measure W1 W2-unconditional PG-N
  fi
  measure PG-S
}

pgbench_once() {  # id rep mode seconds -> JSON line
  local id=$1 rep=$2 mode=$3 secs=$4 out="$WORK/pgbench-$1-$2.out" how
  if [[ $mode == script:* ]]; then
    IFS=: read -r _ script protocol n <<<"$mode"
    how=(-n -f "$LIB/$script" -M "$protocol" -D gid="${BIG_GID:-0}" -D n="$n" postgres)
  else
    how=("-$mode" -M prepared pgbench)
  fi
  PGPASSWORD=postgres "${PIN_LOAD[@]}" pgbench -c "${S_CONNS[$id]:-$CONNS}" -j 1 -T "$secs" \
    -h 127.0.0.1 -p "$PG_PORT" -U postgres "${how[@]}" >"$out" 2>&1 || { cat "$out" >&2; die "pgbench $id failed"; }
  python3 - "$id" "$rep" "$out" <<'PY'
import json, re, sys
sid, rep, path = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path).read()
tps = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", text)
lat = re.search(r"latency average = ([0-9.]+) ms", text)
fail = re.search(r"number of failed transactions: (\d+)", text)
processed = re.search(r"number of transactions actually processed: (\d+)", text)
if not tps and not (processed and processed.group(1) == "0"):
    raise SystemExit(f"no tps in pgbench output: {text[-500:]}")
# A window in which no transaction finished (a starved machine, a 1 s smoke window) is a
# measurement of 0, not a broken harness.
print(json.dumps({"scenario": sid, "rep": int(rep) if rep.isdigit() else rep, "kind": "pgbench",
                  "tps": float(tps.group(1)) if tps else 0.0, "latency_ms": float(lat.group(1)) if lat else None,
                  "failed": int(fail.group(1)) if fail else 0}))
PY
}

# I1: one POST / with an IMPORT-Resource document, into xreg restarted with the target's heap
# (-Xmx256m) and a GC log. The heap is read from the GC log lines the import produced (each
# collection's before->after): a jstat sampler missed short imports entirely (it attaches after
# the answer: "peak heap 0.0 MB") and, without -Xmx, reported the default heap's garbage.
run_import() {
  if ! feature import; then missing I1 import; return 0; fi
  local doc="$WORK/import.json" heap="$WORK/gc-I1.log" gc_from
  python3 - "$IMPORT" "$doc" <<'PY'
import json, sys
n, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as f:
    json.dump({"schemagroups": {"imported": {"schemas": {
        f"r{i:07d}": {"description": f"resource {i}", "labels": {"k": str(i % 100)}} for i in range(n)}}}}, f)
PY
  restart_xreg -Xmx256m "-Xlog:gc:file=$heap" --
  log "I1: POST / with $IMPORT Resources ($(du -h "$doc" | cut -f1))"
  gc_from=$(wc -l <"$heap")
  local t0 t1 code c0 c1 p0 p1
  c0=$(cpu_ticks "$XREG_PID"); p0=$(cpu_ticks "$PG_POSTMASTER"); t0=$(date +%s.%N)
  code=$(curl -s -o "$WORK/import.out" -w '%{http_code}' --max-time 1800 -X POST -H 'Content-Type: application/json' \
    --data-binary @"$doc" "http://127.0.0.1:$XREG_PORT/") || die "I1: curl failed"
  t1=$(date +%s.%N); c1=$(cpu_ticks "$XREG_PID"); p1=$(cpu_ticks "$PG_POSTMASTER")
  if [[ $code != 200 ]]; then
    # An answer the server gave is a result (ERROR), not a harness failure: record it and go on,
    # so the other scenarios' results are still written (the run then exits with status 3).
    record "$(python3 -c "import json,sys; print(json.dumps({'scenario': 'I1', 'kind': 'error', 'status': int(sys.argv[1]), \
'seconds': round(float(sys.argv[3]) - float(sys.argv[2]), 3), 'body': open(sys.argv[4], errors='replace').read(500)}))" \
      "$code" "$t0" "$t1" "$WORK/import.out")"
    log "I1: POST / answered $code: $(head -c 300 "$WORK/import.out")"
    return 0
  fi
  record "$(python3 - "$IMPORT" "$t0" "$t1" "$heap" "$gc_from" "$c0" "$c1" "$p0" "$p1" <<'PY'
import json, os, re, sys
n, t0, t1, heap, skip = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], int(sys.argv[5])
hz = os.sysconf("SC_CLK_TCK")
jvm_cpu_s = (int(sys.argv[7]) - int(sys.argv[6])) / hz
pg_cpu_s = (int(sys.argv[9]) - int(sys.argv[8])) / hz
unit = {"K": 1 / 1024, "M": 1, "G": 1024}
before, after, gcs = [], [], 0
# -Xlog:gc lines: "... GC(7) Pause Young (Normal) (G1 Evacuation Pause) 120M->31M(256M) 4.2ms"
for line in open(heap).readlines()[skip:]:
    m = re.search(r"(\d+)([KMG])->(\d+)([KMG])\((\d+)([KMG])\)", line)
    if m:
        gcs += 1
        before.append(int(m.group(1)) * unit[m.group(2)])
        after.append(int(m.group(3)) * unit[m.group(4)])
secs = t1 - t0
print(json.dumps({"scenario": "I1", "kind": "import", "resources": n, "seconds": round(secs, 3),
                  "resources_per_s": round(n / secs, 1), "xmx_mb": 256, "gcs": gcs,
                  # where the time went: CPU seconds of the xreg JVM and of all PostgreSQL processes
                  "jvm_cpu_s": round(jvm_cpu_s, 1), "pg_cpu_s": round(pg_cpu_s, 1),
                  # the heap's high-water mark (garbage included) and the most it held after a collection
                  "peak_heap_used_mb": round(max(before), 1) if before else None,
                  "peak_live_heap_mb": round(max(after), 1) if after else None}))
PY
)"
  log "I1: $(tail -n 1 "$WORK/runs.jsonl")"
  # PostgreSQL alone on the import's SQL, one stream, into a Group of its own next to I1's
  curl -s -o /dev/null -X PUT -H 'Content-Type: application/json' -d '{}' \
    "http://127.0.0.1:$XREG_PORT/schemagroups/floor" || die "PG-I1: cannot create Group floor"
  define_pgbench_script PG-I1 floor_i1.sql prepared 1
  S_CONNS[PG-I1]=1
  measure PG-I1
}

# ---------------------------------------------------------------- E1: event delivery (issue 20)
# Kept apart from the other scenarios: a loopback webhook receiver (bench/lib/e1_events.py)
# subscribes to g1's events while W1 load runs for one repetition; records events delivered per
# second in the load window, the drain time after it and the commit-to-receipt lag. No target.
export XREG_EVENTS_ALLOWED_SINKS="${XREG_EVENTS_ALLOWED_SINKS:-127.0.0.1/32}"  # read by start_xreg's java

run_e1_events() {
  local ready="$WORK/e1.ready" stop="$WORK/e1.stop"
  rm -f "$ready" "$stop"
  log "E1: events to a loopback receiver during ${DURATION}s of W1"
  python3 "$LIB/e1_events.py" --port "$XREG_PORT" --subject /schemagroups/g1/ --ready "$ready" --stop "$stop" \
    >"$WORK/e1.json" 2>"$WORK/e1.log" &
  local pid=$! i=0
  while [[ ! -e $ready ]] && ((i++ < 300)); do sleep 0.1; done
  [[ -e $ready ]] || { cat "$WORK/e1.log" >&2; die "E1 receiver did not start"; }
  run_wrk E1-W1 1 "http://127.0.0.1:$XREG_PORT" /schemagroups/g1/schemas/ w1_patch.lua "$DURATION" \
    BENCH_N="$RESOURCES" >"$WORK/e1-w1.json"
  touch "$stop"
  wait "$pid" || { cat "$WORK/e1.log" >&2; die "E1 receiver failed"; }
  record "$(python3 -c "import json,sys; e=json.load(open(sys.argv[1])); w=json.load(open(sys.argv[2])); \
e['w1_rps']=w.get('rps'); print(json.dumps(e))" "$WORK/e1.json" "$WORK/e1-w1.json")"
  log "E1: $(cat "$WORK/e1.json")"
}

# The machine's load average and CPU pressure now, as JSON into $1: taken before xreg starts (so
# the harness's own seeding is not counted as background load) and after the last row.
load_snapshot() {
  python3 - "$1" <<'PY'
import json, os, sys
json.dump({"loadavg": open("/proc/loadavg").read().split()[:3],
           "cpu_pressure": open("/proc/pressure/cpu").readline().strip() if os.path.exists("/proc/pressure/cpu") else None},
          open(sys.argv[1], "w"))
PY
}

write_meta() {
  python3 - "$WORK/meta.json" <<PY
import json, os, platform, subprocess, sys
def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30).stdout.strip() \
            + subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30).stderr.strip()
    except Exception as e:
        return str(e)
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mem = next((l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")), "0")
meta = {
  "mode": "$MODE", "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "git": sh("cd '$ROOT' && git rev-parse --short HEAD && git status --porcelain | wc -l"),
  "machine": {"nproc": os.cpu_count(), "cpu_model": cpu, "ram_gib": round(int(mem) / 1048576, 1),
              "kernel": platform.release()},
  "jvm": sh("java -version 2>&1 | head -n 3").replace("\n", " | "),
  "jvm_flags": sh("taskset -c ${SERVER_CPU/-/0} java -XX:+PrintFlagsFinal -version 2>/dev/null | grep -E ' (UseSerialGC|UseG1GC|UseParallelGC|MaxHeapSize|ActiveProcessorCount) ' | awk '{print \$2\"=\"\$4}' | tr '\n' ' '"),
  "xreg_java_opts": "${XREG_JAVA_OPTS[*]} (./xreg's default)",
  "xreg_env": "XREG_HTTP_INSTANCES, XREG_EVENT_LOOPS, XREG_DB_POOL_SIZE unset (server defaults)",
  "wrk": sh("wrk -v 2>&1 | head -n 1"), "pgbench": sh("pgbench --version"),
  "postgres": sh("PGPASSWORD=postgres psql -X -At -h 127.0.0.1 -p $PG_PORT -U postgres -d postgres -c 'show server_version'"),
  "pinning": {"server_cpu": "$SERVER_CPU", "load_cpu": "$LOAD_CPU"},
  "load_at_start": json.load(open("$WORK/load-start.json")),
  "sizes": {"resources": $RESOURCES, "docs": $DOCS, "big": $BIG, "import": $IMPORT, "big_sql_seeded": $BIG > $BIG_API_MAX,
            "oci_blob_mib": $OCI_BLOB_MIB, "oci_s3_mib": $OCI_S3_MIB, "oci_mem_mib": $OCI_MEM_MIB, "oci_parallel": $OCI_PAR, "c1_kb": $C1_KB},
  "sections": "$SECTIONS",
  "run": {"connections": $CONNS, "duration_s": $DURATION, "warmup_s": $WARMUP, "jit_warmup_s": $JIT_WARMUP, "reps": $REPS, "profile": bool($PROFILE)},
  "seed": {**json.load(open("$WORK/seed.json")), "sql_seed_seconds": float("$SEED_SQL_SECONDS")},
  "features": json.load(open("$WORK/features.json")),
}
json.dump(meta, open(sys.argv[1], "w"), indent=2)
PY
}

main() {
  parse_args "$@"
  local started; started=$(date +%s)
  install_tools
  setup_pinning
  build
  WORK=$(mktemp -d /tmp/xreg-bench.XXXXXX)
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  : >"$WORK/runs.jsonl"
  load_snapshot "$WORK/load-start.json"
  start_xreg
  seed
  write_meta
  start_baseline
  if [[ $SECTIONS == *core* ]]; then
    run_reads
    run_writes
    run_e1_events
    run_import
  fi
  if [[ $SECTIONS == import ]]; then run_import; fi
  if [[ $SECTIONS == writes ]]; then jit_warmup; run_writes; fi
  if [[ $SECTIONS == *oci* ]]; then run_oci_rows; fi
  stop_baseline
  mkdir -p "$OUT_DIR"
  # A second run on the same day never overwrites the first: <date>-2, <date>-3, ...
  local stamp day n=1; day=$(date -u +%Y-%m-%d); [[ $SECTIONS == oci || $SECTIONS == import || $SECTIONS == writes ]] && day="$day-$SECTIONS"; stamp=$day
  while [[ -e $OUT_DIR/$stamp.md || -e $OUT_DIR/$stamp.json ]]; do n=$((n + 1)); stamp="$day-$n"; done
  load_snapshot "$WORK/load-end.json"
  python3 - "$WORK/meta.json" "$WORK/load-end.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
m["load_at_end"] = json.load(open(sys.argv[2]))
json.dump(m, open(sys.argv[1], "w"), indent=2)
PY
  python3 "$LIB/report.py" --meta "$WORK/meta.json" --runs "$WORK/runs.jsonl" --profiles "$WORK" \
    --md "$OUT_DIR/$stamp.md" --json "$OUT_DIR/$stamp.json" --mode "$MODE" --sections "$SECTIONS"
  log "done in $(($(date +%s) - started)) s: $OUT_DIR/$stamp.md"
}

main "$@"
