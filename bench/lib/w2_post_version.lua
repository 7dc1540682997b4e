-- W2: POST a new Version (1 KB document) to a Resource, round-robin over BENCH_N Resources.
-- With BENCH_IF_MATCH=1 each request is conditional: If-Match carries the ETag the previous
-- response for that Resource returned ("*" before the first one, which still makes the
-- request conditional on the Resource existing). A wrong ETag shows up as a 412 in the
-- status errors that run.sh reports.
local ctr = math.random(0, bench_n - 1)
local conditional = os.getenv("BENCH_IF_MATCH") == "1"
local etags = {}
local doc = '{"type":"record","name":"Bench","doc":"' .. string.rep("x", 960) .. '"}'
request = function()
  ctr = ctr + 1
  local id = rid(ctr % bench_n)
  local headers = { ["Content-Type"] = "application/json" }
  if conditional then headers["If-Match"] = etags[id] or "*" end
  return wrk.format("POST", bench_prefix .. id, headers, doc)
end
response = function(status, headers, body)
  if not conditional then return end
  local etag, xid
  for k, v in pairs(headers) do
    local lk = string.lower(k)
    if lk == "etag" then etag = v elseif lk == "xregistry-xid" or (lk == "location" and xid == nil) then xid = v end
  end
  if xid ~= nil then
    local id = string.match(xid, "/schemas/(r%d+)")
    if id ~= nil then etags[id] = etag end
  end
end
