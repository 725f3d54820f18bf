/* store/events: the event log (see events.h). */
#include "events.h"
#include "../lib/timeutil.h"
#include "kpis.h"

#define EVENT_COLS \
    "id, at, actor_id, type, object_type, object_id, client_id, need_id, person_id, before_json, after_json"

static void read_event(Arena *a, DbStmt *st, Event *e) {
    e->id = db_col_int(st, 0);
    e->at = store_text(a, st, 1);
    e->actor_id = store_opt_int(st, 2);
    e->type = store_text(a, st, 3);
    e->object_type = store_text(a, st, 4);
    e->object_id = db_col_int(st, 5);
    e->refs.client_id = store_opt_int(st, 6);
    e->refs.need_id = store_opt_int(st, 7);
    e->refs.person_id = store_opt_int(st, 8);
    e->before = store_text(a, st, 9);
    e->after = store_text(a, st, 10);
}

StoreResult store_event_add(Db *db, const Event *e, long long *id) {
    if (db_order_commits(db) != DB_OK || db_notify_changes(db) != DB_OK) return STORE_ERROR;
    char now[21];
    if (!e->at) time_now_iso(now);
    DbStmt *st = db_prepare(db, "INSERT INTO events (at, actor_id, type, object_type, object_id, client_id, need_id, "
                                "person_id, before_json, after_json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
                                "RETURNING id");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, e->at ? e->at : now);
    store_bind_opt_int(st, 2, e->actor_id);
    db_bind_text(st, 3, e->type);
    db_bind_text(st, 4, e->object_type);
    db_bind_int(st, 5, e->object_id);
    store_bind_opt_int(st, 6, e->refs.client_id);
    store_bind_opt_int(st, 7, e->refs.need_id);
    store_bind_opt_int(st, 8, e->refs.person_id);
    db_bind_text(st, 9, e->before);
    db_bind_text(st, 10, e->after);
    DbStatus r = db_step(st);
    if (r != DB_ROW) return store_result(r);
    long long new_id = db_col_int(st, 0);
    if (id) *id = new_id;
    db_reset_all(db);
    /* the KPIs' rows follow the log in the same transaction */
    Event stamped = *e;
    stamped.at = e->at ? e->at : now;
    return store_kpi_project(db, &stamped, new_id);
}

/* Steps st to the end, reading every row into an arena array of at most max. */
static StoreResult read_events(Arena *a, DbStmt *st, int max, Event **out, int *n) {
    *out = arena_alloc(a, (size_t)(max > 0 ? max : 1) * sizeof **out);
    *n = 0;
    DbStatus r;
    while ((r = db_step(st)) == DB_ROW && *n < max) read_event(a, st, &(*out)[(*n)++]);
    return r == DB_ROW || r == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_events_after(Db *db, Arena *a, long long after_id, int limit, Event **out, int *n) {
    DbStmt *st = db_prepare(db, "SELECT " EVENT_COLS " FROM events WHERE id > $1 ORDER BY id LIMIT $2");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, after_id);
    db_bind_int(st, 2, limit);
    return read_events(a, st, limit, out, n);
}

StoreResult store_events_last_id(Db *db, long long *id) {
    DbStmt *st = db_prepare(db, "SELECT coalesce(max(id), 0) FROM events");
    if (!st) return STORE_ERROR;
    if (db_step(st) != DB_ROW) return STORE_ERROR;
    *id = db_col_int(st, 0);
    db_reset_all(db);
    return STORE_OK;
}

StoreResult store_events_of(Db *db, Arena *a, const char *object_type, long long object_id, int limit, Event **out,
                            int *n) {
    DbStmt *st = db_prepare(db, "SELECT " EVENT_COLS " FROM events WHERE object_type = $1 AND object_id = $2 "
                                "ORDER BY id LIMIT $3");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, object_type);
    db_bind_int(st, 2, object_id);
    db_bind_int(st, 3, limit);
    return read_events(a, st, limit, out, n);
}

/* The home feed's events (issue 8): a need opened, a deal won, a candidate
 * hired, an incident opened; after_json is written with sorted keys and
 * no spaces (http/event_log.c), so a state reads the same every time. */
StoreResult store_events_feed(Db *db, Arena *a, const bool sees[4], int limit, Event **out, int *n) {
    DbStmt *st = db_prepare(db, "SELECT " EVENT_COLS " FROM events WHERE "
                                "($1 = 1 AND type IN ('need.status', 'need.created') AND after_json LIKE '%\"status\":\"open\"%') OR "
                                "($2 = 1 AND type = 'deal.stage' AND after_json LIKE '%\"stage\":\"won\"%') OR "
                                "($3 = 1 AND type = 'candidacy.stage' AND after_json LIKE '%\"stage\":\"hired\"%') OR "
                                "($4 = 1 AND type IN ('incident.created', 'incident.opened')) "
                                "ORDER BY at DESC, id DESC LIMIT $5"); /* history may be written late */
    if (!st) return STORE_ERROR;
    for (int i = 0; i < 4; i++) db_bind_int(st, i + 1, sees[i]);
    db_bind_int(st, 5, limit);
    return read_events(a, st, limit, out, n);
}
