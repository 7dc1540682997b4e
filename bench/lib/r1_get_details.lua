-- R1: GET one Resource's $details, uniformly random over BENCH_N seeded Resources.
request = function()
  return wrk.format("GET", bench_prefix .. rid(math.random(0, bench_n - 1)) .. "$details")
end
