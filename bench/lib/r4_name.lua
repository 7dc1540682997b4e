-- R4-name: GET the big collection with ?filter= on the name (the default Version's), random Resource.
request = function()
  return wrk.format("GET", bench_prefix .. "?filter=name=resource%20" .. math.random(0, bench_n - 1))
end
