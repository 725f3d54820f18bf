#!/usr/bin/env bash
# Scale benchmark: a mixed load (bench/scale/mixed.lua: ~70% needs list,
# ~20% matches, ~10% POST /api/v1/people, bearer token) against
#   (a) SQLite, one server; (b) PostgreSQL, one server;
#   (c) PostgreSQL, two servers behind nginx (round robin);
# then the time for a change on one server to show in the other's matches
# (bench/scale/propagation.mjs, 50 samples). Prints figures, never asserts.
# Starts and stops everything itself, loopback only. DURATION (default 10s),
# THREADS (2), CONNECTIONS (16), SAMPLES (50), ALLIANCE_BIN (build/alliance).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BIN=$(realpath "${ALLIANCE_BIN:-build/alliance}")
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
SAMPLES=${SAMPLES:-50}
NGINX=${NGINX_BIN:-/usr/sbin/nginx}
tmp=$(mktemp -d /tmp/alliance-bench-scale.XXXXXX)
chmod 755 "$tmp"   # the cluster's owner (postgres, when root) must reach it
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -d "$tmp/pg" ] && "$ROOT/tests/pg.sh" stop "$tmp/pg"
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_healthy() {
  for _ in $(seq 200); do curl -sf "http://127.0.0.1:$1/healthz" >/dev/null && return 0; sleep 0.05; done
  echo "nothing answers /healthz on port $1" >&2; exit 1
}
# serve DB: starts a server, sets $port (not in a subshell: its pid goes to pids)
serve() {
  port=$(free_port)
  "$BIN" serve --db "$1" --addr "127.0.0.1:$port" >>"$tmp/serve-$port.log" 2>&1 &
  pids+=($!)
  wait_healthy "$port"
}
stop_all() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  pids=()
}
need_ids() {
  curl -sf -H "Authorization: Bearer $2" "http://127.0.0.1:$1/api/v1/needs?limit=200" |
    python3 -c 'import json,sys; print(",".join(str(n["id"]) for n in json.load(sys.stdin)["items"] if n.get("skills")))'
}
count_people() { # db-url-or-file
  case $1 in
    postgresql://*) psql -X -At "$1" -c 'SELECT count(*) FROM people' ;;
    *) sqlite3 "$1" 'SELECT count(*) FROM people' ;;
  esac
}
# load LABEL PORT TOKEN DB
load() {
  local before after ids out
  ids=$(need_ids "$2" "$3")
  before=0; [ -n "$4" ] && before=$(count_people "$4")
  out=$(TOKEN=$3 NEED_IDS=$ids wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s bench/scale/mixed.lua \
        "http://127.0.0.1:$2" 2>&1)
  local res; res=$(grep '^RESULT' <<<"$out" | sed 's/^RESULT //')
  [ -n "$res" ] || { echo "$out" >&2; exit 1; }
  if [ -n "$4" ]; then
    after=$(count_people "$4")
    printf '%-32s %s people_created=%d\n' "$1" "$res" "$((after - before))"
  else
    printf '%-32s %s\n' "$1" "$res"
  fi
}

echo "machine: $(nproc) cores; wrk -t$THREADS -c$CONNECTIONS -d$DURATION -s bench/scale/mixed.lua; demo data;"
echo "mix: 70% GET needs?limit=50, 20% GET needs/{id}/matches, 10% POST people (bearer token)"

# (a) SQLite, one server
"$BIN" init --demo --db "$tmp/a.db" >/dev/null 2>&1
tok=$("$BIN" token create --email manager@demo.alliance.example --db "$tmp/a.db" 2>/dev/null)
serve "$tmp/a.db"
load "(a) SQLite, 1 server" "$port" "$tok" "$tmp/a.db"
stop_all

# (b) PostgreSQL, one server
url=$("$ROOT/tests/pg.sh" start "$tmp/pg")
"$BIN" init --demo --db "$url" >/dev/null 2>&1
tok=$("$BIN" token create --email manager@demo.alliance.example --db "$url" 2>/dev/null)
serve "$url"
load "(b) PostgreSQL, 1 server" "$port" "$tok" "$url"
stop_all

# (c) PostgreSQL, two servers behind nginx (a fresh database in the same cluster)
psql -X -q "$url" -c 'CREATE DATABASE alliance2' >/dev/null
url2=${url%/*}/alliance2
"$BIN" init --demo --db "$url2" >/dev/null 2>&1
tok=$("$BIN" token create --email manager@demo.alliance.example --db "$url2" 2>/dev/null)
serve "$url2"; pa=$port
serve "$url2"; pb=$port
np=$(free_port)
mkdir -p "$tmp/nginx-tmp"
{
  [ "$(id -u)" = 0 ] && echo 'user root;'
  cat <<CONF
daemon off;
worker_processes 2;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $tmp/nginx-tmp/body;
  proxy_temp_path $tmp/nginx-tmp/proxy;
  fastcgi_temp_path $tmp/nginx-tmp/fastcgi;
  uwsgi_temp_path $tmp/nginx-tmp/uwsgi;
  scgi_temp_path $tmp/nginx-tmp/scgi;
  upstream alliance {
    server 127.0.0.1:$pa max_fails=1 fail_timeout=2s;
    server 127.0.0.1:$pb max_fails=1 fail_timeout=2s;
    keepalive 32;
  }
  server {
    listen 127.0.0.1:$np;
    location / {
      proxy_pass http://alliance;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_next_upstream error timeout http_502 http_503 non_idempotent;
      proxy_next_upstream_tries 2;
      proxy_connect_timeout 1s;
    }
  }
}
CONF
} >"$tmp/nginx.conf"
"$NGINX" -p "$tmp" -e "$tmp/nginx-error.log" -c "$tmp/nginx.conf" &
pids+=($!)
wait_healthy "$np"
load "(c) PostgreSQL, 2 servers+nginx" "$np" "$tok" "$url2"
# direct, for comparison: the same two servers without nginx, one wrk each
echo "    (c') same two servers, one wrk per server, no nginx (half the connections each):"
before=$(count_people "$url2")
CONNECTIONS=$((CONNECTIONS / 2)) THREADS=1 load "      server A" "$pa" "$tok" "" &
w1=$!
CONNECTIONS=$((CONNECTIONS / 2)) THREADS=1 load "      server B" "$pb" "$tok" "" &
w2=$!
wait $w1 $w2
echo "      people created by both: $(($(count_people "$url2") - before))"

# propagation: change on A, seen in B's matches
node bench/scale/propagation.mjs "http://127.0.0.1:$pa" "http://127.0.0.1:$pb" "$tok" "$SAMPLES"
stop_all
