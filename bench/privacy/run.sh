#!/usr/bin/env bash
# Retention purge speed: `alliance purge` on a demo firm grown by PEOPLE
# candidates (2,000 by default) imported through the API, each with a CV text
# of about 2 KB in the full-text index (its file is not on disk: the CV row
# only), whose retention ended long ago (their
# dates moved back behind the API's back). Prints the dry run's and the
# purge's times, on SQLite and, unless NO_PG=1, on a throw-away PostgreSQL
# (tests/pg.sh; fsync off there, as in the tests). Asserts nothing.
#   bench/privacy/run.sh            PEOPLE=10000 bench/privacy/run.sh
. "$(dirname "$0")/../common.sh"
PEOPLE=${PEOPLE:-2000}

python3 - "$PEOPLE" >"$tmp/people.csv" <<'PY'
import sys
n = int(sys.argv[1])
print("kind,first_name,last_name,email,location")
for i in range(n):
    print(f"candidate,Prénom{i},Nom{i},p{i}@purge.example,Lyon")
PY
# About 2 KB of CV words per person (SQLite has no repeat(): a blob of 28 zeros, each replaced).
WORDS="'Développeur Java Spring Kafka Kubernetes microservices paiement banque '"

run() { # engine, database url, sql runner, CV text expression, a file hash per person
  local engine=$1 db=$2 sql=$3 CV=$4 HASH=$5
  "$BIN" init --demo --db "$db" >/dev/null
  local port; port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  ALLIANCE_PURGE_HOUR=off "$BIN" serve --db "$db" --addr "127.0.0.1:$port" --data-dir "$tmp/files-$engine" >"$tmp/serve-$engine.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  local jar="$tmp/jar-$engine"
  local csrf; csrf=$(curl -sf -c "$jar" -H 'Content-Type: application/json' \
    -d '{"email":"recruiter@demo.alliance.example","password":"alliance-demo"}' "http://127.0.0.1:$port/api/v1/session" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
  curl -sf -b "$jar" -H "X-CSRF-Token: $csrf" -F "file=@$tmp/people.csv;type=text/csv" \
    "http://127.0.0.1:$port/api/v1/import/people.csv" >/dev/null
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  $sql "UPDATE people SET created_at = '2020-01-01T00:00:00Z' WHERE email LIKE '%@purge.example';
        UPDATE legal_bases SET obtained_at = '2020-01-01T00:00:00Z' WHERE person_id IN (SELECT id FROM people WHERE email LIKE '%@purge.example');
        INSERT INTO documents (person_id, file_name, media_type, sha256, size, text, created_at)
          SELECT id, 'cv.txt', 'text/plain', $HASH, 2000, $CV, '2020-01-01T00:00:00Z' FROM people WHERE email LIKE '%@purge.example';
        UPDATE person_text SET body = body || ' ' || $CV WHERE person_id IN (SELECT id FROM people WHERE email LIKE '%@purge.example');"
  # one erasure through the API first: its compaction of the search index
  # and checkpoint run on a full index
  ALLIANCE_PURGE_HOUR=off "$BIN" serve --db "$db" --addr "127.0.0.1:$port" --data-dir "$tmp/files-$engine" >>"$tmp/serve-$engine.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  csrf=$(curl -sf -c "$jar" -H 'Content-Type: application/json' \
    -d '{"email":"manager@demo.alliance.example","password":"alliance-demo"}' "http://127.0.0.1:$port/api/v1/session" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
  local one; one=$(curl -sf -b "$jar" "http://127.0.0.1:$port/api/v1/people?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
  local ms; ms=$(curl -sf -o /dev/null -w '%{time_total}' -b "$jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
    -d '{"reason":"bench"}' "http://127.0.0.1:$port/api/v1/people/$one/erase")
  echo "$engine: one POST /erase among $PEOPLE people with CV text: $(python3 -c "print(round($ms * 1000))") ms"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  local t0 t1
  t0=$(date +%s%N)
  local listed; listed=$("$BIN" purge --dry-run --db "$db")
  listed=${listed%%$'\n'*} # the first line: the count
  t1=$(date +%s%N)
  echo "$engine: $listed ($(( (t1 - t0) / 1000000 )) ms for the dry run)"
  echo "$engine: $("$BIN" purge --db "$db" --data-dir "$tmp/files-$engine")"
}

sqlite_sql() { sqlite3 "$tmp/a.db" "$1"; }
run sqlite "$tmp/a.db" sqlite_sql "replace(hex(zeroblob(28)), '00', $WORDS)" "printf('%064d', id)"
ls -l "$tmp/a.db" | awk '{print "sqlite: file after the purge " $5 " bytes"}'

if [ "${NO_PG:-0}" != 1 ]; then
  url=$("$ROOT/tests/pg.sh" start "$tmp/pg")
  pg_sql() { psql -X -q -v ON_ERROR_STOP=1 "${url%/*}/bench" -c "$1" >/dev/null; }
  psql -X -q "$url" -c 'CREATE DATABASE bench' >/dev/null
  run postgresql "${url%/*}/bench" pg_sql "repeat($WORDS, 28)" "lpad(id::text, 64, '0')"
fi
