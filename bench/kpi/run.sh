#!/usr/bin/env bash
# The KPIs over a year of a 300-consultant firm (~50,000 candidacies,
# ~500,000 events): generates the firm once per engine (kept in
# $KPI_BENCH_DIR, default /tmp/alliance-kpi-bench), then times
#   1. the computation in-process (kpi_bench time: load + 15 KPIs + previous year),
#   2. GET /api/v1/kpis for the year over HTTP (curl, the whole request).
# PostgreSQL too when KPI_BENCH_PG is a postgresql:// url of an empty database.
# Figures, never asserted.
set -euo pipefail
cd "$(dirname "$0")/../.."
make --no-print-directory build/alliance build/bench/kpi_bench >/dev/null
BIN=build/alliance
dir=${KPI_BENCH_DIR:-/tmp/alliance-kpi-bench}
mkdir -p "$dir"
echo "machine: $(nproc) cores, $(uname -sr)"

http_time() { # url-of-db label
  local db=$1 port pid
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  echo "bench-password" | "$BIN" user add --email bench@kpi.example --role manager --name Bench --db "$db" >/dev/null 2>&1 || true
  token=$("$BIN" token create --email bench@kpi.example --db "$db" 2>/dev/null)
  "$BIN" serve --db "$db" --addr "127.0.0.1:$port" >"$dir/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  from=$(date -u -d '-364 days' +%F); to=$(date -u +%F)
  for path in "/api/v1/kpis?from=$from&to=$to" "/api/v1/kpis/time_to_fill/series?interval=week&from=$from&to=$to"; do
    for i in $(seq 10); do
      curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path"
    done | sort -n | awk -v p="$path" '{a[NR]=$1} END {printf "GET %s: median %.1f ms, min %.1f ms, max %.1f ms (10 runs)\n", p, a[int((NR+1)/2)]*1000, a[1]*1000, a[NR]*1000}'
  done
  kill $pid; wait $pid 2>/dev/null || true
}

echo "== SQLite"
[ -f "$dir/firm.db" ] || build/bench/kpi_bench generate "$dir/firm.db"
echo "log: $(sqlite3 "$dir/firm.db" 'SELECT count(*) FROM events') events, $(sqlite3 "$dir/firm.db" 'SELECT count(*) FROM candidacies') candidacies, $(sqlite3 "$dir/firm.db" "SELECT count(*) FROM people WHERE kind='consultant'") consultants"
build/bench/kpi_bench time "$dir/firm.db" 20
http_time "$dir/firm.db"
if [ -n "${KPI_BENCH_PG:-}" ]; then
  echo "== PostgreSQL"
  build/bench/kpi_bench generate "$KPI_BENCH_PG"
  build/bench/kpi_bench time "$KPI_BENCH_PG" 20
  http_time "$KPI_BENCH_PG"
fi
