#!/usr/bin/env bash
# Mail delivery figures (bench/mail.mjs) on SQLite, then on a throw-away
# PostgreSQL cluster (tests/pg.sh). Figures, never asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
export ALLIANCE_BIN=${ALLIANCE_BIN:-$PWD/build/alliance}
node bench/mail.mjs
pg_dir=$(mktemp -d)
trap 'tests/pg.sh stop "$pg_dir"; rm -rf "$pg_dir"' EXIT
url=$(tests/pg.sh start "$pg_dir")
ALLIANCE_TEST_PG=${url%/*} node bench/mail.mjs
