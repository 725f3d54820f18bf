/* store/objectives: shared objectives (see objectives.h). Teams are kept as
 * their KPI_TEAM_* bits in an integer column. */
#include "objectives.h"
#include "../lib/timeutil.h"

#define OBJ_COLS \
    "id, version, kpi, target_milli, period_start, period_end, teams, client_id, created_by, created_at, updated_at"

static void read_objective(Arena *a, DbStmt *st, Objective *o) {
    o->id = db_col_int(st, 0);
    o->version = db_col_int(st, 1);
    o->kpi = store_text(a, st, 2);
    o->target_milli = db_col_int(st, 3);
    o->period_start = store_text(a, st, 4);
    o->period_end = store_text(a, st, 5);
    o->teams = (int)db_col_int(st, 6);
    o->client_id = store_opt_int(st, 7);
    o->created_by = store_opt_int(st, 8);
    o->created_at = store_text(a, st, 9);
    o->updated_at = store_text(a, st, 10);
}

StoreResult store_objective_get(Db *db, Arena *a, long long id, Objective *o) {
    DbStmt *st = db_prepare(db, "SELECT " OBJ_COLS " FROM objectives WHERE id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    DbStatus r = db_step(st);
    if (r == DB_ROW) read_objective(a, st, o);
    db_reset_all(db);
    return r == DB_ROW ? STORE_OK : r == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
}

StoreResult store_objectives_list(Db *db, Arena *a, long long before_id, int limit, Objective **out, int *n) {
    DbStmt *st = db_prepare(db, "SELECT " OBJ_COLS " FROM objectives WHERE ($1 = 0 OR id < $1) ORDER BY id DESC LIMIT $2");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, before_id);
    db_bind_int(st, 2, limit);
    *out = arena_alloc(a, sizeof **out * (size_t)(limit > 0 ? limit : 1));
    *n = 0;
    DbStatus r;
    while ((r = db_step(st)) == DB_ROW && *n < limit) read_objective(a, st, &(*out)[(*n)++]);
    db_reset_all(db);
    return r == DB_ROW || r == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_objective_insert(Db *db, Arena *a, Objective *o) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "INSERT INTO objectives (kpi, target_milli, period_start, period_end, teams, client_id, "
                                "created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) "
                                "RETURNING id");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, o->kpi);
    db_bind_int(st, 2, o->target_milli);
    db_bind_text(st, 3, o->period_start);
    db_bind_text(st, 4, o->period_end);
    db_bind_int(st, 5, o->teams);
    store_bind_opt_int(st, 6, o->client_id);
    store_bind_opt_int(st, 7, o->created_by);
    db_bind_text(st, 8, now);
    DbStatus r = db_step(st);
    if (r != DB_ROW) return store_result(r);
    o->id = db_col_int(st, 0);
    o->version = 1;
    o->created_at = o->updated_at = arena_strdup(a, now);
    db_reset_all(db);
    return STORE_OK;
}

StoreResult store_objective_update(Db *db, Arena *a, Objective *o, long long expected) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "UPDATE objectives SET kpi = $1, target_milli = $2, period_start = $3, period_end = $4, "
                                "teams = $5, client_id = $6, updated_at = $7, version = version + 1 "
                                "WHERE id = $8 AND version = $9");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, o->kpi);
    db_bind_int(st, 2, o->target_milli);
    db_bind_text(st, 3, o->period_start);
    db_bind_text(st, 4, o->period_end);
    db_bind_int(st, 5, o->teams);
    store_bind_opt_int(st, 6, o->client_id);
    db_bind_text(st, 7, now);
    db_bind_int(st, 8, o->id);
    db_bind_int(st, 9, expected);
    return store_run_versioned(db, st, a, expected, now, &o->version, &o->updated_at);
}

StoreResult store_objective_delete(Db *db, long long id) {
    DbStmt *st = db_prepare(db, "DELETE FROM objectives WHERE id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    DbStatus r = db_run(st);
    if (r != DB_OK) return store_result(r);
    return db_changes(db) ? STORE_OK : STORE_NOT_FOUND;
}
