# shellcheck shell=bash
# bench/run.sh, sourced: the rows of issues 15 (R1-miss against B-PG), 14 (O1, O2, O3, MEM),
# 18 (O1-S3, O2-S3) and 17 (C1). Uses run.sh's helpers (define_wrk, measure, record, stop_pid,
# start_xreg, start_baseline, ...). Everything here runs after the core rows, on its own xreg
# processes (restarted on the same data dir with other settings), so the core rows are unchanged.
#
# Sizes (full / --smoke): OCI_BLOB_MIB 256 / 4 (O1, O2), OCI_S3_MIB 32 / 2 (O1-S3, O2-S3: the S3
# path moved 3-25 MB/s here, 256 MiB x 8 would take many minutes a run), OCI_MEM_MIB 1024 / 16
# (MEM), OCI_PAR 8 / 2 parallel clients, C1_KB 100. The transfer rows (O2, DD and their S3 twins)
# run XFER_REPS (3) repetitions, the S3 pair 2; --smoke runs every row once for 2 s.

OCI_BLOB_MIB=256
OCI_S3_MIB=32
OCI_MEM_MIB=1024
OCI_PAR=8
C1_KB=100
XFER_REPS=3
OCI_REPO=bench/o1       # O1 and O3: one blob and one image manifest tagged latest
S3_PID=""
S3_BUCKET=xreg-bench
# the static credentials s3proxy is started with (loopback only, a throw-away bucket)
S3_ACCESS=xreg-bench-access
S3_SECRET=xreg-bench-secret
declare -A S_FN S_CONNS S_EXTRA_PID

oci_smoke_sizes() { OCI_BLOB_MIB=4; OCI_S3_MIB=2; OCI_MEM_MIB=16; OCI_PAR=2; }

# ---------------------------------------------------------------- processes
# Stops xreg (and waits for its embedded PostgreSQL to exit), then starts it again on the same
# data dir with XREG_EXTRA_ENV / XREG_JAVA_OPTS_NEXT. The previous log is kept as xreg-<n>.log.
XREG_RESTARTS=0
restart_xreg() {  # [JAVA_OPT...] -- [NAME=value...]
  local opts=() envs=()
  while (($#)) && [[ $1 != -- ]]; do opts+=("$1"); shift; done
  (($#)) && shift
  envs=("$@")
  local pm="${PG_POSTMASTER:-}" i
  stop_pid "$XREG_PID" xreg
  stop_leftover_postgres
  for ((i = 0; i < 100; i++)); do [[ -n $pm ]] && kill -0 "$pm" 2>/dev/null || break; sleep 0.2; done
  XREG_RESTARTS=$((XREG_RESTARTS + 1))
  mv "$WORK/xreg.log" "$WORK/xreg-$XREG_RESTARTS.log" 2>/dev/null || true
  XREG_JAVA_OPTS_NEXT=("${opts[@]}")
  XREG_EXTRA_ENV=("${envs[@]}")
  log "restarting xreg: java ${opts[*]:-(defaults)}; env ${envs[*]:-(none)}"
  start_xreg
}

restart_baseline() {  # [NAME=value...]
  stop_baseline
  # keep the old log apart: start_baseline waits for "event=started" in baseline.log
  mv "$WORK/baseline.log" "$WORK/baseline-old.log" 2>/dev/null || true
  start_baseline "$@"
}

s3proxy_start() {
  local cp="$WORK/s3proxy.classpath" port dir="$WORK/s3"
  # offline first (the build's tests resolved s3proxy already); online once if that fails
  (cd "$ROOT" && { mvn -B -o -q -f bench/s3proxy/pom.xml dependency:build-classpath -Dmdep.outputFile="$cp" \
    || mvn -B -q -f bench/s3proxy/pom.xml dependency:build-classpath -Dmdep.outputFile="$cp"; } \
    >"$WORK/s3proxy-cp.log" 2>&1) || { cat "$WORK/s3proxy-cp.log" >&2; die "no class path for s3proxy"; }
  port=$(free_port)
  mkdir -p "$dir/$S3_BUCKET"   # the filesystem backend's bucket is a directory
  cat >"$WORK/s3proxy.properties" <<EOF
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3_ACCESS
s3proxy.credential=$S3_SECRET
jclouds.provider=filesystem
jclouds.filesystem.basedir=$dir
EOF
  # s3proxy's Maven artifact carries no logback.xml, so logback's default (DEBUG to the console)
  # applies: Jetty then logs every buffer, 563 MB of log per 256 MiB pushed, and O2-S3 measured
  # that logging (7 MB/s instead of 29 in the issue-18 probe). INFO, as a deployment would run.
  cat >"$WORK/s3proxy-logback.xml" <<XML
<configuration>
  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{HH:mm:ss.SSS} [%thread] %-5level %logger{36} - %msg%n</pattern></encoder>
  </appender>
  <root level="INFO"><appender-ref ref="out"/></root>
</configuration>
XML
  log "starting s3proxy 2.6.0 (filesystem backend) on 127.0.0.1:$port (cpu $SERVER_CPU)"
  "${PIN_SERVER[@]}" java -Dlogback.configurationFile="$WORK/s3proxy-logback.xml" -cp "$(cat "$cp")" \
    org.gaul.s3proxy.Main --properties "$WORK/s3proxy.properties" \
    >"$WORK/s3proxy.log" 2>&1 &
  S3_PID=$!
  S3_ENDPOINT="http://127.0.0.1:$port"
  local i
  for ((i = 0; i < 300; i++)); do
    curl -s -o /dev/null "$S3_ENDPOINT/" && return 0
    kill -0 "$S3_PID" 2>/dev/null || { tail -n 30 "$WORK/s3proxy.log" >&2; die "s3proxy exited"; }
    sleep 0.2
  done
  die "s3proxy did not answer in 60 s"
}

# ---------------------------------------------------------------- pushes
# Every upload sends "Expect:" (none): curl asks for 100-continue on -T uploads, xreg does not
# answer it (Vert.x's handle100ContinueAutomatically is off) and curl waits 1 s before sending the
# body (a 1 KB push: 1.05 s with it, 0.04 s without). Go's OCI clients (skopeo, crane) send no Expect, so the rows measure what they see.
oci_push_blob() {  # repo file digest: single-POST monolithic upload (OCI-011), 201 or fail
  local code
  code=$(curl -s -o "$WORK/push.out" -w '%{http_code}' --max-time 1800 -X POST -H 'Expect:' -T "$2" \
    -H 'Content-Type: application/octet-stream' "http://127.0.0.1:$XREG_PORT/v2/$1/blobs/uploads?digest=$3") \
    || die "push of $2 to $1: curl failed"
  [[ $code == 201 ]] || die "push of $2 to $1 answered $code: $(head -c 300 "$WORK/push.out")"
}

oci_push_manifest() {  # repo tag layer-digest layer-size -> prints the manifest's digest and size
  local repo=$1 tag=$2 config="$WORK/files/config.json" man="$WORK/files/manifest.json" cd code
  printf '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}' >"$config"
  cd="sha256:$(sha256sum "$config" | cut -d' ' -f1)"
  oci_push_blob "$repo" "$config" "$cd"
  python3 - "$config" "$cd" "$3" "$4" "$man" <<'PY'
import json, os, sys
config, cd, ld, lsize, out = sys.argv[1:]
json.dump({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
           "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": cd,
                      "size": os.path.getsize(config)},
           "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": ld, "size": int(lsize)}],
           "annotations": {"dev.xreg.bench": "O3"}}, open(out, "w"), separators=(",", ":"))
PY
  code=$(curl -s -o "$WORK/push.out" -w '%{http_code}' -X PUT --data-binary @"$man" \
    -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' "http://127.0.0.1:$XREG_PORT/v2/$repo/manifests/$tag")
  [[ $code == 201 ]] || die "manifest PUT answered $code: $(head -c 300 "$WORK/push.out")"
  echo "sha256:$(sha256sum "$man" | cut -d' ' -f1) $(stat -c %s "$man")"
}

# ---------------------------------------------------------------- transfer rows
# A "transfer" scenario (S_KIND xfer) is a function that moves bytes and prints
# {"bytes", "seconds", "bytes_per_s", "errors"}; measure/measure_rep treat it like wrk's.
define_xfer() {  # ID FUNCTION PID [EXTRA_PID]
  S_KIND[$1]=xfer; S_FN[$1]=$2; S_PID[$1]=$3; S_EXTRA_PID[$1]=${4:-}
}

xfer_json() {  # bytes t0 t1 errors
  python3 -c "import json,sys; b,t0,t1,e=int(sys.argv[1]),float(sys.argv[2]),float(sys.argv[3]),int(sys.argv[4]); \
print(json.dumps({'bytes': b, 'seconds': round(t1-t0, 3), 'bytes_per_s': round(b/max(t1-t0,1e-9), 1), 'errors': e}))" "$@"
}

# O2 (and O2-S3): OCI_PAR parallel single-POST pushes of distinct OCI_BLOB_MIB-MiB layers into
# the repository O2_REPO. New files (new digests) for every run, made before the clock starts.
O2_REPO=bench/o2
o2_push() {  # id rep secs
  local id=$1 rep=$2 list="$WORK/o2-$1-$2.jsonl" i pids=() t0 t1 errs=0 bytes=0
  python3 "$LIB/blobs.py" make "$WORK/files" "o2" "$OCI_PAR" "$OCI_BLOB_MIB" "$id-$rep-$RANDOM" >"$list"
  sync
  t0=$(date +%s.%N)
  i=0
  while read -r line; do
    i=$((i + 1))
    local f d
    f=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['path'])" "$line")
    d=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['digest'])" "$line")
    "${PIN_LOAD[@]}" curl -s -o /dev/null -w '%{http_code}\n' --max-time 1800 -X POST -H 'Expect:' -T "$f" \
      -H 'Content-Type: application/octet-stream' \
      "http://127.0.0.1:$XREG_PORT/v2/$O2_REPO/blobs/uploads?digest=$d" >"$WORK/o2-code-$i" &
    pids+=($!)
  done <"$list"
  for i in "${pids[@]}"; do wait "$i" || errs=$((errs + 1)); done
  t1=$(date +%s.%N)
  for ((i = 1; i <= OCI_PAR; i++)); do [[ $(cat "$WORK/o2-code-$i") == 201 ]] || errs=$((errs + 1)); done
  bytes=$((OCI_PAR * OCI_BLOB_MIB * 1048576))
  xfer_json "$bytes" "$t0" "$t1" "$errs"
}

# DD: the same number of bytes as O2, the layer files of O2's last run (in the page cache, as
# curl read them) written by OCI_PAR parallel dd with conv=fsync onto xreg's data disk.
dd_write() {  # id rep secs
  local i pids=() t0 t1 errs=0 out="$WORK/data/dd-bench"
  mkdir -p "$out"
  t0=$(date +%s.%N)
  for ((i = 1; i <= OCI_PAR; i++)); do
    "${PIN_SERVER[@]}" dd if="$WORK/files/o2-$i.bin" of="$out/$i" bs=1M conv=fsync status=none &
    pids+=($!)
  done
  for i in "${pids[@]}"; do wait "$i" || errs=$((errs + 1)); done
  t1=$(date +%s.%N)
  rm -rf "$out"
  xfer_json $((OCI_PAR * OCI_BLOB_MIB * 1048576)) "$t0" "$t1" "$errs"
}

# ---------------------------------------------------------------- the rows
# B-PG: a database benchpg next to xreg's, table bpg_r1 with RESOURCES rows of R1's response
# size, table bpg_o3 with one row of the O3 manifest's size.
bpg_tables() {  # r1-size o3-size
  psql_xreg -d postgres -c "DROP DATABASE IF EXISTS benchpg" -c "CREATE DATABASE benchpg" >/dev/null
  psql_xreg -d benchpg -v ON_ERROR_STOP=1 >/dev/null <<SQL
CREATE TABLE bpg_r1 (id int PRIMARY KEY, body bytea NOT NULL);
INSERT INTO bpg_r1 SELECT i, convert_to('{"pad":"' || repeat('x', $1 - 10) || '"}', 'UTF8')
  FROM generate_series(0, $RESOURCES - 1) AS i;
CREATE TABLE bpg_o3 (id int PRIMARY KEY, body bytea NOT NULL);
INSERT INTO bpg_o3 VALUES (0, convert_to('{"pad":"' || repeat('x', $2 - 10) || '"}', 'UTF8'));
VACUUM ANALYZE bpg_r1;
VACUUM ANALYZE bpg_o3;
SQL
}

oci_rows_env() {  # the settings every xreg of these rows runs with
  echo "XREG_CACHE_MAX_BYTES=0"
}

run_oci_rows() {
  local u b d o1 man mdig msize pkg code
  # dynamic scope: measure() and the runners see these
  local REPS=$REPS DURATION=$DURATION JIT_WARMUP=$JIT_WARMUP
  if [[ $MODE == smoke ]]; then REPS=1; DURATION=2; JIT_WARMUP=1; XFER_REPS=1; fi
  mkdir -p "$WORK/files"
  # R1-miss, O1, O2, O3, C1: the xRegistry node cache off (the R1-miss definition). The OCI/CNR
  # content cache (XREG_CONTENT_CACHE_MAX_BYTES) keeps its default: O3 and C1 measure the server
  # as it runs by default. A restart also drops whatever the core rows left in memory.
  restart_xreg -- $(oci_rows_env)
  u="http://127.0.0.1:$XREG_PORT"

  # O1 blob and the O3 manifest first: B-PG's O3 table needs the manifest's size
  python3 "$LIB/blobs.py" make "$WORK/files" o1 1 "$OCI_BLOB_MIB" o1 >"$WORK/o1.json"
  o1=$(python3 -c "import json; print(json.load(open('$WORK/o1.json'))['digest'])")
  log "O1: pushing a $OCI_BLOB_MIB MiB blob to $OCI_REPO"
  oci_push_blob "$OCI_REPO" "$WORK/files/o1-1.bin" "$o1"
  read -r mdig msize < <(oci_push_manifest "$OCI_REPO" latest "$o1" $((OCI_BLOB_MIB * 1048576)))
  log "O3: manifest $mdig ($msize bytes) tagged latest"
  pkg=$(python3 "$LIB/blobs.py" package "$WORK/files" "$C1_KB")
  c1_push "$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['path'])" "$pkg")"

  bpg_tables "$(size_of R1)" "$msize"
  restart_baseline BASELINE_PG_URL="postgresql://postgres:postgres@127.0.0.1:$PG_PORT/benchpg" \
    BASELINE_FILE_DIR="$WORK/files"
  b="http://127.0.0.1:$BASE_PORT"

  log "JIT warm-up of the restarted xreg: ${JIT_WARMUP}s of R1 load"
  run_wrk jit-R1-miss warmup "$u" /schemagroups/g1/schemas/ r1_get_details.lua "$JIT_WARMUP" BENCH_N="$RESOURCES" >/dev/null
  define_wrk R1-miss "$u" /schemagroups/g1/schemas/ r1_get_details.lua "$XREG_PID" BENCH_N="$RESOURCES"
  define_wrk B-PG "$b" /pg/bpg_r1/ pg_random.lua "$BASE_PID" BENCH_N="$RESOURCES"
  # the restarted baseline needs its JIT warm-up too: in the first full run (2026-12-04-oci) B-PG
  # rose from 425 to 3,440 req/s over its five reps after only the 5 s scenario warm-up
  log "JIT warm-up of the restarted baseline: ${JIT_WARMUP}s of B-PG load"
  run_wrk jit-B-PG warmup "$b" /pg/bpg_r1/ pg_random.lua "$JIT_WARMUP" BENCH_N="$RESOURCES" >/dev/null
  # PostgreSQL alone on the one statement xreg sends for R1-miss, on xreg's own database
  define_pgbench_script PG-R1-miss floor_r1_miss.sql prepared "$RESOURCES"
  measure R1-miss B-PG PG-R1-miss

  define_wrk O1 "$u" "/v2/$OCI_REPO/blobs/$o1" get_fixed.lua "$XREG_PID"
  define_wrk B-O1 "$b" /file/o1-1.bin get_fixed.lua "$BASE_PID"
  S_CONNS[O1]=$OCI_PAR; S_CONNS[B-O1]=$OCI_PAR
  measure O1 B-O1

  define_wrk O3-tag "$u" "/v2/$OCI_REPO/manifests/latest" get_fixed.lua "$XREG_PID"
  define_wrk B-PG-O3 "$b" /pg/bpg_o3/0 get_fixed.lua "$BASE_PID"
  define_wrk O3-digest "$u" "/v2/$OCI_REPO/manifests/$mdig" get_fixed.lua "$XREG_PID"
  define_wrk B-O3 "$b" "/bytes/$msize" get_fixed.lua "$BASE_PID"
  measure O3-tag B-PG-O3 O3-digest B-O3

  define_wrk C1 "$u" "/cnr/api/v1/packages/bench/c1/1.0.0/helm/pull" get_fixed.lua "$XREG_PID"
  define_wrk B-C1 "$b" "/bytes/$C1_SIZE" get_fixed.lua "$BASE_PID"
  measure C1 B-C1

  define_xfer O2 o2_push "$XREG_PID"
  define_xfer DD dd_write ""
  REPS=$XFER_REPS measure O2 DD

  run_mem_row
  run_s3_rows
}

c1_push() {  # tgz: CNR-005 push of release 1.0.0 of bench/c1, then the pulled size
  local code
  printf '{"release":"1.0.0","media_type":"helm","blob":"%s"}' "$(base64 -w0 "$1")" >"$WORK/c1-push.json"
  code=$(curl -s -o "$WORK/push.out" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    --data-binary @"$WORK/c1-push.json" "http://127.0.0.1:$XREG_PORT/cnr/api/v1/packages/bench/c1")
  [[ $code == 200 || $code == 201 ]] || die "C1: CNR push answered $code: $(head -c 300 "$WORK/push.out")"
  curl -sf -o "$WORK/c1-pulled.tgz" "http://127.0.0.1:$XREG_PORT/cnr/api/v1/packages/bench/c1/1.0.0/helm/pull" \
    || die "C1: pull after push failed"
  cmp -s "$WORK/c1-pulled.tgz" "$1" || die "C1: the pulled package differs from the pushed one"
  C1_SIZE=$(stat -c %s "$1")
  log "C1: pushed bench/c1 1.0.0 ($C1_SIZE bytes), pulled back byte for byte"
}

# MEM: a fresh xreg with -Xmx256m pushes and pulls one OCI_MEM_MIB blob; VmRSS sampled every
# 0.2 s meanwhile, and VmHWM (the process's peak RSS since start) read at the end.
run_mem_row() {
  restart_xreg -Xmx256m -- $(oci_rows_env)
  python3 "$LIB/blobs.py" make "$WORK/files" mem 1 "$OCI_MEM_MIB" mem >"$WORK/mem.json"
  local d f="$WORK/files/mem-1.bin" samples="$WORK/rss-MEM.txt" sampler t0 t1 t2 got i
  d=$(python3 -c "import json; print(json.load(open('$WORK/mem.json'))['digest'])")
  : >"$samples"
  ( for ((i = 0; i < 18000; i++)); do
      awk '/VmRSS/ {print $2}' "/proc/$XREG_PID/status" 2>/dev/null >>"$samples" || exit 0
      sleep 0.2
    done ) & sampler=$!
  log "MEM: push and pull of a $OCI_MEM_MIB MiB blob with -Xmx256m"
  t0=$(date +%s.%N)
  oci_push_blob bench/mem "$f" "$d"
  t1=$(date +%s.%N)
  got=$(curl -s -o "$WORK/mem-pulled.bin" -w '%{size_download}' --max-time 1800 \
    "http://127.0.0.1:$XREG_PORT/v2/bench/mem/blobs/$d") || die "MEM: pull failed"
  t2=$(date +%s.%N)
  cmp -s "$f" "$WORK/mem-pulled.bin" || die "MEM: the pulled blob differs"
  rm -f "$WORK/mem-pulled.bin"
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  record "$(python3 - "$samples" "$(awk '/VmHWM/ {print $2}' "/proc/$XREG_PID/status")" "$t0" "$t1" "$t2" "$got" \
    "$OCI_MEM_MIB" <<'PY'
import json, sys
path, hwm, t0, t1, t2, got, mib = sys.argv[1:]
s = [int(x) for x in open(path) if x.strip()]
print(json.dumps({"scenario": "MEM", "kind": "mem", "blob_mib": int(mib), "samples": len(s),
                  "max_rss_kb": max(s) if s else None, "vmhwm_kb": int(hwm),
                  "push_s": round(float(t1) - float(t0), 3), "pull_s": round(float(t2) - float(t1), 3),
                  "pulled_bytes": int(got)}))
PY
)"
  log "MEM: $(tail -n 1 "$WORK/runs.jsonl")"
}

# O1-S3, O2-S3 (issue 18, no target): the same rows with XREG_BLOB_STORE=s3 on s3proxy.
run_s3_rows() {
  local OCI_BLOB_MIB=$OCI_S3_MIB REPS=$((XFER_REPS < 2 ? XFER_REPS : 2)) PROFILE=0
  s3proxy_start
  restart_xreg -- $(oci_rows_env) XREG_BLOB_STORE=s3 XREG_S3_ENDPOINT="$S3_ENDPOINT" XREG_S3_BUCKET="$S3_BUCKET" \
    XREG_S3_REGION=us-east-1 XREG_S3_ACCESS_KEY="$S3_ACCESS" XREG_S3_SECRET_KEY="$S3_SECRET" \
    AWS_EC2_METADATA_DISABLED=true
  local u="http://127.0.0.1:$XREG_PORT" b="http://127.0.0.1:$BASE_PORT" d
  python3 "$LIB/blobs.py" make "$WORK/files" o1s3 1 "$OCI_BLOB_MIB" o1s3 >"$WORK/o1s3.json"
  BASE_O1S3=o1s3-1.bin
  d=$(python3 -c "import json; print(json.load(open('$WORK/o1s3.json'))['digest'])")
  log "O1-S3: pushing a $OCI_BLOB_MIB MiB blob through s3proxy"
  oci_push_blob bench/s3o1 "$WORK/files/o1s3-1.bin" "$d"
  define_wrk O1-S3 "$u" "/v2/bench/s3o1/blobs/$d" get_fixed.lua "$XREG_PID"
  # the baselines again, interleaved with the S3 rows (same background load): B-O1-2, DD-2
  define_wrk B-O1-2 "$b" "/file/$BASE_O1S3" get_fixed.lua "$BASE_PID"
  S_CONNS[O1-S3]=$OCI_PAR; S_CONNS[B-O1-2]=$OCI_PAR; S_EXTRA_PID[O1-S3]=$S3_PID
  measure O1-S3 B-O1-2
  O2_REPO=bench/s3o2
  define_xfer O2-S3 o2_push "$XREG_PID" "$S3_PID"
  define_xfer DD-2 dd_write ""
  measure O2-S3 DD-2
  stop_pid "$S3_PID" s3proxy; S3_PID=""
}
