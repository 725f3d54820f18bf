#!/usr/bin/env bash
# Load: the demo firm grown to 300 consultants, 20,000 candidates and 2,000
# needs (grow.py, one transaction), then wrk with mixed.lua for DURATION
# (70% reads, 20% matches, 10% writes): throughput, p50/p90/p99, errors.
#   bench/load/run.sh          60 s load            (make bench-load)
#   bench/load/run.sh --soak   10 min, the server's RSS every 10 s (make bench-soak)
# Env: ALLIANCE_BIN, DURATION (60s; soak 600s), THREADS (2), CONNECTIONS (16), NO_MATCHES=1, DB_URL
# (a PostgreSQL url to run there instead of a SQLite file). Figures, never asserted.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${ALLIANCE_BIN:-build/alliance}
SOAK=0
[ "${1:-}" = "--soak" ] && SOAK=1
DURATION=${DURATION:-$([ $SOAK = 1 ] && echo 600s || echo 60s)}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
tmp=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
db=${DB_URL:-$tmp/a.db}
sql() { if [ -n "${DB_URL:-}" ]; then psql -X -q -At "$DB_URL" -c "$1"; else sqlite3 "$db" "$1"; fi; }
apply() { if [ -n "${DB_URL:-}" ]; then psql -X -q -v ON_ERROR_STOP=1 "$DB_URL" >/dev/null; else sqlite3 "$db"; fi; }

"$BIN" init --demo --db "$db" >/dev/null
# grow to the totals, whatever the demo holds
cons=$((300 - $(sql "SELECT count(*) FROM people WHERE kind = 'consultant'")))
cand=$((20000 - $(sql "SELECT count(*) FROM people WHERE kind = 'candidate'")))
nds=$((2000 - $(sql "SELECT count(*) FROM needs")))
t0=$(date +%s.%N)
python3 bench/load/grow.py "$cons" "$cand" "$nds" | apply
printf 'data: %s consultants, %s candidates, %s needs, %s person skills (grown in %.1f s)\n' \
  "$(sql "SELECT count(*) FROM people WHERE kind = 'consultant'")" "$(sql "SELECT count(*) FROM people WHERE kind = 'candidate'")" \
  "$(sql "SELECT count(*) FROM needs")" "$(sql "SELECT count(*) FROM person_skills")" "$(echo "$(date +%s.%N) - $t0" | bc)"
# a manager reads needs, people and matches and writes people
token=$("$BIN" token create --email manager@demo.alliance.example --db "$db" 2>/dev/null)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" serve --db "$db" --addr "127.0.0.1:$port" >"$tmp/server.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
rss() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
export TOKEN=$token PEOPLE=1000001-$((1000000 + cons + cand)) NEEDS=1000001-$((1000000 + nds))
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); wrk -t$THREADS -c$CONNECTIONS -d$DURATION; $("$BIN" version)"
# one warm-up pass of each kind, so the first figures are not cold caches
wrk -t1 -c2 -d3s -s bench/load/mixed.lua "http://127.0.0.1:$port" >/dev/null
echo "rss at start: $(rss) kB"
# each kind alone, 20 sequential requests: median and slowest, to read the mix by
probe() { # label method path [body]
  local t=() i
  for i in $(seq 20); do
    t+=("$(curl -s -o /dev/null -w '%{time_total}' -X "$2" -H "Authorization: Bearer $token" \
            ${4:+-H 'Content-Type: application/json' --data "$4"} "http://127.0.0.1:$port$3")")
  done
  printf '%-34s median %7.1f ms  max %7.1f ms\n' "$1" \
    "$(printf '%s\n' "${t[@]}" | sort -n | sed -n 10p | awk '{print $1 * 1000}')" \
    "$(printf '%s\n' "${t[@]}" | sort -n | tail -1 | awk '{print $1 * 1000}')"
}
n_mid=$((1000000 + nds / 2)); p_mid=$((1000000 + (cons + cand) / 2))
probe "GET /needs?limit=50" GET "/api/v1/needs?limit=50"
probe "GET /people?limit=50" GET "/api/v1/people?limit=50"
probe "GET /people/{id}" GET "/api/v1/people/$p_mid"
probe "GET /needs/{id}" GET "/api/v1/needs/$n_mid"
probe "GET /people?q=martin" GET "/api/v1/people?q=martin&limit=20"
probe "GET /people?skill=java" GET "/api/v1/people?skill=java&limit=20"
probe "GET /needs/{id}/matches" GET "/api/v1/needs/$n_mid/matches"
probe "POST /people (3 skills)" POST "/api/v1/people" \
  '{"kind":"candidate","first_name":"Probe","last_name":"P","skills":[{"skill":"java","level":3},{"skill":"sql","level":2},{"skill":"git","level":4}]}'
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s bench/load/mixed.lua "http://127.0.0.1:$port" \
  >"$tmp/wrk.out" 2>&1 &
wrk_pid=$!
if [ $SOAK = 1 ]; then
  echo "seconds rss_kB"
  s=0
  while kill -0 $wrk_pid 2>/dev/null; do
    echo "$s $(rss)"
    sleep 10
    s=$((s + 10))
  done
fi
wait $wrk_pid
grep -E 'RESULT|Latency Distribution|^ +(50|75|90|99)%' "$tmp/wrk.out"
echo "rss at end: $(rss) kB; people now $(sql 'SELECT count(*) FROM people')"
grep -c 'alliance:' "$tmp/server.log" | sed 's/^/server log lines: /'
