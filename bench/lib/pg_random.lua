-- B-PG: GET BENCH_PREFIX<id>, id uniformly random over 0 .. BENCH_N-1 (the baseline's table rows).
request = function()
  return wrk.format("GET", bench_prefix .. math.random(0, bench_n - 1))
end
