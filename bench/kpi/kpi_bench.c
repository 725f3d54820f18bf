/* kpi_bench: the time to compute every KPI over a year of events for a
 * firm of 300 consultants (~50,000 candidacies, ~500,000 events).
 *
 *   kpi_bench generate DB   writes the firm through the store (every event
 *                           by store_event_add, so the candidacy rows are
 *                           folded as in production)
 *   kpi_bench time DB [N]   N runs (default 20) of what GET /api/v1/kpis
 *                           does for the year: load the inputs of the year
 *                           and the year before (store_kpi_load), compute
 *                           the 15 KPIs and their previous values
 *   kpi_bench rebuild DB    time to rebuild the candidacy rows from the log
 *
 * DB is a SQLite file or a postgresql:// url. Prints figures, asserts none. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "domain/kpi.h"
#include "lib/arena.h"
#include "lib/paris_time.h"
#include "lib/timeutil.h"
#include "store/candidacies.h"
#include "store/db.h"
#include "store/events.h"
#include "store/kpis.h"
#include "store/needs.h"
#include "store/people.h"
#include "store/schema.h"

enum { CONSULTANTS = 300, CANDIDATES = 20000, NEEDS = 2000, PER_NEED = 25, DEALS = 3000, SURVEYS = 1500, NOISE = 175000 };

static unsigned g_seed = 42;
static int rnd(int n) {
    g_seed = g_seed * 1103515245u + 12345u;
    return (int)((g_seed >> 16) % (unsigned)n);
}

static time_t g_now;
static long long g_events;

static int event(Db *db, time_t t, const char *type, const char *otype, long long id, EventRefs refs,
                 const char *before, const char *after) {
    char at[21];
    if (t > g_now) t = g_now;
    time_iso(t, at);
    Event e = {.at = at, .actor_id = -1, .type = type, .object_type = otype, .object_id = id, .refs = refs,
               .before = before, .after = after};
    g_events++;
    return store_event_add(db, &e, NULL) == STORE_OK ? 0 : -1;
}

static const char *const STAGES[] = {"sourced", "contacted", "interview", "client_interview", "offer", "hired"};
static const char *const SKILLS[] = {"java", "python", "javascript", "typescript", "react", "angular", "sql",
                                     "docker", "kubernetes", "aws", "azure", "spring-boot", "kafka", "linux"};

static int generate(Db *db) {
    Arena a = {0};
    if (db_begin_write(db) != DB_OK) return -1;
    long long *people = malloc(sizeof *people * (CONSULTANTS + CANDIDATES));
    for (int i = 0; i < CONSULTANTS + CANDIDATES; i++) {
        Person p = {.kind = i < CONSULTANTS ? "consultant" : "candidate", .first_name = "Prénom", .last_name = "Nom",
                    .daily_rate = -1, .nskills = 3};
        PersonSkill s[3];
        for (int k = 0; k < 3; k++) s[k] = (PersonSkill){SKILLS[(i + k * 5) % 14], 1 + rnd(5), -1};
        p.skills = s;
        if (store_person_insert(db, &a, &p) != STORE_OK) return -1;
        people[i] = p.id;
        if (i % 5000 == 0) arena_free(&a);
    }
    char before[64], after[96];
    for (int n = 0; n < NEEDS; n++) {
        int opened = 365 - n * 365 / NEEDS; /* days ago */
        time_t t0 = g_now - (time_t)opened * 86400;
        char start[11];
        paris_day_text(paris_day(t0) + 30, start);
        Need nd = {.title = "Besoin", .status = n % 5 == 0 ? "closed" : opened > 40 ? "staffed" : "open",
                   .remote = "partial", .location = "Paris", .client_id = -1, .start_date = start,
                   .duration_days = 60 + rnd(120), .daily_rate_max = -1, .nskills = 2};
        Requirement req[2] = {{SKILLS[n % 14], 3, 3, true}, {SKILLS[(n + 3) % 14], 2, 2, false}};
        nd.skills = req;
        if (store_need_insert(db, &a, &nd, -1) != STORE_OK) return -1;
        EventRefs nr = {1 + n % 40, nd.id, -1};
        if (event(db, t0 - 3 * 86400, "need.created", "need", nd.id, nr, NULL, "{\"status\":\"draft\"}") ||
            event(db, t0 - 2 * 86400, "need.status", "need", nd.id, nr, "{\"status\":\"draft\"}", "{\"status\":\"qualified\"}") ||
            event(db, t0, "need.status", "need", nd.id, nr, "{\"status\":\"qualified\"}", "{\"status\":\"open\"}"))
            return -1;
        int hired = rnd(PER_NEED);
        for (int j = 0; j < PER_NEED; j++) {
            int who = j == hired && rnd(3) == 0 ? rnd(CONSULTANTS) : CONSULTANTS + (n * PER_NEED + j) % CANDIDATES;
            int top = j == hired && strcmp(nd.status, "staffed") == 0 ? 5 : rnd(5);
            Candidacy c = {.person_id = people[who], .need_id = nd.id, .stage = top == 5 ? "hired" : "rejected",
                           .reason = top == 5 ? NULL : "Profil"};
            if (store_candidacy_insert(db, &a, &c) != STORE_OK) continue; /* the same consultant twice: skip */
            EventRefs cr = {nr.client_id, nd.id, c.person_id};
            time_t t = t0 + (time_t)rnd(5 * 86400);
            snprintf(after, sizeof after, "{\"reason\":null,\"stage\":\"sourced\"}");
            if (event(db, t, "candidacy.created", "candidacy", c.id, cr, NULL, after)) return -1;
            /* two messages to the candidate (the e-mail feature's answers) */
            for (int m = 0; m < 2; m++)
                if (event(db, t + (time_t)(m + 1) * (3600 + rnd(2 * 86400)), "candidate.message", "candidacy", c.id,
                          cr, NULL, m ? "{\"first_answer\":false,\"interview_id\":null,\"kind\":\"message\"}"
                                      : "{\"first_answer\":true,\"interview_id\":null,\"kind\":\"message\"}"))
                    return -1;
            for (int s = 1; s <= top; s++) {
                t += 86400 + rnd(4 * 86400);
                snprintf(before, sizeof before, "{\"stage\":\"%s\"}", STAGES[s - 1]);
                snprintf(after, sizeof after, "{\"reason\":null,\"stage\":\"%s\"}", STAGES[s]);
                if (event(db, t, "candidacy.stage", "candidacy", c.id, cr, before, after)) return -1;
            }
            if (top < 5) {
                t += 86400 + rnd(3 * 86400);
                snprintf(before, sizeof before, "{\"stage\":\"%s\"}", STAGES[top]);
                if (event(db, t, "candidacy.stage", "candidacy", c.id, cr, before,
                          "{\"reason\":\"Profil\",\"stage\":\"rejected\"}"))
                    return -1;
            } else if (event(db, t + 3600, "need.status", "need", nd.id, nr, "{\"status\":\"open\"}",
                             "{\"status\":\"staffed\"}")) {
                return -1;
            }
        }
        if (!strcmp(nd.status, "closed") &&
            event(db, t0 + 40 * 86400, "need.status", "need", nd.id, nr, "{\"status\":\"open\"}", "{\"status\":\"closed\"}"))
            return -1;
        arena_free(&a);
    }
    for (int d = 0; d < DEALS; d++) {
        time_t t = g_now - (time_t)(365 - d * 365 / DEALS) * 86400;
        EventRefs r = {1 + d % 40, -1, -1};
        long long amount = 1000000LL * (5 + rnd(50));
        snprintf(after, sizeof after, "{\"amount\":%lld,\"stage\":\"proposal\"}", amount);
        if (event(db, t, "deal.created", "deal", 100000 + d, r, NULL, after) ||
            event(db, t + 86400, "review.requested", "deal", 100000 + d, r, NULL, after) ||
            event(db, t + 3 * 86400, "review.created", "deal", 100000 + d, r, NULL,
                  rnd(10) ? "{\"effort_days\":20,\"review_id\":1,\"verdict\":\"go\"}"
                          : "{\"effort_days\":20,\"review_id\":1,\"verdict\":\"no_go\"}"))
            return -1;
        char won[96];
        snprintf(won, sizeof won, "{\"amount\":%lld,\"stage\":\"%s\"}", amount, rnd(3) ? "won" : "lost");
        if (event(db, t + 20 * 86400, "deal.stage", "deal", 100000 + d, r, after, won)) return -1;
    }
    for (int s = 0; s < SURVEYS; s++) {
        time_t t = g_now - (time_t)(365 - s * 365 / SURVEYS) * 86400;
        snprintf(after, sizeof after, "{\"score\":%d}", rnd(11));
        if (event(db, t, "survey.answered", "survey", 200000 + s, (EventRefs){1 + s % 40, -1, -1}, NULL, after))
            return -1;
    }
    /* changes the KPIs do not read: the log holds them too */
    for (int i = 0; i < NOISE; i++) {
        time_t t = g_now - (time_t)rnd(365 * 86400);
        if (event(db, t, i % 2 ? "person.updated" : "need.updated", i % 2 ? "person" : "need", 1 + rnd(10000),
                  (EventRefs){-1, -1, -1}, NULL, "{\"kind\":\"candidate\"}"))
            return -1;
    }
    free(people);
    arena_free(&a);
    db_reset_all(db);
    return db_commit(db) == DB_OK ? 0 : -1;
}

static int cmp_ll(const void *x, const void *y) {
    long long a = *(const long long *)x, b = *(const long long *)y;
    return a < b ? -1 : a > b;
}

static int timing(Db *db, int runs) {
    long today = paris_day(g_now), from = today - 364, to = today + 1, len = to - from;
    char f[21], t[21];
    time_iso(paris_day_start(from - len), f);
    time_iso(paris_day_start(to), t);
    long long *load = malloc(sizeof *load * (size_t)runs), *total = malloc(sizeof *total * (size_t)runs);
    KpiInput in = {0};
    for (int r = 0; r < runs; r++) {
        Arena a = {0};
        long long t0 = time_monotonic_us();
        if (db_begin_read(db) != DB_OK || store_kpi_load(db, &a, f, t, -1, &in) != STORE_OK) return -1;
        db_commit(db);
        long long t1 = time_monotonic_us();
        KpiValue v, prev;
        for (int k = 0; k < KPI_COUNT; k++) {
            kpi_compute(&in, (KpiId)k, paris_day_start(from), paris_day_start(to), &v);
            kpi_compute(&in, (KpiId)k, paris_day_start(from - len), paris_day_start(from), &prev);
            if (r == runs - 1)
                printf("  %-20s %12.2f %-8s events %7lld  count %6lld\n", KPIS[k].name, v.has_value ? v.value : -1,
                       KPIS[k].unit, v.events, v.count);
        }
        long long t2 = time_monotonic_us();
        load[r] = t1 - t0;
        total[r] = t2 - t0;
        if (r < runs - 1) arena_free(&a);
        else {
            printf("inputs: %d facts, %d candidacy rows, %d consultants, %d missions\n", in.nfacts, in.ncands,
                   in.nconsultants, in.nmissions);
            arena_free(&a);
        }
    }
    qsort(load, (size_t)runs, sizeof *load, cmp_ll);
    qsort(total, (size_t)runs, sizeof *total, cmp_ll);
    printf("all 15 KPIs + previous year, %d runs: median %.1f ms (load %.1f ms, compute %.1f ms), min %.1f ms, max %.1f ms\n",
           runs, total[runs / 2] / 1000.0, load[runs / 2] / 1000.0, (total[runs / 2] - load[runs / 2]) / 1000.0,
           total[0] / 1000.0, total[runs - 1] / 1000.0);
    free(load);
    free(total);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: kpi_bench generate|time|rebuild DB [RUNS]\n");
        return 2;
    }
    g_now = time(NULL);
    db_configure(argv[2]);
    Db *db = db_thread();
    if (!db || schema_migrate(db)) {
        fprintf(stderr, "kpi_bench: cannot open %s\n", argv[2]);
        return 1;
    }
    int rc = 0;
    if (!strcmp(argv[1], "generate")) {
        long long t0 = time_monotonic_us();
        rc = generate(db);
        printf("generated %lld events in %.1f s (%s)\n", g_events, (time_monotonic_us() - t0) / 1e6, db_engine_name(db));
    } else if (!strcmp(argv[1], "time")) {
        rc = timing(db, argc > 3 ? atoi(argv[3]) : 20);
    } else if (!strcmp(argv[1], "rebuild")) {
        long long t0 = time_monotonic_us();
        rc = db_begin_write(db) != DB_OK || store_kpi_rebuild(db) != STORE_OK || db_commit(db) != DB_OK;
        printf("rebuilt the candidacy rows from the whole log in %.1f s\n", (time_monotonic_us() - t0) / 1e6);
    } else {
        rc = 2;
    }
    db_thread_close();
    return rc ? 1 : 0;
}
