-- mixed.lua: wrk script for bench/scale/run.sh. A mix of
--   ~70% GET /api/v1/needs?limit=50
--   ~20% GET /api/v1/needs/{id}/matches   (id drawn from NEED_IDS)
--   ~10% POST /api/v1/people               (a real write: one new row each)
-- with a bearer token (TOKEN). Env: TOKEN, NEED_IDS ("3,5,8").
local token = os.getenv("TOKEN") or error("TOKEN must be set")
local needs = {}
for id in string.gmatch(os.getenv("NEED_IDS") or "", "%d+") do needs[#needs + 1] = id end
if #needs == 0 then error("NEED_IDS must list need ids") end

local counter = 1
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end

local n = 0
local get_headers, post_headers
function init(args)
  tid = tid or 0  -- set by setup() in each thread's state
  math.randomseed(os.time() + tid * 7919)
  get_headers = { ["Authorization"] = "Bearer " .. token }
  post_headers = { ["Authorization"] = "Bearer " .. token,
                   ["Content-Type"] = "application/json; charset=utf-8" }
end

function request()
  local r = math.random(100)
  if r <= 70 then
    return wrk.format("GET", "/api/v1/needs?limit=50", get_headers)
  elseif r <= 90 then
    return wrk.format("GET", "/api/v1/needs/" .. needs[math.random(#needs)] .. "/matches", get_headers)
  else
    n = n + 1
    local body = string.format('{"kind":"candidate","first_name":"Bench","last_name":"T%s-%d-%d"}',
                               tostring(tid), n, math.random(1000000000))
    return wrk.format("POST", "/api/v1/people", post_headers, body)
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT req/s=%.0f p50_ms=%.2f p99_ms=%.2f requests=%d non2xx=%d socket_errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
