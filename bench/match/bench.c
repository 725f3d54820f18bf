/* bench/match: speed of the matching engine on synthetic profiles, against
 * the same scoring written in SQL on SQLite. Prints figures; asserts none.
 *
 *   build/bench-match [SIZE...]      (default 10000 100000 1000000)
 *
 * Profiles: skill popularity follows a Zipf law (exponent 1) over the
 * reference's skills in a shuffled order, 5 to 25 skills each, levels
 * skewed to 2-4 (1: 5 %, 2: 25 %, 3: 35 %, 4: 25 %, 5: 10 %), years unknown
 * for 30 %, else 0-15; 8 cities, an availability date for 60 %, a rate for
 * 80 %. Needs draw their skills from the same law (popular skills are asked
 * for most: the hard case), levels 2-4, weights 1-5, a start date, a city
 * with partial remote and a maximum rate; "with mandatory" marks a third of
 * the skills (at least one) mandatory. */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "domain/implied.h"
#include "domain/skills.h"
#include "lib/embedded.h"
#include "lib/timeutil.h"
#include "match/index.h"
#include "match/rank.h"

static uint64_t g_rng = 88172645463325252ULL;
static uint64_t rnd64(void) { /* xorshift64 */
    g_rng ^= g_rng << 13;
    g_rng ^= g_rng >> 7;
    g_rng ^= g_rng << 17;
    return g_rng;
}
static double rnd01(void) { return (double)(rnd64() >> 11) / 9007199254740992.0; }
static int rnd_int(int lo, int hi) { return lo + (int)(rnd64() % (uint64_t)(hi - lo + 1)); }

static int g_nskills;
static int *g_order;   /* popularity rank -> skill index */
static double *g_cdf;  /* Zipf cumulative distribution over ranks */

static void zipf_init(void) {
    g_nskills = (int)skills_count();
    g_order = malloc((size_t)g_nskills * sizeof *g_order);
    g_cdf = malloc((size_t)g_nskills * sizeof *g_cdf);
    for (int i = 0; i < g_nskills; i++) g_order[i] = i;
    for (int i = g_nskills - 1; i > 0; i--) {
        int j = (int)(rnd64() % (uint64_t)(i + 1)), t = g_order[i];
        g_order[i] = g_order[j];
        g_order[j] = t;
    }
    double s = 0;
    for (int i = 0; i < g_nskills; i++) g_cdf[i] = (s += 1.0 / (i + 1));
    for (int i = 0; i < g_nskills; i++) g_cdf[i] /= s;
}

static int zipf_skill(void) {
    double u = rnd01();
    int lo = 0, hi = g_nskills - 1;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (g_cdf[mid] < u) lo = mid + 1;
        else hi = mid;
    }
    return g_order[lo];
}

/* k distinct skills by popularity. */
static int draw_skills(int k, int *out) {
    int n = 0, tries = 0;
    while (n < k && tries++ < 100 * k) {
        int s = zipf_skill();
        bool dup = false;
        for (int i = 0; i < n; i++) dup |= out[i] == s;
        if (!dup) out[n++] = s;
    }
    return n;
}

static int skewed_level(void) {
    double u = rnd01();
    return u < 0.05 ? 1 : u < 0.30 ? 2 : u < 0.65 ? 3 : u < 0.90 ? 4 : 5;
}

static const char *const CITIES[] = {"Paris", "Lyon", "Nantes", "Lille", "Toulouse", "Bordeaux", "Rennes", "Marseille"};
static char g_dates[120][11];

static void make_person(long long id, Person *p, PersonSkill *buf) {
    int ids[25];
    int k = draw_skills(rnd_int(5, 25), ids);
    for (int i = 0; i < k; i++)
        buf[i] = (PersonSkill){skills_at((size_t)ids[i])->id, skewed_level(), rnd01() < 0.3 ? -1 : rnd_int(0, 15)};
    *p = (Person){.id = id, .kind = rnd01() < 0.7 ? "candidate" : "consultant", .first_name = "Awa", .last_name = "Diallo",
                  .location = CITIES[rnd_int(0, 7)], .available_from = rnd01() < 0.6 ? g_dates[rnd_int(0, 119)] : NULL,
                  .daily_rate = rnd01() < 0.8 ? rnd_int(400, 900) : -1, .skills = buf, .nskills = k};
}

static void make_need(Need *n, Requirement *r, int k, bool mandatory) {
    int ids[15];
    k = draw_skills(k, ids);
    int nm = mandatory ? (k + 2) / 3 : 0;
    for (int i = 0; i < k; i++) r[i] = (Requirement){skills_at((size_t)ids[i])->id, rnd_int(2, 4), rnd_int(1, 5), i < nm};
    *n = (Need){.id = 1, .title = "bench", .remote = "partial", .location = CITIES[rnd_int(0, 7)],
                .start_date = g_dates[60], .daily_rate_max = 650, .client_id = -1, .duration_days = -1,
                .skills = r, .nskills = k};
}

/* CPU time of this thread: a query's own cost, without the time the
 * machine gave to other processes (this one has two cores, often shared). */
static long long thread_cpu_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (long long)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

static int cmp_ll(const void *a, const void *b) {
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}
static long long pct(long long *v, int n, double p) {
    qsort(v, (size_t)n, sizeof *v, cmp_ll);
    int i = (int)ceil(p * n) - 1;
    return v[i < 0 ? 0 : i >= n ? n - 1 : i];
}

/* Single-threaded sequential read bandwidth (bytes per microsecond = MB/s). */
static double read_bandwidth(void) {
    size_t n = (size_t)256 << 20;
    uint64_t *v = malloc(n);
    memset(v, 1, n);
    long long t0 = time_monotonic_us();
    uint64_t s = 0;
    for (int r = 0; r < 4; r++)
        for (size_t i = 0; i < n / 8; i++) s += v[i];
    long long dt = time_monotonic_us() - t0;
    free(v);
    if (s == 42) puts("");
    return 4.0 * (double)n / (double)dt;
}

/* --- the SQL baseline ----------------------------------------------------- */

static sqlite3 *sql_build(Person *people, int n, double *secs) {
    sqlite3 *db;
    sqlite3_open(":memory:", &db);
    sqlite3_exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                     "CREATE TABLE people (id INTEGER PRIMARY KEY, avail INTEGER, loc INTEGER, rate INTEGER);"
                     "CREATE TABLE person_skills (person_id INTEGER, skill INTEGER, level INTEGER, years INTEGER);"
                     "CREATE TEMP TABLE req (skill INTEGER, req INTEGER, factor REAL, implies INTEGER, min_level INTEGER,"
                     " skill_pts REAL, exp_pts REAL, mandatory INTEGER);",
                 NULL, NULL, NULL);
    long long t0 = time_monotonic_us();
    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    sqlite3_stmt *p, *s;
    sqlite3_prepare_v2(db, "INSERT INTO people VALUES (?, ?, ?, ?)", -1, &p, NULL);
    sqlite3_prepare_v2(db, "INSERT INTO person_skills VALUES (?, ?, ?, ?)", -1, &s, NULL);
    for (int i = 0; i < n; i++) {
        PersonTerms t = score_person_terms(&people[i]);
        sqlite3_bind_int64(p, 1, people[i].id);
        sqlite3_bind_int64(p, 2, t.available_day);
        sqlite3_bind_int64(p, 3, (sqlite3_int64)(t.location >> 1));
        sqlite3_bind_int64(p, 4, t.rate);
        sqlite3_step(p);
        sqlite3_reset(p);
        for (int k = 0; k < people[i].nskills; k++) {
            sqlite3_bind_int64(s, 1, people[i].id);
            sqlite3_bind_int(s, 2, skills_index(skills_get(people[i].skills[k].skill)));
            sqlite3_bind_int(s, 3, people[i].skills[k].level);
            sqlite3_bind_int(s, 4, people[i].skills[k].years);
            sqlite3_step(s);
            sqlite3_reset(s);
        }
    }
    sqlite3_finalize(p);
    sqlite3_finalize(s);
    sqlite3_exec(db, "COMMIT; CREATE INDEX ps_skill ON person_skills (skill, person_id, level, years); ANALYZE;",
                 NULL, NULL, NULL);
    *secs = (double)(time_monotonic_us() - t0) / 1e6;
    return db;
}

/* The engine's score in SQL: per requirement the best source (the sources
 * of implied skills expanded in temp.req), summed, mandatory counted, plus
 * availability, location and rate; ordered as the engine orders. */
static const char *SQL_RANK =
    "WITH ev AS (SELECT ps.person_id, r.req, r.mandatory,"
    "  MAX(r.factor * (r.skill_pts * MIN(ps.level, r.min_level) * 1.0 / r.min_level"
    "   + r.exp_pts * CASE WHEN ps.years < 0 THEN 0.5 WHEN ps.years >= 5 THEN 1.0 ELSE ps.years / 5.0 END)) AS pts,"
    "  MAX(r.implies AND ps.level >= r.min_level) AS meets"
    "  FROM temp.req r JOIN person_skills ps ON ps.skill = r.skill GROUP BY ps.person_id, r.req),"
    " sc AS (SELECT person_id, SUM(pts) AS pts, SUM(mandatory * meets) AS met FROM ev GROUP BY person_id)"
    " SELECT sc.person_id, sc.met = ?1 AS ok, ROUND(sc.pts"
    "  + ?2 * CASE WHEN p.avail < 0 OR p.avail <= ?3 THEN 1.0 WHEN p.avail - ?3 >= 60 THEN 0.0 ELSE 1.0 - (p.avail - ?3) / 60.0 END"
    "  + ?4 * CASE WHEN p.loc = ?5 THEN 1.0 ELSE 0.5 END"
    "  + ?6 * CASE WHEN p.rate < 0 THEN 0.5 WHEN p.rate <= ?7 THEN 1.0 WHEN p.rate >= ?7 * 1.2 THEN 0.0"
    "   ELSE 1.0 - (p.rate - ?7) / (0.2 * ?7) END, 1) AS score"
    " FROM sc JOIN people p ON p.id = sc.person_id ORDER BY ok DESC, score DESC, sc.person_id LIMIT 20";

static long long sql_query(sqlite3 *db, const Need *n) {
    Scorer sc;
    scorer_init(&sc, n);
    sqlite3_exec(db, "DELETE FROM temp.req", NULL, NULL, NULL);
    sqlite3_stmt *ins;
    sqlite3_prepare_v2(db, "INSERT INTO temp.req VALUES (?, ?, ?, ?, ?, ?, ?, ?)", -1, &ins, NULL);
    int nm = 0;
    for (int i = 0; i < sc.nreqs; i++) {
        const SkillSource *src;
        int k = implied_sources(skills_index(skills_get(n->skills[i].skill)), &src);
        nm += n->skills[i].mandatory;
        for (int j = 0; j < k; j++) {
            sqlite3_bind_int(ins, 1, src[j].skill);
            sqlite3_bind_int(ins, 2, i);
            sqlite3_bind_double(ins, 3, src[j].factor);
            sqlite3_bind_int(ins, 4, src[j].implies);
            sqlite3_bind_int(ins, 5, n->skills[i].min_level);
            sqlite3_bind_double(ins, 6, sc.req_skill[i]);
            sqlite3_bind_double(ins, 7, sc.req_exp[i]);
            sqlite3_bind_int(ins, 8, n->skills[i].mandatory);
            sqlite3_step(ins);
            sqlite3_reset(ins);
        }
    }
    sqlite3_finalize(ins);
    static sqlite3_stmt *q;
    static sqlite3 *qdb;
    if (qdb != db) {
        if (q) sqlite3_finalize(q);
        sqlite3_prepare_v2(db, SQL_RANK, -1, &q, NULL);
        qdb = db;
    }
    sqlite3_bind_int(q, 1, nm);
    sqlite3_bind_double(q, 2, sc.weight[FACTOR_AVAILABILITY]);
    sqlite3_bind_int64(q, 3, sc.start_day);
    sqlite3_bind_double(q, 4, sc.weight[FACTOR_LOCATION]);
    sqlite3_bind_int64(q, 5, (sqlite3_int64)(sc.location >> 1));
    sqlite3_bind_double(q, 6, sc.weight[FACTOR_RATE]);
    sqlite3_bind_int64(q, 7, sc.rate_max);
    long long first = -1;
    while (sqlite3_step(q) == SQLITE_ROW)
        if (first < 0) first = sqlite3_column_int64(q, 0);
    sqlite3_reset(q);
    return first;
}

static void run(int size, double bandwidth) {
    printf("\n== %d profiles ==\n", size);
    Person *people = malloc((size_t)size * sizeof *people);
    PersonSkill *pool = malloc((size_t)size * 25 * sizeof *pool);
    long skills = 0;
    for (int i = 0; i < size; i++) {
        make_person(i + 1, &people[i], pool + (size_t)i * 25);
        skills += people[i].nskills;
    }
    MatchIndex *ix = match_index_new();
    long long t0 = time_monotonic_us();
    for (int i = 0; i < size; i++) match_index_put(ix, &people[i]);
    double build = (double)(time_monotonic_us() - t0) / 1e6;
    size_t bytes = match_index_bytes(ix);
    printf("index build %.2f s, %zu bytes = %.0f bytes per profile, %.1f per person-skill (%.1f skills per profile)\n",
           build, bytes, (double)bytes / size, (double)bytes / (double)skills, (double)skills / size);

    /* BENCH_SQL=0 skips the SQL baseline (engine figures only) */
    bool with_sql = !getenv("BENCH_SQL") || strcmp(getenv("BENCH_SQL"), "0") != 0;
    double sql_build_s = 0;
    sqlite3 *db = with_sql ? sql_build(people, size, &sql_build_s) : NULL;
    if (with_sql) printf("SQLite baseline: load and index %.1f s\n", sql_build_s);

    int queries = size >= 1000000 ? 100 : 300;
    int sql_queries = !with_sql ? 0 : size >= 1000000 ? 1 : size >= 100000 ? 5 : 40;
    printf("%-18s %9s %9s %9s %10s %8s %10s %10s %8s %8s\n", "need (top 20)", "p50 us", "p99 us", "cpu p99", "MB touched",
           "GB/s", "SQL p50 ms", "ratio p50", "agree", "bitsets");
    static const int SIZES[] = {3, 8, 15};
    for (int si = 0; si < 3; si++)
        for (int mand = 0; mand <= 1; mand++) {
            long long *lat = malloc((size_t)queries * sizeof *lat), *cpu = malloc((size_t)queries * sizeof *cpu),
                      *slat = malloc((size_t)(sql_queries + 1) * sizeof *slat);
            double touched = 0;
            int agree = 0, by_bitsets = 0;
            uint64_t saved = g_rng;
            for (int q = 0; q < queries; q++) {
                Requirement r[15];
                Need n;
                make_need(&n, r, SIZES[si], mand);
                Arena a = {0};
                MatchQuery mq = {.limit = 20};
                MatchResult res;
                long long s0 = time_monotonic_us(), c0 = thread_cpu_us();
                match_rank(ix, &a, &n, &mq, &res);
                lat[q] = time_monotonic_us() - s0;
                cpu[q] = thread_cpu_us() - c0;
                touched += (double)res.entries * 4;
                by_bitsets += res.path == MATCH_BITSETS;
                if (getenv("BENCH_TRACE")) fprintf(stderr, "%d %d %lld\n", SIZES[si], res.path, lat[q]);
                arena_free(&a);
            }
            g_rng = saved; /* the SQL runs the first needs of the same series */
            for (int q = 0; q < sql_queries; q++) {
                Requirement r[15];
                Need n;
                make_need(&n, r, SIZES[si], mand);
                long long s0 = time_monotonic_us();
                long long first = sql_query(db, &n);
                slat[q] = time_monotonic_us() - s0;
                Arena a = {0};
                MatchQuery mq = {.limit = 1};
                MatchResult res;
                match_rank(ix, &a, &n, &mq, &res);
                agree += res.n && res.hits[0].person.id == first;
                arena_free(&a);
            }
            long long c99 = pct(cpu, queries, 0.99);
            long long p50 = pct(lat, queries, 0.5), p99 = pct(lat, queries, 0.99),
                      s50 = sql_queries ? pct(slat, sql_queries, 0.5) : 0;
            double mb = touched / queries / 1e6;
            char label[32];
            snprintf(label, sizeof label, "%d skills%s", SIZES[si], mand ? " +mand" : "");
            printf("%-18s %9lld %9lld %9lld %10.2f %8.2f %10.1f %9.0fx %5d/%d %5d/%d\n", label, p50, p99, c99, mb,
                   p50 ? mb * 1e6 / (double)p50 / 1e3 : 0, (double)s50 / 1e3, p50 ? (double)s50 / (double)p50 : 0, agree,
                   sql_queries, by_bitsets, queries);
            free(lat);
            free(cpu);
            free(slat);
        }
    /* update cost: edit (a new slot, the old one dead) and delete */
    int edits = 10000;
    long long *ul = malloc((size_t)edits * sizeof *ul);
    PersonSkill buf[25];
    for (int e = 0; e < edits; e++) {
        Person p;
        make_person(rnd_int(1, size), &p, buf);
        long long s0 = time_monotonic_us();
        match_index_put(ix, &p);
        ul[e] = time_monotonic_us() - s0;
    }
    double mean = 0;
    for (int e = 0; e < edits; e++) mean += (double)ul[e];
    long long u50 = pct(ul, edits, 0.5), u99 = pct(ul, edits, 0.99), umax = ul[edits - 1]; /* sorted by pct */
    printf("update of one person: mean %.2f us, p50 %lld us, p99 %lld us, max %lld us (the max includes a compaction when one ran)\n",
           mean / edits, u50, u99, umax);
    long long s0 = time_monotonic_us();
    match_index_compact(ix);
    printf("compaction (all slots): %.1f ms\n", (double)(time_monotonic_us() - s0) / 1e3);
    printf("single-thread read bandwidth of this machine: %.1f GB/s\n", bandwidth / 1e3);
    free(ul);
    if (db) sqlite3_close(db);
    match_index_free(ix);
    free(pool);
    free(people);
}

int main(int argc, char **argv) {
    const EmbeddedFile *s = embedded_find("data/skills.tsv"), *a = embedded_find("data/aliases.tsv");
    if (!s || !a || skills_load((const char *)s->data, s->len, (const char *)a->data, a->len)) return 1;
    for (int d = 0; d < 120; d++) {
        char iso[21];
        time_iso((time_t)(1798761600 + (long long)d * 86400), iso); /* from 2027-01-01 */
        memcpy(g_dates[d], iso, 10);
        g_dates[d][10] = '\0';
    }
    zipf_init();
    double bw = read_bandwidth();
    printf("skills in the reference: %d; popularity: Zipf (s = 1)\n", g_nskills);
    int sizes[8] = {10000, 100000, 1000000}, ns = 3;
    if (argc > 1) {
        ns = 0;
        for (int i = 1; i < argc && ns < 8; i++) sizes[ns++] = atoi(argv[i]);
    }
    for (int i = 0; i < ns; i++) run(sizes[i], bw);
    skills_unload();
    return 0;
}
