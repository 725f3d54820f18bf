/* store/incidents: incidents and the SLA setting (see incidents.h). */
#include "incidents.h"
#include "../domain/incident_status.h"
#include "../lib/timeutil.h"
#include "members.h"

#define INC_COLS \
    "i.id, i.version, i.title, i.description, i.client_id, c.name, i.need_id, n.title, i.mission_id, " \
    "i.consultant_id, p.first_name || ' ' || p.last_name, i.severity, i.status, i.owner_id, o.name, i.created_by, " \
    "cb.name, i.accepted_at, i.due_at, i.resolution, i.resolved_at, i.closed_at, i.created_at, i.updated_at, " \
    "i.channel_id"
#define INC_FROM \
    " FROM incidents i JOIN clients c ON c.id = i.client_id LEFT JOIN needs n ON n.id = i.need_id " \
    "LEFT JOIN people p ON p.id = i.consultant_id JOIN users o ON o.id = i.owner_id " \
    "LEFT JOIN users cb ON cb.id = i.created_by "

static const char PARTICIPANTS_SQL[] = "SELECT u.id, u.name FROM incident_participants ip JOIN users u ON u.id = ip.user_id "
                                       "WHERE ip.incident_id = $1 ORDER BY u.name, u.id";

static void read_incident(Arena *a, DbStmt *st, Incident *i) {
    i->id = db_col_int(st, 0);
    i->version = db_col_int(st, 1);
    i->title = store_text(a, st, 2);
    i->description = store_text(a, st, 3);
    i->client_id = db_col_int(st, 4);
    i->client_name = store_text(a, st, 5);
    i->need_id = store_opt_int(st, 6);
    i->need_title = store_text(a, st, 7);
    i->mission_id = store_opt_int(st, 8);
    i->consultant_id = store_opt_int(st, 9);
    i->consultant_name = i->consultant_id > 0 ? store_text(a, st, 10) : NULL;
    i->severity = store_text(a, st, 11);
    i->status = store_text(a, st, 12);
    i->owner_id = db_col_int(st, 13);
    i->owner_name = store_text(a, st, 14);
    i->created_by = store_opt_int(st, 15);
    i->created_by_name = store_text(a, st, 16);
    i->accepted_at = store_text(a, st, 17);
    i->due_at = store_text(a, st, 18);
    i->resolution = store_text(a, st, 19);
    i->resolved_at = store_text(a, st, 20);
    i->closed_at = store_text(a, st, 21);
    i->created_at = store_text(a, st, 22);
    i->updated_at = store_text(a, st, 23);
    i->channel_id = store_opt_int(st, 24);
}

StoreResult store_incident_get(Db *db, Arena *a, long long id, Incident *i) {
    DbStmt *st = db_prepare(db, "SELECT " INC_COLS INC_FROM "WHERE i.id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return s == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
    read_incident(a, st, i);
    db_reset_all(db);
    return store_members_load(db, a, PARTICIPANTS_SQL, i->id, &i->participants);
}

StoreResult store_incidents_list(Db *db, Arena *a, const IncidentsFilter *f, long long before_id, int limit,
                                 Incident **out, int *n) {
    DbStmt *st = db_prepare(
        db, "SELECT " INC_COLS INC_FROM "WHERE ($1 = 0 OR i.id < $1) AND ($2 < 0 OR i.client_id = $2) "
            "AND (CAST($3 AS TEXT) IS NULL OR i.status = $3) "
            "AND ($4 = 0 OR i.status IN ('open','in_progress')) "
            "AND (CAST($5 AS TEXT) IS NULL OR (i.status IN ('open','in_progress') AND i.due_at < $5)) "
            "AND ($6 < 0 OR i.owner_id = $6 OR i.created_by = $6 OR EXISTS (SELECT 1 FROM incident_participants ip "
            "WHERE ip.incident_id = i.id AND ip.user_id = $6)) ORDER BY i.id DESC LIMIT $7");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, before_id);
    db_bind_int(st, 2, f->client_id);
    db_bind_text(st, 3, f->status);
    db_bind_int(st, 4, f->active);
    db_bind_text(st, 5, f->overdue_at);
    db_bind_int(st, 6, f->involved);
    db_bind_int(st, 7, limit);
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, (size_t)*n, &cap, sizeof **out);
        read_incident(a, st, &(*out)[(*n)++]);
    }
    if (s != DB_DONE) return STORE_ERROR;
    for (int k = 0; k < *n; k++)
        if (store_members_load(db, a, PARTICIPANTS_SQL, (*out)[k].id, &(*out)[k].participants) != STORE_OK)
            return STORE_ERROR;
    return STORE_OK;
}

static StoreResult save_participants(Db *db, const Incident *i) {
    return store_members_replace(db, "DELETE FROM incident_participants WHERE incident_id = $1",
                                 "INSERT INTO incident_participants (incident_id, user_id) VALUES ($1, $2)", i->id,
                                 &i->participants);
}

static void bind_incident(DbStmt *st, const Incident *i) {
    db_bind_text(st, 1, i->title);
    db_bind_text(st, 2, i->description);
    db_bind_int(st, 3, i->client_id);
    store_bind_opt_int(st, 4, i->need_id);
    store_bind_opt_int(st, 5, i->mission_id);
    store_bind_opt_int(st, 6, i->consultant_id);
    db_bind_text(st, 7, i->severity);
    db_bind_text(st, 8, i->status);
    db_bind_int(st, 9, i->owner_id);
    db_bind_text(st, 10, i->accepted_at);
    db_bind_text(st, 11, i->due_at);
    db_bind_text(st, 12, i->resolution);
    db_bind_text(st, 13, i->resolved_at);
    db_bind_text(st, 14, i->closed_at);
}

StoreResult store_incident_insert(Db *db, Arena *a, Incident *i) {
    DbStmt *st = db_prepare(db, "INSERT INTO incidents (title, description, client_id, need_id, mission_id, "
                                "consultant_id, severity, status, owner_id, accepted_at, due_at, resolution, "
                                "resolved_at, closed_at, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, "
                                "$5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16) RETURNING id");
    if (!st) return STORE_ERROR;
    bind_incident(st, i);
    store_bind_opt_int(st, 15, i->created_by);
    db_bind_text(st, 16, i->created_at);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return store_result(s);
    i->id = db_col_int(st, 0);
    i->version = 1;
    i->updated_at = arena_strdup(a, i->created_at);
    db_reset_all(db);
    return save_participants(db, i);
}

StoreResult store_incident_update(Db *db, Arena *a, Incident *i, long long expected_version) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "UPDATE incidents SET title = $1, description = $2, client_id = $3, need_id = $4, "
                                "mission_id = $5, consultant_id = $6, severity = $7, status = $8, owner_id = $9, "
                                "accepted_at = $10, due_at = $11, resolution = $12, resolved_at = $13, "
                                "closed_at = $14, updated_at = $15, version = version + 1 "
                                "WHERE id = $16 AND version = $17");
    if (!st) return STORE_ERROR;
    bind_incident(st, i);
    db_bind_text(st, 15, now);
    db_bind_int(st, 16, i->id);
    db_bind_int(st, 17, expected_version);
    StoreResult r = store_run_versioned(db, st, a, expected_version, now, &i->version, &i->updated_at);
    return r == STORE_OK ? save_participants(db, i) : r;
}

StoreResult store_incident_set_channel(Db *db, long long id, long long channel_id) {
    DbStmt *st = db_prepare(db, "UPDATE incidents SET channel_id = $2 WHERE id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    store_bind_opt_int(st, 2, channel_id);
    return store_result(db_run(st));
}

StoreResult store_incident_sla_get(Db *db, Arena *a, IncidentSla *s) {
    for (int k = 0; k < 4; k++) s->hours[k] = incident_default_sla_hours(INCIDENT_SEVERITIES[k]);
    s->version = 1;
    s->updated_at = NULL;
    DbStmt *st = db_prepare(db, "SELECT low_hours, medium_hours, high_hours, critical_hours, version, updated_at "
                                "FROM incident_sla WHERE id = 1");
    if (!st) return STORE_ERROR;
    DbStatus r = db_step(st);
    if (r == DB_DONE) return STORE_OK;
    if (r != DB_ROW) return STORE_ERROR;
    for (int k = 0; k < 4; k++) s->hours[k] = (int)db_col_int(st, k);
    s->version = db_col_int(st, 4);
    s->updated_at = store_text(a, st, 5);
    db_reset_all(db);
    return STORE_OK;
}

StoreResult store_incident_sla_set(Db *db, Arena *a, IncidentSla *s, long long expected) {
    IncidentSla cur;
    StoreResult r = store_incident_sla_get(db, a, &cur);
    if (r != STORE_OK) return r;
    if (cur.version != expected) return STORE_STALE;
    char now[21];
    time_now_iso(now);
    /* the first change writes the row (the defaults were version 1) */
    DbStmt *st = db_prepare(db, "INSERT INTO incident_sla (id, version, low_hours, medium_hours, high_hours, "
                                "critical_hours, updated_at) VALUES (1, $1, $2, $3, $4, $5, $6) "
                                "ON CONFLICT (id) DO UPDATE SET version = excluded.version, "
                                "low_hours = excluded.low_hours, medium_hours = excluded.medium_hours, "
                                "high_hours = excluded.high_hours, critical_hours = excluded.critical_hours, "
                                "updated_at = excluded.updated_at");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, expected + 1);
    for (int k = 0; k < 4; k++) db_bind_int(st, k + 2, s->hours[k]);
    db_bind_text(st, 6, now);
    r = store_result(db_run(st));
    if (r != STORE_OK) return r;
    s->version = expected + 1;
    s->updated_at = arena_strdup(a, now);
    return STORE_OK;
}
