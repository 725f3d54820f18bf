#!/usr/bin/env bash
# What deleting a post costs on SQLite as the posts pile up: the request
# erases the text, then (after its COMMIT) rewrites the full-text index
# without the deleted words and truncates the write-ahead log, so the words
# leave the files (store/scrub.h). Prints the time of one DELETE next to
# that of one POST, for each number of posts. Figures, never asserted.
#   bench/post_delete.sh [N ...]      (default: 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${ALLIANCE_BIN:-$PWD/build/alliance}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
printf '%10s %12s %12s\n' posts post_s delete_s
for n in "${sizes[@]}"; do
  dir=$(mktemp -d)
  "$BIN" init --demo --db "$dir/a.db" >/dev/null 2>&1
  # n posts of 30 words each in one channel, through the same triggers as the server's
  python3 - "$dir/a.db" "$n" <<'PY'
import random, sqlite3, string, sys
db = sqlite3.connect(sys.argv[1])
random.seed(7)
words = [''.join(random.choice(string.ascii_lowercase) for _ in range(random.randint(3, 10))) for _ in range(20000)]
channel = db.execute("SELECT id FROM channels ORDER BY id LIMIT 1").fetchone()[0]
rows = []
for i in range(int(sys.argv[2])):
    body = ' '.join(random.choice(words) for _ in range(30))
    rows.append((channel, body, '<p>' + body + '</p>', body))
db.executemany("INSERT INTO posts (channel_id, body, html, search, created_at, updated_at) "
               "VALUES (?, ?, ?, ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')", rows)
db.commit()
PY
  "$BIN" serve --db "$dir/a.db" --addr "127.0.0.1:$port" --data-dir "$dir/files" >"$dir/serve.log" 2>&1 &
  pid=$!
  until curl -sf "$base/healthz" >/dev/null; do sleep 0.1; done
  csrf=$(curl -s -c "$dir/jar" -H 'Content-Type: application/json' \
    -d '{"email":"recruiter@demo.alliance.example","password":"alliance-demo"}' "$base/api/v1/session" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
  channel=$(python3 -c "import sqlite3; print(sqlite3.connect('$dir/a.db').execute('SELECT id FROM channels ORDER BY id LIMIT 1').fetchone()[0])")
  created=$(curl -s -b "$dir/jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
    -w '\n%{time_total}' -d '{"body":"Un message à effacer"}' "$base/api/v1/channels/$channel/posts")
  post=$(head -1 <<<"$created" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  post_s=$(tail -1 <<<"$created")
  delete_s=$(curl -s -o /dev/null -b "$dir/jar" -H "X-CSRF-Token: $csrf" -X DELETE -w '%{time_total}' "$base/api/v1/posts/$post")
  printf '%10s %12s %12s\n' "$n" "$post_s" "$delete_s"
  kill "$pid"
  wait "$pid" || true
  rm -rf "$dir"
done
