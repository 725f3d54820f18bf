/* store/server_keys: shared secrets (see server_keys.h). */
#include "server_keys.h"
#include "../lib/secret.h"
#include "../lib/timeutil.h"

StoreResult store_server_key_ensure(Db *db, const char *name) {
    char secret[SECRET_TOKEN_LEN], now[21];
    secret_token(secret);
    time_now_iso(now);
    if (db_begin_write(db) != DB_OK) return STORE_ERROR;
    DbStmt *st = db_prepare(db, "INSERT INTO server_keys (name, secret, created_at) VALUES ($1, $2, $3) "
                                "ON CONFLICT (name) DO NOTHING");
    StoreResult r = STORE_ERROR;
    if (st) {
        db_bind_text(st, 1, name);
        db_bind_text(st, 2, secret);
        db_bind_text(st, 3, now);
        r = store_result(db_run(st));
    }
    if (r == STORE_OK && db_commit(db) != DB_OK) r = STORE_ERROR;
    if (r != STORE_OK) db_rollback(db);
    return r;
}

StoreResult store_server_key_get(Db *db, Arena *a, const char *name, const char **secret) {
    DbStmt *st = db_prepare(db, "SELECT secret FROM server_keys WHERE name = $1");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, name);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return s == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
    *secret = store_text(a, st, 0);
    db_reset_all(db);
    return STORE_OK;
}
