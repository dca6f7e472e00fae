-- wrk: each request comes from a different shopper's address, as it would through
-- the shop's proxy, so per-client limits (10 searches a second) do not turn the
-- benchmark into a benchmark of error pages. Non-2xx answers are counted and printed.
local counter = 0
request = function()
  counter = counter + 1
  local a = counter % 250 + 1
  local b = math.floor(counter / 250) % 250 + 1
  wrk.headers["X-Forwarded-For"] = "10." .. b .. "." .. a .. "." .. math.random(1, 250)
  return wrk.format(nil)
end
