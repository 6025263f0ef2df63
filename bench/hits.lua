-- wrk script: view beacons from distinct browsers (a unique user agent per
-- request), so every request must be counted exactly once.
local threads = {}
local next_id = 1

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local counter = 0
local article = os.getenv("ARTICLE") or "1"
local body = '{"article_id": ' .. article .. ', "referrer": "https://www.google.com/"}'

function request()
  counter = counter + 1
  local ua = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131."
    .. tid .. "." .. counter .. " Safari/537.36"
  return wrk.format("POST", "/api/v1/hits", { ["User-Agent"] = ua, ["Content-Type"] = "text/plain" }, body)
end

ok = 0
function response(status)
  if status == 204 then ok = ok + 1 end
end

function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("ok") end
  io.write(string.format("beacons answered 204: %d\n", total))
end
