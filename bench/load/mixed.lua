-- mixed.lua: the wrk workload of bench/load/run.sh, with a bearer token (TOKEN):
--   70% reads:   needs and people lists, a need, a person, name and skill searches
--   20% matches: GET /api/v1/needs/{id}/matches on the grown needs
--   10% writes:  POST /api/v1/people with three skills (one new row each)
-- Env: TOKEN, PEOPLE ("first-last" id range), NEEDS ("first-last"); NO_MATCHES=1 turns the
-- matches into reads of a need (to see what the rest costs without them).
local token = os.getenv("TOKEN") or error("TOKEN must be set")
local function range(name)
  local a, b = string.match(os.getenv(name) or "", "^(%d+)-(%d+)$")
  if not a then error(name .. " must be first-last") end
  return tonumber(a), tonumber(b)
end
local p1, p2 = range("PEOPLE")
local n1, n2 = range("NEEDS")

local counter = 1
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end

local get_headers, post_headers
local n = 0
local SKILLS = { "java", "python", "sql", "docker", "react", "kafka", "linux", "git" }
local NAMES = { "martin", "diallo", "nguyen", "chloe", "hugo", "garcia" }
function init(args)
  tid = tid or 0
  math.randomseed(os.time() + tid * 7919)
  get_headers = { ["Authorization"] = "Bearer " .. token }
  post_headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json; charset=utf-8" }
end

local function get(path) return wrk.format("GET", path, get_headers) end

function request()
  local r = math.random(100)
  if r <= 14 then return get("/api/v1/needs?limit=50")
  elseif r <= 28 then return get("/api/v1/people?limit=50")
  elseif r <= 42 then return get("/api/v1/people/" .. math.random(p1, p2))
  elseif r <= 56 then return get("/api/v1/needs/" .. math.random(n1, n2))
  elseif r <= 63 then return get("/api/v1/people?q=" .. NAMES[math.random(#NAMES)] .. "&limit=20")
  elseif r <= 70 then return get("/api/v1/people?skill=" .. SKILLS[math.random(#SKILLS)] .. "&limit=20")
  elseif r <= 90 and os.getenv("NO_MATCHES") == "1" then return get("/api/v1/needs/" .. math.random(n1, n2))
  elseif r <= 90 then return get("/api/v1/needs/" .. math.random(n1, n2) .. "/matches")
  else
    n = n + 1
    local a, b, c = math.random(#SKILLS), math.random(#SKILLS), math.random(#SKILLS)
    if b == a then b = a % #SKILLS + 1 end
    while c == a or c == b do c = c % #SKILLS + 1 end
    local body = string.format('{"kind":"candidate","first_name":"Load","last_name":"T%d-%d-%d","skills":[' ..
      '{"skill":"%s","level":3},{"skill":"%s","level":4},{"skill":"%s","level":2}]}',
      tid, n, math.random(1000000000), SKILLS[a], SKILLS[b], SKILLS[c])
    return wrk.format("POST", "/api/v1/people", post_headers, body)
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT req/s=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.1f requests=%d non2xx=%d socket_errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.requests, e.status,
    e.connect + e.read + e.write + e.timeout))
end
