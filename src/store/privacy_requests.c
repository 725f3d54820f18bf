/* store/privacy_requests: see privacy_requests.h. */
#include "privacy_requests.h"
#include "../lib/timeutil.h"

#define COLS "id, version, person_id, kind, requester, received_on, due_on, answered_on, answer, created_at, updated_at"

static void read_row(Arena *a, DbStmt *st, PrivacyRequest *r) {
    *r = (PrivacyRequest){db_col_int(st, 0),      db_col_int(st, 1),      store_opt_int(st, 2),
                          store_text(a, st, 3),   store_text(a, st, 4),   store_text(a, st, 5),
                          store_text(a, st, 6),   store_text(a, st, 7),   store_text(a, st, 8),
                          store_text(a, st, 9),   store_text(a, st, 10)};
}

static void bind_opt_id(DbStmt *st, int idx, long long v) {
    if (v > 0) db_bind_int(st, idx, v);
    else db_bind_null(st, idx);
}

/* $1..$7: the fields a caller sets, in the order of both statements below. */
static void bind_request(DbStmt *st, const PrivacyRequest *r) {
    bind_opt_id(st, 1, r->person_id);
    db_bind_text(st, 2, r->kind);
    db_bind_text(st, 3, r->requester);
    db_bind_text(st, 4, r->received_on);
    db_bind_text(st, 5, r->due_on);
    db_bind_text(st, 6, r->answered_on);
    db_bind_text(st, 7, r->answer);
}

StoreResult store_privacy_request_insert(Db *db, Arena *a, PrivacyRequest *r, long long created_by) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "INSERT INTO privacy_requests (person_id, kind, requester, received_on, due_on, "
                                "answered_on, answer, created_by, created_at, updated_at) "
                                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id");
    if (!st) return STORE_ERROR;
    bind_request(st, r);
    bind_opt_id(st, 8, created_by);
    db_bind_text(st, 9, now);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return store_result(s);
    r->id = db_col_int(st, 0);
    db_reset_all(db);
    r->version = 1;
    r->created_at = r->updated_at = arena_strdup(a, now);
    return STORE_OK;
}

StoreResult store_privacy_request_get(Db *db, Arena *a, long long id, PrivacyRequest *r) {
    DbStmt *st = db_prepare(db, "SELECT " COLS " FROM privacy_requests WHERE id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    DbStatus s = db_step(st);
    if (s == DB_DONE) return STORE_NOT_FOUND;
    if (s != DB_ROW) return STORE_ERROR;
    read_row(a, st, r);
    db_reset_all(db);
    return STORE_OK;
}

StoreResult store_privacy_requests_list(Db *db, Arena *a, bool open_only, long long before_id, int limit,
                                        PrivacyRequest **out, int *n) {
    DbStmt *st = db_prepare(db, "SELECT " COLS " FROM privacy_requests WHERE ($1 = 0 OR id < $1) "
                                "AND ($2 = 0 OR answered_on IS NULL) ORDER BY id DESC LIMIT $3");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, before_id);
    db_bind_int(st, 2, open_only);
    db_bind_int(st, 3, limit);
    *out = arena_alloc(a, (size_t)(limit + 1) * sizeof **out);
    *n = 0;
    DbStatus s = DB_DONE;
    while (*n < limit && (s = db_step(st)) == DB_ROW) read_row(a, st, &(*out)[(*n)++]);
    if (*n == limit) {
        db_reset_all(db);
        return STORE_OK;
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_privacy_request_update(Db *db, Arena *a, PrivacyRequest *r, long long expected_version) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "UPDATE privacy_requests SET person_id = $1, kind = $2, requester = $3, "
                                "received_on = $4, due_on = $5, answered_on = $6, answer = $7, updated_at = $8, "
                                "version = version + 1 WHERE id = $9 AND version = $10");
    if (!st) return STORE_ERROR;
    bind_request(st, r);
    db_bind_text(st, 8, now);
    db_bind_int(st, 9, r->id);
    db_bind_int(st, 10, expected_version);
    return store_run_versioned(db, st, a, expected_version, now, &r->version, &r->updated_at);
}

StoreResult store_privacy_requests_answer(Db *db, long long person_id, const char *kind, const char *today,
                                          const char *answer, int *n) {
    DbStmt *st = db_prepare(db, "UPDATE privacy_requests SET answered_on = $3, answer = $4, updated_at = $5, "
                                "version = version + 1 WHERE person_id = $1 AND kind = $2 AND answered_on IS NULL");
    if (!st) return STORE_ERROR;
    char now[21];
    time_now_iso(now);
    db_bind_int(st, 1, person_id);
    db_bind_text(st, 2, kind);
    db_bind_text(st, 3, today);
    db_bind_text(st, 4, answer);
    db_bind_text(st, 5, now);
    StoreResult r = store_result(db_run(st));
    *n = r == STORE_OK ? db_changes(db) : 0;
    return r;
}
