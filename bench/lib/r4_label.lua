-- R4-label: ?filter=labels.k=<v>, v random in 0..99: each value is the label of 1% of the Group.
request = function()
  return wrk.format("GET", bench_prefix .. "?filter=labels.k=" .. math.random(0, 99))
end
