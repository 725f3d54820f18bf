#!/usr/bin/env python3
"""grow: SQL that grows a demo firm to load-test size, on stdout, in one
transaction: CONSULTANTS consultants, CANDIDATES candidates (4-8 skills
each) and NEEDS needs (3-6 required skills). Deterministic (seeded), ASCII
names so the search column is the folded text the server would write.
Portable SQL: pipe it into sqlite3 FILE or psql URL.
Usage: grow.py [CONSULTANTS CANDIDATES NEEDS] (default 300 20000 2000)."""
import random
import sys

consultants, candidates, needs = (int(a) for a in (sys.argv[1:4] if len(sys.argv) >= 4 else (300, 20000, 2000)))
rng = random.Random(20261201)

# skill ids from the reference shipped in the binary
with open(__file__.rsplit('/', 3)[0] + '/data/skills.tsv', encoding='utf-8') as f:
    next(f)
    skills = [line.split('\t')[0] for line in f if line.strip()]
common = skills[:]  # a long tail, with a hot head most people share
hot = [s for s in ('java', 'python', 'sql', 'docker', 'kubernetes', 'react', 'linux', 'postgresql', 'git', 'kafka',
                   'javascript', 'typescript', 'spring', 'angular', 'aws', 'azure') if s in skills]

FIRST = ['awa', 'louis', 'chloe', 'hugo', 'ines', 'jules', 'lina', 'noah', 'emma', 'adam', 'lea', 'mael', 'zoe',
         'nathan', 'sarah', 'yanis', 'manon', 'lucas', 'camille', 'tom', 'jade', 'leo', 'alice', 'rayan']
LAST = ['martin', 'bernard', 'dubois', 'thomas', 'robert', 'richard', 'petit', 'durand', 'leroy', 'moreau', 'simon',
        'laurent', 'lefebvre', 'michel', 'garcia', 'david', 'bertrand', 'roux', 'vincent', 'fournier', 'diallo', 'nguyen']
CITIES = ['Paris', 'Lyon', 'Nantes', 'Lille', 'Toulouse', 'Bordeaux', 'Rennes', 'Marseille']
NOW = '2026-12-01T00:00:00Z'


def q(s):
    return "'" + s.replace("'", "''") + "'"


def pick_skills(k):
    chosen = set()
    while len(chosen) < k:
        chosen.add(rng.choice(hot) if rng.random() < 0.6 else rng.choice(common))
    return sorted(chosen)


out = sys.stdout
out.write('BEGIN;\n')
base = 1_000_000  # ids far above the demo's, so both sets coexist
pid = base
for i in range(consultants + candidates):
    pid += 1
    kind = 'consultant' if i < consultants else 'candidate'
    first, last = rng.choice(FIRST), f'{rng.choice(LAST)}{i}'
    email = f'{first}.{last}@load.example'
    rate = rng.randrange(350, 1100, 10)
    search = f'{first} {last} {last} {first} {email}'
    out.write(f"INSERT INTO people (id, kind, first_name, last_name, email, location, daily_rate, search, created_at, "
              f"updated_at) VALUES ({pid}, '{kind}', {q(first)}, {q(last)}, {q(email)}, {q(rng.choice(CITIES))}, "
              f"{rate}, {q(search)}, '{NOW}', '{NOW}');\n")
    rows = ', '.join(f"({pid}, {q(s)}, {rng.randint(1, 5)}, {rng.randint(0, 15)})" for s in pick_skills(rng.randint(4, 8)))
    out.write(f'INSERT INTO person_skills (person_id, skill, level, years) VALUES {rows};\n')
nid = base
for i in range(needs):
    nid += 1
    title = f'{rng.choice(hot)} developer {i}'
    status = rng.choice(['open', 'open', 'open', 'qualified', 'draft'])
    out.write(f"INSERT INTO needs (id, title, client_id, status, location, remote, duration_days, daily_rate_max, search, "
              f"created_at, updated_at) VALUES ({nid}, {q(title)}, {rng.randint(1, 6)}, '{status}', "
              f"{q(rng.choice(CITIES))}, 'partial', {rng.randint(20, 300)}, {rng.randrange(500, 1200, 50)}, {q(title)}, "
              f"'{NOW}', '{NOW}');\n")
    rows = ', '.join(f"({nid}, {p}, {q(s)}, {rng.randint(1, 5)}, {rng.randint(1, 5)}, {1 if p == 0 else 0})"
                     for p, s in enumerate(pick_skills(rng.randint(3, 6))))
    out.write(f'INSERT INTO need_skills (need_id, position, skill, min_level, weight, mandatory) VALUES {rows};\n')
out.write('COMMIT;\n')
