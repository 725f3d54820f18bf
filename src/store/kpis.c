/* store/kpis: the inputs of the KPIs (see kpis.h). */
#include "kpis.h"
#include <stdio.h>
#include <string.h>
#include "../lib/paris_time.h"
#include "../lib/timeutil.h"
#include "events.h"
#include "settings.h"

static void bind_time(DbStmt *st, int idx, time_t t) {
    if (!t) {
        db_bind_null(st, idx);
        return;
    }
    char iso[21];
    time_iso(t, iso);
    db_bind_text(st, idx, iso);
}

static time_t col_time(DbStmt *st, int col) {
    const char *s = db_col_text(st, col);
    time_t t = s ? kpi_parse_at(s) : -1;
    return t < 0 ? 0 : t;
}

#define CAND_COLS "candidacy_id, need_id, client_id, person_id, created_at, first_answer_at, hired_at, stage_rank, events"

static void read_cand(DbStmt *st, KpiCandidacy *c) {
    c->id = db_col_int(st, 0);
    c->need_id = store_opt_int(st, 1);
    c->client_id = store_opt_int(st, 2);
    c->person_id = store_opt_int(st, 3);
    c->created_at = col_time(st, 4);
    c->first_answer_at = col_time(st, 5);
    c->hired_at = col_time(st, 6);
    c->rank = (int)db_col_int(st, 7);
    c->events = (int)db_col_int(st, 8);
}

/* The row e concerns: by candidacy id, or by need and person for answers
 * sent from elsewhere (a message, an interview). STORE_NOT_FOUND: none. */
static StoreResult find_row(Db *db, const Event *e, KpiCandidacy *c) {
    bool own = e->object_type && strcmp(e->object_type, "candidacy") == 0;
    DbStmt *st;
    if (own) {
        st = db_prepare(db, "SELECT " CAND_COLS " FROM kpi_candidacies WHERE candidacy_id = $1");
        if (!st) return STORE_ERROR;
        db_bind_int(st, 1, e->object_id);
    } else {
        st = db_prepare(db, "SELECT " CAND_COLS " FROM kpi_candidacies WHERE need_id = $1 AND person_id = $2");
        if (!st) return STORE_ERROR;
        db_bind_int(st, 1, e->refs.need_id);
        db_bind_int(st, 2, e->refs.person_id);
    }
    DbStatus r = db_step(st);
    if (r == DB_ROW) read_cand(st, c);
    db_reset_all(db);
    if (r == DB_ROW) return STORE_OK;
    return r == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
}

/* The parsed states of a fact event, keyed by the event. */
static StoreResult add_fact(Db *db, const Event *e, long long event_id) {
    KpiFact f;
    if (!kpi_fact_from_event(e, &f)) return STORE_OK;
    DbStmt *st = db_prepare(db, "INSERT INTO kpi_facts (event_id, kind, at, object_id, client_id, need_id, state, "
                                "from_state, num) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, event_id);
    db_bind_int(st, 2, f.type);
    db_bind_text(st, 3, e->at);
    db_bind_int(st, 4, f.object_id);
    store_bind_opt_int(st, 5, f.client_id);
    store_bind_opt_int(st, 6, f.need_id);
    db_bind_text(st, 7, f.state);
    db_bind_text(st, 8, f.from);
    db_bind_int(st, 9, f.num);
    return store_result(db_run(st));
}

StoreResult store_kpi_project(Db *db, const Event *e, long long event_id) {
    if (!kpi_is_candidacy_event(e)) return add_fact(db, e, event_id);
    KpiCandidacy c;
    StoreResult r = find_row(db, e, &c);
    if (r == STORE_ERROR) return r;
    if (r == STORE_NOT_FOUND) {
        c = kpi_candidacy_new(e);
        if (c.id < 0) return STORE_OK; /* an answer to no known candidacy */
    }
    kpi_candidacy_apply(&c, e);
    DbStmt *st = db_prepare(db, "INSERT INTO kpi_candidacies (" CAND_COLS ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                                "ON CONFLICT (candidacy_id) DO UPDATE SET need_id = excluded.need_id, "
                                "client_id = excluded.client_id, person_id = excluded.person_id, "
                                "created_at = excluded.created_at, first_answer_at = excluded.first_answer_at, "
                                "hired_at = excluded.hired_at, stage_rank = excluded.stage_rank, events = excluded.events");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, c.id);
    store_bind_opt_int(st, 2, c.need_id);
    store_bind_opt_int(st, 3, c.client_id);
    store_bind_opt_int(st, 4, c.person_id);
    bind_time(st, 5, c.created_at);
    bind_time(st, 6, c.first_answer_at);
    bind_time(st, 7, c.hired_at);
    db_bind_int(st, 8, c.rank);
    db_bind_int(st, 9, c.events);
    return store_result(db_run(st));
}

StoreResult store_kpi_rebuild(Db *db) {
    if (db_exec(db, "DELETE FROM kpi_candidacies; DELETE FROM kpi_facts") != DB_OK) return STORE_ERROR;
    long long after = 0;
    for (;;) {
        Arena a = {0};
        Event *ev;
        int n;
        StoreResult r = store_events_after(db, &a, after, 1000, &ev, &n);
        for (int i = 0; r == STORE_OK && i < n; i++) r = store_kpi_project(db, &ev[i], ev[i].id);
        if (n) after = ev[n - 1].id;
        arena_free(&a);
        if (r != STORE_OK) return r;
        if (!n) return STORE_OK;
    }
}

/* The facts: every fact up to `to`, in no order (kpi_compute needs none). */
static StoreResult load_facts(Db *db, Arena *a, const char *to, long long client_id, KpiInput *in) {
    DbStmt *st = db_prepare(db, "SELECT kind, at, object_id, client_id, need_id, state, from_state, num FROM kpi_facts "
                                "WHERE at < $1 AND ($2 < 0 OR client_id = $2)");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, to);
    db_bind_int(st, 2, client_id);
    size_t cap = 0;
    KpiFact *facts = NULL;
    int n = 0;
    DbStatus r;
    while ((r = db_step(st)) == DB_ROW) {
        KpiFact *grown = arena_grow(a, facts, (size_t)n, &cap, sizeof *facts);
        if (!grown) return STORE_ERROR;
        facts = grown;
        KpiFact *f = &facts[n];
        const char *state = db_col_text(st, 5), *from = db_col_text(st, 6);
        *f = (KpiFact){.type = (KpiFactType)db_col_int(st, 0), .at = col_time(st, 1), .object_id = db_col_int(st, 2),
                       .client_id = store_opt_int(st, 3), .need_id = store_opt_int(st, 4), .num = db_col_int(st, 7)};
        snprintf(f->state, sizeof f->state, "%s", state ? state : "");
        snprintf(f->from, sizeof f->from, "%s", from ? from : "");
        n++;
    }
    in->facts = facts;
    in->nfacts = n;
    return r == DB_DONE ? STORE_OK : STORE_ERROR;
}

/* Steps st to the end, appending its candidacy rows to in. */
static StoreResult read_cands(Arena *a, DbStmt *st, KpiInput *in, size_t *cap) {
    KpiCandidacy *rows = (KpiCandidacy *)in->cands;
    DbStatus r;
    while ((r = db_step(st)) == DB_ROW) {
        KpiCandidacy *grown = arena_grow(a, rows, (size_t)in->ncands, cap, sizeof *rows);
        if (!grown) return STORE_ERROR;
        rows = grown;
        read_cand(st, &rows[in->ncands++]);
    }
    in->cands = rows;
    return r == DB_DONE ? STORE_OK : STORE_ERROR;
}

/* Those created in the period (from the covering index alone), then those
 * hired in it but created before. */
static StoreResult load_candidacies(Db *db, Arena *a, const char *from, const char *to, long long client_id,
                                    KpiInput *in) {
    DbStmt *st = db_prepare(db, "SELECT " CAND_COLS " FROM kpi_candidacies WHERE created_at >= $1 AND created_at < $2 "
                                "AND ($3 < 0 OR client_id = $3)");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, from);
    db_bind_text(st, 2, to);
    db_bind_int(st, 3, client_id);
    size_t cap = 0;
    in->cands = NULL;
    in->ncands = 0;
    StoreResult r = read_cands(a, st, in, &cap);
    if (r != STORE_OK) return r;
    st = db_prepare(db, "SELECT " CAND_COLS " FROM kpi_candidacies WHERE hired_at >= $1 AND hired_at < $2 "
                        "AND (created_at IS NULL OR created_at < $1) AND ($3 < 0 OR client_id = $3)");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, from);
    db_bind_text(st, 2, to);
    db_bind_int(st, 3, client_id);
    return read_cands(a, st, in, &cap);
}

/* Day of an ISO date or instant text ("2026-11-22..."), -1 when unreadable. */
static long text_day(const char *s) {
    if (!s || strlen(s) < 10) return -1;
    char date[11];
    memcpy(date, s, 10);
    date[10] = 0;
    return time_date_days(date);
}

/* Consultants and missions: current tables (the log has no mission dates). */
static StoreResult load_bench(Db *db, Arena *a, KpiInput *in) {
    DbStmt *st = db_prepare(db, "SELECT id, created_at FROM people WHERE kind = 'consultant' ORDER BY id");
    if (!st) return STORE_ERROR;
    size_t cap = 0;
    KpiConsultant *cs = NULL;
    int n = 0;
    DbStatus r;
    while ((r = db_step(st)) == DB_ROW) {
        KpiConsultant *grown = arena_grow(a, cs, (size_t)n, &cap, sizeof *cs);
        if (!grown) return STORE_ERROR;
        cs = grown;
        time_t since = col_time(st, 1);
        cs[n++] = (KpiConsultant){db_col_int(st, 0), since ? paris_day(since) : 0};
    }
    if (r != DB_DONE) return STORE_ERROR;
    in->consultants = cs;
    in->nconsultants = n;
    st = db_prepare(db, "SELECT c.person_id, n.start_date, n.duration_days, k.hired_at, c.updated_at "
                        "FROM candidacies c JOIN people p ON p.id = c.person_id JOIN needs n ON n.id = c.need_id "
                        "LEFT JOIN kpi_candidacies k ON k.candidacy_id = c.id "
                        "WHERE c.stage = 'hired' AND p.kind = 'consultant'");
    if (!st) return STORE_ERROR;
    cap = 0;
    KpiMission *ms = NULL;
    n = 0;
    while ((r = db_step(st)) == DB_ROW) {
        long start = text_day(db_col_text(st, 1));
        if (start < 0) start = text_day(db_col_text(st, 3));
        if (start < 0) start = text_day(db_col_text(st, 4));
        if (start < 0) continue;
        KpiMission *grown = arena_grow(a, ms, (size_t)n, &cap, sizeof *ms);
        if (!grown) return STORE_ERROR;
        ms = grown;
        long long days = db_col_is_null(st, 2) ? 100000 : db_col_int(st, 2); /* no duration: until further notice */
        ms[n++] = (KpiMission){db_col_int(st, 0), start, start + (long)(days > 0 ? days : 0)};
    }
    in->missions = ms;
    in->nmissions = n;
    return r == DB_DONE ? STORE_OK : STORE_ERROR;
}

static StoreResult load_coverage(Db *db, long long client_id, KpiInput *in) {
    DbStmt *st = db_prepare(db, "SELECT count(*), coalesce(sum(CASE WHEN EXISTS (SELECT 1 FROM person_skills ps "
                                "JOIN people p ON p.id = ps.person_id WHERE p.kind = 'consultant' "
                                "AND ps.skill = ns.skill AND ps.level >= ns.min_level) THEN 1 ELSE 0 END), 0) "
                                "FROM need_skills ns JOIN needs n ON n.id = ns.need_id "
                                "WHERE n.status = 'open' AND ($1 < 0 OR n.client_id = $1)");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, client_id);
    if (db_step(st) != DB_ROW) return STORE_ERROR;
    in->requirements = db_col_int(st, 0);
    in->covered = db_col_int(st, 1);
    db_reset_all(db);
    return STORE_OK;
}

StoreResult store_kpi_load(Db *db, Arena *a, const char *from, const char *to, long long client_id, KpiInput *in) {
    *in = (KpiInput){.now = time(NULL)};
    Settings settings;
    StoreResult r = store_settings_get(db, a, &settings);
    in->sla_days = settings.response_sla_days;
    if (r == STORE_OK) r = load_facts(db, a, to, client_id, in);
    if (r == STORE_OK) r = load_candidacies(db, a, from, to, client_id, in);
    if (r == STORE_OK) r = load_bench(db, a, in);
    if (r == STORE_OK) r = load_coverage(db, client_id, in);
    db_reset_all(db);
    return r;
}
