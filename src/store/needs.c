/* store/needs: needs and need_skills (see needs.h). */
#include "needs.h"
#include <string.h>
#include "../lib/timeutil.h"

#define NEED_COLS \
    "n.id, n.version, n.title, n.client_id, c.name, n.status, n.description, n.location, n.remote, " \
    "n.start_date, n.duration_days, n.daily_rate_max, n.created_at, n.updated_at, " \
    "n.published, n.published_at, n.salary_min, n.salary_max"
#define NEED_FROM " FROM needs n LEFT JOIN clients c ON c.id = n.client_id "

static void read_need(Arena *a, DbStmt *st, Need *n) {
    n->id = db_col_int(st, 0);
    n->version = db_col_int(st, 1);
    n->title = store_text(a, st, 2);
    n->client_id = store_opt_int(st, 3);
    n->client_name = store_text(a, st, 4);
    n->status = store_text(a, st, 5);
    n->description = store_text(a, st, 6);
    n->location = store_text(a, st, 7);
    n->remote = store_text(a, st, 8);
    n->start_date = store_text(a, st, 9);
    n->duration_days = store_opt_int(st, 10);
    n->daily_rate_max = store_opt_int(st, 11);
    n->created_at = store_text(a, st, 12);
    n->updated_at = store_text(a, st, 13);
    n->published = db_col_int(st, 14) != 0;
    n->published_at = store_text(a, st, 15);
    n->salary_min = store_opt_int(st, 16);
    n->salary_max = store_opt_int(st, 17);
}

static StoreResult load_skills(Db *db, Arena *a, Need *n) {
    DbStmt *st = db_prepare(db, "SELECT skill, min_level, weight, mandatory FROM need_skills "
                                "WHERE need_id = $1 ORDER BY position");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, n->id);
    size_t cap = 0;
    n->skills = NULL;
    n->nskills = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        n->skills = arena_grow(a, n->skills, (size_t)n->nskills, &cap, sizeof *n->skills);
        n->skills[n->nskills++] = (Requirement){store_text(a, st, 0), (int)db_col_int(st, 1),
                                                (int)db_col_int(st, 2), db_col_int(st, 3) != 0};
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

/* Reads the rows of a bound needs query (LIMIT limit), then their skills. */
static StoreResult read_needs(Db *db, Arena *a, DbStmt *st, int limit, Need **out, int *count) {
    *out = arena_alloc(a, (size_t)limit * sizeof **out);
    *count = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) read_need(a, st, &(*out)[(*count)++]);
    if (s != DB_DONE) return STORE_ERROR;
    for (int i = 0; i < *count; i++)
        if (load_skills(db, a, &(*out)[i]) != STORE_OK) return STORE_ERROR;
    return STORE_OK;
}

StoreResult store_need_get(Db *db, Arena *a, long long id, Need *n) {
    DbStmt *st = db_prepare(db, "SELECT " NEED_COLS NEED_FROM "WHERE n.id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return s == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
    read_need(a, st, n);
    db_reset_all(db);
    return load_skills(db, a, n);
}

StoreResult store_needs_list(Db *db, Arena *a, const NeedsFilter *f, long long before_id, int limit, Need **out,
                             int *count) {
    DbStmt *st = db_prepare(db, "SELECT " NEED_COLS NEED_FROM "WHERE ($1 = 0 OR n.id < $1) "
                                "AND (CAST($2 AS TEXT) IS NULL OR n.status = $2) AND ($3 < 0 OR n.client_id = $3) "
                                "AND (CAST($4 AS TEXT) IS NULL OR n.search LIKE $4 ESCAPE '\\') "
                                "ORDER BY n.id DESC LIMIT $5");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, before_id);
    db_bind_text(st, 2, f->status);
    db_bind_int(st, 3, f->client_id);
    db_bind_text(st, 4, store_search_pattern(a, f->q));
    db_bind_int(st, 5, limit);
    return read_needs(db, a, st, limit, out, count);
}

static StoreResult insert_skills(Db *db, const Need *n) {
    for (int i = 0; i < n->nskills; i++) {
        DbStmt *st = db_prepare(db, "INSERT INTO need_skills (need_id, position, skill, min_level, weight, mandatory) "
                                    "VALUES ($1, $2, $3, $4, $5, $6)");
        if (!st) return STORE_ERROR;
        db_bind_int(st, 1, n->id);
        db_bind_int(st, 2, i);
        db_bind_text(st, 3, n->skills[i].skill);
        db_bind_int(st, 4, n->skills[i].min_level);
        db_bind_int(st, 5, n->skills[i].weight);
        db_bind_int(st, 6, n->skills[i].mandatory);
        StoreResult r = store_result(db_run(st));
        if (r != STORE_OK) return r;
    }
    return STORE_OK;
}

static void bind_fields(DbStmt *st, const Need *n) {
    db_bind_text(st, 1, n->title);
    store_bind_opt_int(st, 2, n->client_id);
    db_bind_text(st, 3, n->status);
    db_bind_text(st, 4, n->description);
    db_bind_text(st, 5, n->location);
    db_bind_text(st, 6, n->remote);
    db_bind_text(st, 7, n->start_date);
    store_bind_opt_int(st, 8, n->duration_days);
    store_bind_opt_int(st, 9, n->daily_rate_max);
}

/* The careers columns ($first..$first+3): published, published_at (set
 * when published, cleared when withdrawn), salary band (NULL unless positive). */
static void bind_careers(DbStmt *st, int first, const Need *n, const char *now) {
    db_bind_int(st, first, n->published);
    db_bind_text(st, first + 1, n->published ? (n->published_at ? n->published_at : now) : NULL);
    store_bind_opt_int(st, first + 2, n->salary_min > 0 ? n->salary_min : -1);
    store_bind_opt_int(st, first + 3, n->salary_max > 0 ? n->salary_max : -1);
}

StoreResult store_need_insert(Db *db, Arena *a, Need *n, long long created_by) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "INSERT INTO needs (title, client_id, status, description, location, remote, "
                                "start_date, duration_days, daily_rate_max, created_by, created_at, updated_at, search, "
                                "published, published_at, salary_min, salary_max) "
                                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $13, $14, $15, $16) "
                                "RETURNING id");
    if (!st) return STORE_ERROR;
    bind_fields(st, n);
    bind_careers(st, 13, n, now);
    db_bind_text(st, 12, store_search_text(a, &n->title, 1));
    store_bind_opt_int(st, 10, created_by);
    db_bind_text(st, 11, now);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return store_result(s);
    n->id = db_col_int(st, 0);
    n->version = 1;
    n->created_at = n->updated_at = arena_strdup(a, now);
    db_reset_all(db);
    return insert_skills(db, n);
}

StoreResult store_careers_list(Db *db, Arena *a, int limit, Need **out, int *count) {
    DbStmt *st = db_prepare(db, "SELECT " NEED_COLS NEED_FROM "WHERE n.published = 1 AND n.status = 'open' "
                                "ORDER BY n.published_at DESC, n.id DESC LIMIT $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, limit);
    return read_needs(db, a, st, limit, out, count);
}

StoreResult store_need_update(Db *db, Arena *a, Need *n, long long expected_version) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "UPDATE needs SET title = $1, client_id = $2, status = $3, description = $4, "
                                "location = $5, remote = $6, start_date = $7, duration_days = $8, "
                                "daily_rate_max = $9, updated_at = $10, search = $13, published = $14, published_at = $15, "
                                "salary_min = $16, salary_max = $17, version = version + 1 "
                                "WHERE id = $11 AND version = $12");
    if (!st) return STORE_ERROR;
    bind_fields(st, n);
    bind_careers(st, 14, n, now);
    db_bind_text(st, 13, store_search_text(a, &n->title, 1));
    db_bind_text(st, 10, now);
    db_bind_int(st, 11, n->id);
    db_bind_int(st, 12, expected_version);
    StoreResult r = store_run_versioned(db, st, a, expected_version, now, &n->version, &n->updated_at);
    if (r != STORE_OK) return r;
    st = db_prepare(db, "DELETE FROM need_skills WHERE need_id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, n->id);
    if (db_run(st) != DB_OK) return STORE_ERROR;
    return insert_skills(db, n);
}
