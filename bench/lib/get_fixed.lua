-- Baselines and single-URL reads: GET BENCH_PREFIX as is.
request = function() return wrk.format("GET", bench_prefix) end
