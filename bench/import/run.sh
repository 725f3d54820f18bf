#!/usr/bin/env bash
# CSV import speed: POST /api/v1/import/people.csv with ROWS rows (10,000 by
# default) on a fresh demo database, as a dry run (checked, duplicates
# looked for, rolled back) and for real (one transaction), on SQLite and,
# unless NO_PG=1, on a throw-away PostgreSQL (tests/pg.sh; fsync off there,
# as in the tests). Prints rows/s; asserts nothing.
#   bench/import/run.sh            ROWS=50000 bench/import/run.sh
. "$(dirname "$0")/../common.sh"
ROWS=${ROWS:-10000}

# A French Excel file: BOM, ';', CRLF, varied names, cities, phones and skills.
python3 - "$ROWS" >"$tmp/people.csv" <<'PY'
import random, sys
rows = int(sys.argv[1]); rnd = random.Random(42)
first = ("Awa Léa Hugo Inès Louis Chloé Mathis Zoé Nassim Yasmine Jules Emma Théo Manon Karim Sofia Lucas Jade "
         "Adam Lina Raphaël Alice Noah Rose Malik Anna Sacha Mila Ibrahim Nora").split()
syllables = "ber nar du mo ran lau che vi ta ro sel ga li pe tit fon ri ca mal do".split()
cities = "Paris Lyon Marseille Toulouse Nantes Lille Bordeaux Rennes Strasbourg Montpellier Grenoble Nice".split()
skills = "java sql kubernetes docker python react typescript aws azure terraform spring-boot postgresql".split()
out = sys.stdout
out.write("\ufeffType;Prénom;Nom;E-mail;Téléphone;Ville;Disponibilité;TJM;Compétences\r\n")
for i in range(rows):
    # family names of 2 or 3 syllables: about 8,400, so a few people share a name and a city, as in life
    f = rnd.choice(first)
    l = "".join(rnd.choice(syllables) for _ in range(rnd.choice((2, 3)))).capitalize()
    sk = " ".join(f"{s}:{rnd.randint(1, 5)}" for s in rnd.sample(skills, 3))
    out.write(f"candidate;{f};{l};{f.lower()}.{i}@example.org;+33 6 {i // 10000:02d} {i % 10000:04d} 00;"
              f"{rnd.choice(cities)};2027-0{rnd.randint(1, 9)}-1{rnd.randint(0, 9)};{rnd.randint(350, 900)};{sk}\r\n")
PY
bytes=$(wc -c <"$tmp/people.csv")

run() { # label db-url
  local label=$1 db=$2
  "$BIN" init --demo --db "$db" >/dev/null
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "$BIN" serve --db "$db" --addr "127.0.0.1:$port" >"$tmp/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  local base="http://127.0.0.1:$port"
  curl -s -c "$tmp/cookies" -H 'Content-Type: application/json' \
    -d '{"email":"recruiter@demo.alliance.example","password":"alliance-demo"}' "$base/api/v1/session" >"$tmp/session.json"
  local csrf
  csrf=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrf_token"])' "$tmp/session.json")
  for mode in dry_run=1 real; do
    local q=""; [ "$mode" = real ] || q="?$mode"
    local t
    t=$(curl -s -o "$tmp/answer.json" -w '%{time_total}' -b "$tmp/cookies" -H "X-CSRF-Token: $csrf" \
      -H 'Content-Type: text/csv' --data-binary @"$tmp/people.csv" "$base/api/v1/import/people.csv$q")
    python3 - "$tmp/answer.json" "$t" "$ROWS" "$label" "$mode" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); t = float(sys.argv[2]); rows = int(sys.argv[3])
assert a.get("valid") is True, a
print(f"  {sys.argv[4]:<11} {'dry run' if sys.argv[5] != 'real' else 'import':<8} {rows} rows in {t:6.2f} s = {rows / t:8.0f} rows/s"
      f"  (imported {a['imported']}, duplicates flagged {len(a.get('duplicates', []))})")
PY
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
}

echo "CSV import, $ROWS rows ($((bytes / 1024)) KiB), $(nproc) cores:"
run sqlite "$tmp/a.db"
if [ "${NO_PG:-0}" != 1 ]; then
  url=$("$ROOT/tests/pg.sh" start "$tmp/pg")
  run postgresql "$url"
fi
