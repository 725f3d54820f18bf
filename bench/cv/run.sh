#!/usr/bin/env bash
# CV reading figures (issue 6). Prints:
#   1. PDF text extraction time per page: `alliance cv-extract` (the very
#      child process the server starts for each CV, with its limits) on
#      generated PDFs of 1, 20 and 100 pages, best of 5 runs; the cost per
#      page is the slope between 1 and 100 pages, the start-up cost apart;
#   2. skills proposed per second on 1,000 CVs: `alliance skills-find
#      --split` (domain/skill_finder.c, what the server runs on each CV's
#      text) on 1,000 texts made from the 30 annotated CVs (names, line order
#      and casing varied);
#   3. precision and recall on the 30 hand-annotated CVs (precision.py).
# usage: bench/cv/run.sh [ALLIANCE_BINARY]   (default build/alliance)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(realpath "${1:-build/alliance}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

best_ms() { # best wall time of 5 runs of: $bin cv-extract < $1
  python3 - "$bin" "$1" <<'PY'
import subprocess, sys, time
best = None
for _ in range(5):
    with open(sys.argv[2], 'rb') as f:
        t = time.perf_counter()
        out = subprocess.run([sys.argv[1], 'cv-extract'], stdin=f, capture_output=True, check=True).stdout
        dt = (time.perf_counter() - t) * 1000
    assert out.startswith(b'ok '), out[:40]
    best = dt if best is None or dt < best else best
print(f'{best:.1f}')
PY
}

echo "== PDF extraction (alliance cv-extract, best of 5)"
declare -A ms
for pages in 1 20 100; do
  python3 "$here/../../tests/fixtures/make_cvs.py" --pages "$pages" "$tmp/p$pages.pdf"
  ms[$pages]=$(best_ms "$tmp/p$pages.pdf")
  printf '%4d pages  %8.1f ms  (%s bytes)\n' "$pages" "${ms[$pages]}" "$(stat -c %s "$tmp/p$pages.pdf")"
done
python3 -c "print(f'per page: {(${ms[100]} - ${ms[1]}) / 99:.2f} ms; fixed cost (child start, poppler init): {${ms[1]} - (${ms[100]} - ${ms[1]}) / 99:.1f} ms')"
python3 "$here/../../tests/fixtures/make_cvs.py" "$tmp/fx" >/dev/null
for f in cv_fr.docx cv_fr.odt cv_fr.txt; do printf '%-12s %8.1f ms\n' "$f" "$(best_ms "$tmp/fx/$f")"; done

echo "== skills proposed from 1,000 CVs (alliance skills-find --split)"
python3 - "$here" > "$tmp/thousand.txt" <<'PY'
import os, random, sys
here = sys.argv[1]
random.seed(6)
texts = [open(os.path.join(here, 'annotated', f), encoding='utf-8').read() for f in sorted(os.listdir(os.path.join(here, 'annotated')))]
names = ['Awa Diallo', 'Jean Dupont', 'Mei Lin', 'Olga Ivanova', 'Pedro Alves', 'Zoé Marchand']
out = []
for i in range(1000):
    lines = texts[i % len(texts)].split('\n')
    head, body = lines[:1], lines[1:]
    random.shuffle(body)
    if i % 3 == 0:
        body = [l.upper() if random.random() < 0.2 else l for l in body]
    out.append('\n'.join([random.choice(names)] + head[1:] + body) * (1 + i % 4))  # 1 to 4 times as long
sys.stdout.write('\f'.join(out))
PY
printf '%s bytes of text\n' "$(stat -c %s "$tmp/thousand.txt")"
for run in 1 2 3; do "$bin" skills-find --split < "$tmp/thousand.txt" 2>&1 >/dev/null; done

echo "== precision and recall on 30 hand-annotated CVs"
python3 "$here/precision.py" "$bin"
