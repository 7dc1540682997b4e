-- R3: GET a page of 100 of the big Group at a random position: each request starts at one of the
-- cursors prepare.py collected along the collection (BENCH_CURSORS, one per line; the empty line
-- is the first page), so pages come from all over the 1,000,000 Resources, not one hot page.
local cursors = {}
for line in io.lines(os.getenv("BENCH_CURSORS")) do
  cursors[#cursors + 1] = line
end
request = function()
  local c = cursors[math.random(1, #cursors)]
  if c == "" then
    return wrk.format("GET", bench_prefix .. "?limit=100")
  end
  return wrk.format("GET", bench_prefix .. "?limit=100&cursor=" .. c)
end
