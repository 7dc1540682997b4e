-- R2: GET a Version's document (1 KB), random over BENCH_N document Resources.
request = function()
  return wrk.format("GET", bench_prefix .. string.format("d%04d", math.random(0, bench_n - 1)) .. "/versions/1")
end
