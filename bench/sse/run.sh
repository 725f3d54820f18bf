#!/usr/bin/env bash
# Server-sent events: how many streams one server holds (HOLD, default
# 10000) and the server's memory per stream (VmRSS), then the delay from a
# post to its arrival on DELAY_CLIENTS (default 1000) streams, p50/p99 over
# POSTS (default 50) posts. SQLite, demo data, one bearer token, loopback.
# Prints figures, never asserts. ALLIANCE_BIN (default build/alliance).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=$(realpath "${ALLIANCE_BIN:-build/alliance}")
HOLD=${HOLD:-10000}
DELAY_CLIENTS=${DELAY_CLIENTS:-1000}
POSTS=${POSTS:-50}
tmp=$(mktemp -d /tmp/alliance-bench-sse.XXXXXX)
pid=""
cleanup() { [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null; [ -n "$pid" ] && wait "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
cc -O2 -std=c11 -Wall -Wextra -o "$tmp/sse_bench" bench/sse/sse_bench.c
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" init --demo --db "$tmp/a.db" >/dev/null
token=$("$BIN" token create --email tech@demo.alliance.example --db "$tmp/a.db" 2>/dev/null)
ulimit -n "$(ulimit -Hn)"
start() {
  "$BIN" serve --db "$tmp/a.db" --addr "127.0.0.1:$port" >>"$tmp/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && return; sleep 0.05; done
  echo "the server did not start" >&2; exit 1
}
stop() { kill -TERM "$pid"; wait "$pid" || true; pid=""; }
echo "machine: $(nproc) cores, $(free -m | awk '/Mem:/{print $2}') MiB; descriptors: $(ulimit -n)"
start
echo "== $HOLD streams held by one server"
"$tmp/sse_bench" hold "$port" "$token" "$HOLD" "$pid" || echo "(not every stream opened)"
curl -s "http://127.0.0.1:$port/metrics" | grep '^alliance_sse_open_streams'
echo "server threads: $(awk '/^Threads:/{print $2}' /proc/$pid/status)"
stop
start
channel=$(curl -sf -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"name":"Banc d essai"}' "http://127.0.0.1:$port/api/v1/channels" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
echo "== delay from a post to its delivery, $DELAY_CLIENTS streams, $POSTS posts (one every 50 ms)"
"$tmp/sse_bench" delay "$port" "$token" "$DELAY_CLIENTS" "$channel" "$POSTS"
stop
