-- W2: POST a new Version (1 KB document) to a Resource, round-robin over BENCH_N Resources.
-- With BENCH_IF_MATCH=1 each request is conditional: If-Match: "*" on the Resource, i.e. the
-- write happens only if the Resource exists. The server reads the Resource's meta row FOR
-- UPDATE and checks that it exists; since issue 15 it no longer computes the Resource's ETag
-- for `*` (a specific tag costs two more statements), so the cost measured is that of an
-- existence-conditional write. A specific tag cannot be chained here: the 201 of a POST to a Resource carries the
-- ETag of the new Version (the representation returned), not the Resource's new ETag, so
-- re-sending it on the next POST to the Resource answers 412 (the previous harness did that;
-- seen when a Resource is hit twice in one wrk process). Any 412 counts as a status error.
local ctr = math.random(0, bench_n - 1)
local conditional = os.getenv("BENCH_IF_MATCH") == "1"
local doc = '{"type":"record","name":"Bench","doc":"' .. string.rep("x", 960) .. '"}'
request = function()
  ctr = ctr + 1
  local headers = { ["Content-Type"] = "application/json" }
  if conditional then headers["If-Match"] = "*" end
  return wrk.format("POST", bench_prefix .. rid(ctr % bench_n), headers, doc)
end
