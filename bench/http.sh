#!/usr/bin/env bash
# HTTP throughput with the demo data, signed in with a bearer token:
#   GET /api/v1/needs?limit=50 and GET /api/v1/needs/{id}/matches.
# Prints requests/s and latency percentiles (wrk). Figures, never asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${ALLIANCE_BIN:-build/alliance}
DURATION=${DURATION:-10s}
tmp=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" init --demo --db "$tmp/a.db" >/dev/null
token=$("$BIN" token create --email sales@demo.alliance.example --db "$tmp/a.db" 2>/dev/null)
"$BIN" serve --db "$tmp/a.db" --addr "127.0.0.1:$port" >"$tmp/server.log" 2>&1 &
pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
need=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/needs?status=open&limit=1" |
       python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
echo "machine: $(nproc) cores; wrk -t2 -c16 -d$DURATION; demo data"
for path in "/api/v1/needs?limit=50" "/api/v1/needs/$need/matches"; do
  echo "== GET $path"
  wrk -t2 -c16 -d"$DURATION" --latency -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path" |
    grep -E 'Requests/sec|Latency  |50%|90%|99%|Non-2xx|Socket errors'
done
