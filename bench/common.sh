# common: what the benchmark scripts that run servers share, sourced first:
# ROOT, BIN (ALLIANCE_BIN or build/alliance), a temporary directory $tmp
# removed at exit with the server of $pid and a PostgreSQL cluster in
# $tmp/pg (tests/pg.sh) if one was started.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${ALLIANCE_BIN:-$ROOT/build/alliance}
tmp=$(mktemp -d)
chmod 755 "$tmp" # a PostgreSQL cluster there belongs to the postgres user
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  [ -d "$tmp/pg" ] && "$ROOT/tests/pg.sh" stop "$tmp/pg"
  rm -rf "$tmp"
}
trap cleanup EXIT
[ -x "$BIN" ] || { echo "build first: make build/alliance" >&2; exit 2; }
