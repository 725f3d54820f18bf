#!/bin/sh
# Matching engine speed: index build, bytes per profile, top-20 latency for
# needs of 3, 8 and 15 skills with and without mandatory skills (one
# thread), update cost, and the same scoring in SQL on SQLite (ratio).
# Prints figures, asserts nothing. Sizes default to 10k, 100k and 1M;
# BENCH_SQL=0 skips the SQL baseline (it takes minutes at 1M).
#   bench/match/run.sh [SIZE...]
set -e
cd "$(dirname "$0")/../.."
make --no-print-directory build/bench-match >/dev/null
exec build/bench-match "$@"
