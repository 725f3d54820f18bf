#!/usr/bin/env bash
# Runs every suite of `make test` and closes with one line "N passed, N failed".
#   1. unit tests (cmocka, built with ASan + UBSan)      build/asan/tests/test_*
#   2. API and CLI tests against the real server          tests/api/*.test.mjs
#   3. the same API tests against the ASan + UBSan build
#   4. the same API tests on PostgreSQL (a throw-away cluster: tests/pg.sh)
#   5. several servers on one PostgreSQL behind nginx     tests/scale/*.test.mjs
#   6. browser tests in Debian's Chromium                 tests/browser/*.test.mjs
#   7. docs/openapi.yaml lint
#   8. crash safety: SIGKILLs under concurrent writers     tests/crash/*.test.mjs
#      (SQLite here; on PostgreSQL inside the pg suite)
#   9. fuzzing: each libFuzzer target briefly on its corpus  tests/fuzz/fuzz_*.c
# Set SUITES="unit api" (space-separated) to run a subset. The three API passes
# (api, asan, pg) share nothing (each test starts its own servers on free ports,
# pg its own cluster), so they run at the same time; the others run one by one.
set -u
cd "$(dirname "$0")/.."
SUITES=${SUITES:-"unit api asan pg scale browser openapi crash fuzz"}
log_dir=build/test-logs
mkdir -p "$log_dir"

counts=$log_dir/counts
: >"$counts"
count() { # records pass/fail counts (read back at the end: suites may run in subshells)
  echo "$2 $3" >>"$counts"
  printf '%-8s %4d passed, %d failed\n' "$1" "$2" "$3"
}

run_unit() {
  local p=0 f=0 t out
  for t in build/asan/tests/test_*; do
    [ -x "$t" ] || continue
    out=$("$t" 2>&1); local rc=$?
    echo "$out" >"$log_dir/$(basename "$t").log"
    local np nf
    np=$(echo "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
    nf=$(echo "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
    p=$((p + ${np:-0})); f=$((f + ${nf:-0}))
    if [ $rc -ne 0 ]; then
      [ -z "$nf" ] && f=$((f + 1)) # crashed before cmocka could count
      echo "$out" | grep -E 'FAILED|ERROR|Sanitizer|runtime error' | head -20
    fi
  done
  count unit "$p" "$f"
}

run_node() { # name, binary, files...
  local name=$1 bin=$2; shift 2
  ls "$@" >/dev/null 2>&1 || { count "$name" 0 0; return; }
  local out
  out=$(ALLIANCE_BIN="$PWD/$bin" node --test --test-concurrency=1 --test-reporter=tap "$@" 2>&1)
  local rc=$?
  echo "$out" >"$log_dir/$name.log"
  local np nf
  np=$(echo "$out" | sed -n 's/^# pass \([0-9]*\)/\1/p' | tail -1)
  nf=$(echo "$out" | sed -n 's/^# fail \([0-9]*\)/\1/p' | tail -1)
  [ $rc -ne 0 ] && [ "${nf:-0}" = 0 ] && nf=1
  if [ "${nf:-0}" != 0 ]; then
    echo "$out" | grep -B2 -A25 '^not ok\|^    not ok' | head -120
  fi
  count "$name" "${np:-0}" "${nf:-0}"
}

run_openapi() {
  local out
  if out=$(npx --no-install redocly lint docs/openapi.yaml 2>&1); then count openapi 1 0
  else echo "$out" | tail -40; count openapi 0 1; fi
}

fuzz_one() { # target: fuzzes FUZZ_TEST_SECONDS on the committed corpus; log and exit code in $log_dir
  local t=$1 name
  name=$(basename "$t")
  mkdir -p "build/fuzz-work/$name" "tests/fuzz/corpus/$name"
  "$t" -max_total_time="${FUZZ_TEST_SECONDS:-20}" -timeout=10 -rss_limit_mb=1024 -print_final_stats=1 \
    -artifact_prefix="build/fuzz-work/$name-" "build/fuzz-work/$name" "tests/fuzz/corpus/$name" \
    >"$log_dir/$name.log" 2>&1
  echo $? >"$log_dir/$name.rc"
}

run_fuzz() { # each target of build/fuzz, FUZZ_JOBS (2) at a time
  local p=0 f=0 t name
  for t in build/fuzz/fuzz_*; do [ -x "$t" ] && echo "$t"; done |
    xargs -r -P "${FUZZ_JOBS:-2}" -I{} bash -c "$(declare -f fuzz_one); log_dir=$log_dir; fuzz_one {}"
  for t in build/fuzz/fuzz_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    if [ "$(cat "$log_dir/$name.rc" 2>/dev/null)" = 0 ]; then p=$((p + 1))
    else f=$((f + 1)); grep -A30 'ERROR\|==ERROR\|runtime error' "$log_dir/$name.log" | head -40; fi
    rm -f "$log_dir/$name.rc"
  done
  count fuzz "$p" "$f"
}

run_suite() {
  case $s in
    unit) run_unit ;;
    api) run_node api build/alliance tests/api/*.test.mjs ;;
    asan) ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
            run_node api-asan build/asan/alliance tests/api/*.test.mjs ;;
    pg)
      pg_dir=$(mktemp -d)
      if pg_url=$(tests/pg.sh start "$pg_dir" 2>"$log_dir/pg-start.log"); then
        ALLIANCE_TEST_PG=${pg_url%/*} run_node api-pg build/alliance tests/api/*.test.mjs
        # crash safety on PostgreSQL
        ALLIANCE_TEST_PG=${pg_url%/*} run_node crash-pg build/alliance tests/crash/*.test.mjs
      else
        cat "$log_dir/pg-start.log"; count api-pg 0 1
      fi
      tests/pg.sh stop "$pg_dir"; rm -rf "$pg_dir" ;;
    scale) run_node scale build/alliance tests/scale/*.test.mjs ;;
    browser) run_node browser build/alliance tests/browser/*.test.mjs ;;
    openapi) run_openapi ;;
    crash) run_node crash build/alliance tests/crash/*.test.mjs ;;
    fuzz) run_fuzz ;;
  esac
}

parallel=() serial=()
for s in $SUITES; do
  case $s in api|asan|pg) parallel+=("$s") ;; *) serial+=("$s") ;; esac
done
pids=()
for s in "${parallel[@]}"; do
  run_suite "$s" >"$log_dir/summary-$s.txt" 2>&1 &
  pids+=($!)
done
for s in "${serial[@]}"; do run_suite "$s"; done
wait "${pids[@]}" 2>/dev/null
for s in "${parallel[@]}"; do cat "$log_dir/summary-$s.txt"; done
read -r passed failed < <(awk '{p += $1; f += $2} END {print p + 0, f + 0}' "$counts")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
