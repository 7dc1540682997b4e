-- W1: PATCH one attribute of a Resource; Resources taken round-robin from a random
-- start, so with BENCH_N >> connections no two in-flight requests touch the same Resource.
local ctr = math.random(0, bench_n - 1)
local headers = { ["Content-Type"] = "application/json" }
request = function()
  ctr = ctr + 1
  return wrk.format("PATCH", bench_prefix .. rid(ctr % bench_n) .. "$details", headers,
    '{"description":"w1 ' .. ctr .. '"}')
end
