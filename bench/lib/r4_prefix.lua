-- R4-prefix: ?filter=name=<prefix>* with a random 5-digit number: "resource 12345*" matches
-- resource 12345 and resource 123450..123459 (11 of 1,000,000; fewer in a smaller Group).
request = function()
  local hi = math.max(1, math.floor((bench_n - 1) / 10))
  return wrk.format("GET", bench_prefix .. "?filter=name=resource%20" .. math.random(math.min(10000, hi), hi) .. "*")
end
