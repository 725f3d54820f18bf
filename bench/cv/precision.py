#!/usr/bin/env python3
"""Precision and recall of the skills Alliance proposes from CV text, on the
30 CVs of annotated/ whose skills were listed by hand in annotations.tsv.

How the annotations were made: each CV was written for this set (French and
English, with traps such as "C'est", "R&D", "let's go", "Chef de projet",
"I excel at", "Spring 2022"), then its skills were listed by reading it, as a
recruiter would: every technology, method, tool, human language and business
domain the CV says the person has used, mapped to the most specific id of
data/skills.tsv. Skills the reference does not hold are written in a third
column and left out of the counts (the reader cannot propose them). The
annotations were written before running the reader on the CVs, and not
changed after.

usage: precision.py ALLIANCE_BINARY
"""
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
binary = sys.argv[1] if len(sys.argv) > 1 else 'build/alliance'
rows = [l.rstrip('\n').split('\t') for l in open(os.path.join(here, 'annotations.tsv'), encoding='utf-8')][1:]
texts = [open(os.path.join(here, 'annotated', r[0]), encoding='utf-8').read() for r in rows]
out = subprocess.run([binary, 'skills-find', '--split'], input='\f'.join(texts), capture_output=True, text=True, check=True)
found = out.stdout.split('\n')[:len(rows)]
tp = fp = fn = 0
false_pos, false_neg = [], []
for r, line in zip(rows, found):
    truth = set(r[1].split(',')) if r[1] else set()
    got = set(line.split(',')) if line else set()
    tp += len(truth & got)
    fp += len(got - truth)
    fn += len(truth - got)
    false_pos += [f'{r[0]}:{s}' for s in sorted(got - truth)]
    false_neg += [f'{r[0]}:{s}' for s in sorted(truth - got)]
outside = sum(len([x for x in r[2].split('; ') if x]) for r in rows if len(r) > 2)
p = tp / (tp + fp) if tp + fp else 0
rc = tp / (tp + fn) if tp + fn else 0
print(f'{len(rows)} CVs, {tp + fn} annotated skills in the reference ({outside} more outside it, not counted)')
print(f'proposed {tp + fp}: {tp} right, {fp} wrong, {fn} missed')
print(f'precision {p:.3f}  recall {rc:.3f}  F1 {2 * p * rc / (p + rc) if p + rc else 0:.3f}')
print('wrong proposals:', ' '.join(false_pos) or '-')
print('missed:', ' '.join(false_neg) or '-')
