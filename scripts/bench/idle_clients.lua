-- wrk: idle clients, as browsers' badges are. Each connection asks, waits a while,
-- and asks again: IDLE_GAP_MS on average (uniform between half and one and a half
-- of it), so 1,000 connections with a 190 ms gap offer about 5,260 polls a second. wrk
-- times each answer from the moment its request is written, so the wait is not
-- counted in the latency. All connections ask at once when they open; the run is
-- long enough (30 s by default) that this first burst stays under 1 % of requests.
local gap = tonumber(os.getenv("IDLE_GAP_MS") or "200")
function delay()
  return math.random(math.floor(gap / 2), math.floor(gap * 3 / 2))
end
