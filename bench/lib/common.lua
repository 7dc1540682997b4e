-- Shared by every wrk scenario of bench/run.sh (prepended to the scenario script).
-- Parameters come from the environment (BENCH_*), so one script serves every size.
local function env_num(name, dflt)
  local v = os.getenv(name)
  if v == nil or v == "" then return dflt end
  return tonumber(v)
end
bench_n = env_num("BENCH_N", 1)
bench_prefix = os.getenv("BENCH_PREFIX") or "/"
math.randomseed(os.time() + env_num("BENCH_SEED", 0))

function rid(i) return string.format("r%07d", i) end

-- One machine-readable line per run; run.sh greps it (latencies in microseconds).
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_us":%d,"bytes":%d,"rps":%.2f,"p50_us":%d,"p90_us":%d,"p99_us":%d,' ..
    '"max_us":%d,"mean_us":%.1f,"err_connect":%d,"err_read":%d,"err_write":%d,"err_status":%d,"err_timeout":%d}\n',
    summary.requests, summary.duration, summary.bytes, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    e.connect, e.read, e.write, e.status, e.timeout))
end
