-- R4: GET the big collection with ?filter= on the (indexed) Resource ID, random ID.
request = function()
  return wrk.format("GET", bench_prefix .. "?filter=schemaid=" .. rid(math.random(0, bench_n - 1)))
end
