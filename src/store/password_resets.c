/* store/password_resets: reset tokens (see password_resets.h). */
#include "password_resets.h"
#include <time.h>
#include "../lib/timeutil.h"

StoreResult store_reset_create(Db *db, long long user_id, const char *token_hash, const char *now,
                               const char *expires_at) {
    DbStmt *st = db_prepare(db, "DELETE FROM password_resets WHERE user_id = $1 AND used_at IS NULL");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, user_id);
    if (db_run(st) != DB_OK) return STORE_ERROR;
    st = db_prepare(db, "INSERT INTO password_resets (user_id, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4)");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, user_id);
    db_bind_text(st, 2, token_hash);
    db_bind_text(st, 3, now);
    db_bind_text(st, 4, expires_at);
    return store_result(db_run(st));
}

StoreResult store_reset_take(Db *db, const char *token_hash, const char *now, long long *user_id) {
    DbStmt *st = db_prepare(db, "UPDATE password_resets SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL "
                                "AND expires_at > $2 AND user_id IN (SELECT id FROM users WHERE disabled = 0) "
                                "RETURNING user_id");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, token_hash);
    db_bind_text(st, 2, now);
    DbStatus s = db_step(st);
    if (s == DB_DONE) return STORE_NOT_FOUND;
    if (s != DB_ROW) return STORE_ERROR;
    *user_id = db_col_int(st, 0);
    while ((s = db_step(st)) == DB_ROW) {}
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_reset_valid(Db *db, const char *token_hash, const char *now) {
    DbStmt *st = db_prepare(db, "SELECT 1 FROM password_resets r JOIN users u ON u.id = r.user_id "
                                "WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > $2 AND u.disabled = 0");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, token_hash);
    db_bind_text(st, 2, now);
    DbStatus s = db_step(st);
    if (s == DB_ROW) db_reset_all(db);
    return s == DB_ROW ? STORE_OK : s == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
}

StoreResult store_reset_issue(Db *db, long long user_id, char token[SECRET_TOKEN_LEN]) {
    char hash[SECRET_HASH_LEN], now[21], expires[21];
    time_t t = time(NULL);
    time_iso(t, now);
    time_iso(t + RESET_MINUTES * 60, expires);
    secret_token(token);
    secret_token_hash(token, hash);
    return store_reset_create(db, user_id, hash, now, expires);
}
