/* store/sessions: sessions, API tokens, sign-in failures (see sessions.h). */
#include "sessions.h"
#include "../lib/timeutil.h"
#include "users.h"


StoreResult store_session_create(Db *db, const char *token_hash, long long user_id, const char *csrf, const char *now,
                                 const char *expires_at, long long *id) {
    DbStmt *st = db_prepare(db, "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, "
                                "last_seen_at) VALUES ($1, $2, $3, $4, $5, $4) RETURNING id");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, token_hash);
    db_bind_int(st, 2, user_id);
    db_bind_text(st, 3, csrf);
    db_bind_text(st, 4, now);
    db_bind_text(st, 5, expires_at);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return store_result(s);
    *id = db_col_int(st, 0);
    return STORE_OK;
}

StoreResult store_session_lookup(Db *db, Arena *a, const char *token_hash, const char *now, const char *idle_since,
                                 User *u, const char **csrf, long long *session_id, const char **last_seen) {
    DbStmt *st = db_prepare(db, "SELECT " USER_COLS_U ", s.csrf_token, s.id, s.last_seen_at FROM sessions s "
                                "JOIN users u ON u.id = s.user_id "
                                "WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3 "
                                "AND u.disabled = 0");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, token_hash);
    db_bind_text(st, 2, now);
    db_bind_text(st, 3, idle_since);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return s == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
    store_read_user(a, st, u);
    *csrf = store_text(a, st, USER_NCOLS);
    *session_id = db_col_int(st, USER_NCOLS + 1);
    *last_seen = store_text(a, st, USER_NCOLS + 2);
    return STORE_OK;
}

StoreResult store_session_touch(Db *db, long long session_id, const char *now) {
    DbStmt *st = db_prepare(db, "UPDATE sessions SET last_seen_at = $2 WHERE id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, session_id);
    db_bind_text(st, 2, now);
    return store_result(db_run(st));
}

StoreResult store_session_delete(Db *db, long long session_id) {
    DbStmt *st = db_prepare(db, "DELETE FROM sessions WHERE id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, session_id);
    return store_result(db_run(st));
}

StoreResult store_session_delete_by_hash(Db *db, const char *token_hash) {
    DbStmt *st = db_prepare(db, "DELETE FROM sessions WHERE token_hash = $1");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, token_hash);
    return store_result(db_run(st));
}

StoreResult store_sessions_delete_user(Db *db, long long user_id, int *n) {
    DbStmt *st = db_prepare(db, "DELETE FROM sessions WHERE user_id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, user_id);
    StoreResult r = store_result(db_run(st));
    *n = r == STORE_OK ? db_changes(db) : 0;
    return r;
}

StoreResult store_sessions_purge_expired(Db *db, const char *now, const char *failures_before) {
    DbStmt *st = db_prepare(db, "DELETE FROM sessions WHERE expires_at <= $1");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, now);
    if (db_run(st) != DB_OK) return STORE_ERROR;
    st = db_prepare(db, "DELETE FROM signin_failures WHERE at <= $1");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, failures_before);
    return store_result(db_run(st));
}

StoreResult store_token_create(Db *db, const char *token_hash, long long user_id, const char *label, long long *id) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "INSERT INTO api_tokens (token_hash, user_id, label, created_at) "
                                "VALUES ($1, $2, $3, $4) RETURNING id");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, token_hash);
    db_bind_int(st, 2, user_id);
    db_bind_text(st, 3, label);
    db_bind_text(st, 4, now);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return store_result(s);
    *id = db_col_int(st, 0);
    return STORE_OK;
}

StoreResult store_token_lookup(Db *db, Arena *a, const char *token_hash, User *u) {
    DbStmt *st = db_prepare(db, "SELECT " USER_COLS_U " FROM api_tokens t JOIN users u ON u.id = t.user_id "
                                "WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled = 0");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, token_hash);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return s == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
    store_read_user(a, st, u);
    return STORE_OK;
}

StoreResult store_token_revoke(Db *db, long long id, const char *now) {
    DbStmt *st = db_prepare(db, "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, now);
    db_bind_int(st, 2, id);
    DbStatus s = db_run(st);
    if (s != DB_OK) return store_result(s);
    return db_changes(db) ? STORE_OK : STORE_NOT_FOUND;
}

StoreResult store_tokens_list(Db *db, Arena *a, long long user_id, ApiToken **out, int *n) {
    DbStmt *st = db_prepare(db, "SELECT id, label, created_at, revoked_at FROM api_tokens "
                                "WHERE user_id = $1 ORDER BY id");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, user_id);
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, (size_t)*n, &cap, sizeof **out);
        (*out)[(*n)++] = (ApiToken){db_col_int(st, 0), store_text(a, st, 1), store_text(a, st, 2),
                                    store_text(a, st, 3)};
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

/* Attempts (sign-in failures, reset requests) are counted the same way:
 * sql (a literal) counts by $1 e-mail and $2 address since $3. */
static StoreResult count_attempts(Db *db, const char *sql, const char *email, const char *address, const char *since,
                                  int *by_email, int *by_address) {
    DbStmt *st = db_prepare(db, sql);
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, email);
    db_bind_text(st, 2, address);
    db_bind_text(st, 3, since);
    if (db_step(st) != DB_ROW) return STORE_ERROR;
    *by_email = (int)db_col_int(st, 0);
    *by_address = (int)db_col_int(st, 1);
    db_reset_all(db);
    return STORE_OK;
}

/* sql (a literal) inserts $1 e-mail, $2 address, $3 time. */
static StoreResult add_attempt(Db *db, const char *sql, const char *email, const char *address, const char *now) {
    DbStmt *st = db_prepare(db, sql);
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, email);
    db_bind_text(st, 2, address);
    db_bind_text(st, 3, now);
    return store_result(db_run(st));
}

StoreResult store_signin_failures(Db *db, const char *email, const char *address, const char *since,
                                  int *by_email, int *by_address) {
    return count_attempts(db, "SELECT (SELECT COUNT(*) FROM signin_failures WHERE email = $1 AND at > $3), "
                              "(SELECT COUNT(*) FROM signin_failures WHERE address = $2 AND at > $3)",
                          email, address, since, by_email, by_address);
}

StoreResult store_signin_failure_add(Db *db, const char *email, const char *address, const char *now) {
    return add_attempt(db, "INSERT INTO signin_failures (email, address, at) VALUES ($1, $2, $3)", email, address, now);
}

StoreResult store_reset_requests(Db *db, const char *email, const char *address, const char *since, int *by_email,
                                 int *by_address) {
    return count_attempts(db, "SELECT (SELECT count(*) FROM password_reset_requests WHERE email = $1 AND at > $3), "
                              "(SELECT count(*) FROM password_reset_requests WHERE address = $2 AND at > $3)",
                          email, address, since, by_email, by_address);
}

StoreResult store_reset_request_add(Db *db, const char *email, const char *address, const char *now) {
    return add_attempt(db, "INSERT INTO password_reset_requests (email, address, at) VALUES ($1, $2, $3)", email,
                       address, now);
}

StoreResult store_reset_requests_purge(Db *db, const char *before) {
    DbStmt *st = db_prepare(db, "DELETE FROM password_reset_requests WHERE at <= $1");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, before);
    return store_result(db_run(st));
}
