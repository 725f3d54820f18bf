/* store/application_links: candidates' private status links (see .h). */
#include "application_links.h"
#include "../lib/timeutil.h"

StoreResult store_application_link_create(Db *db, long long candidacy_id, char token[SECRET_TOKEN_LEN]) {
    char hash[SECRET_HASH_LEN], now[21];
    secret_token(token);
    secret_token_hash(token, hash);
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "INSERT INTO application_links (token_hash, candidacy_id, created_at) "
                                "VALUES ($1, $2, $3)");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, hash);
    db_bind_int(st, 2, candidacy_id);
    db_bind_text(st, 3, now);
    return store_result(db_run(st));
}

StoreResult store_application_link_find(Db *db, const char *token, long long *candidacy_id) {
    char hash[SECRET_HASH_LEN];
    secret_token_hash(token, hash);
    DbStmt *st = db_prepare(db, "SELECT candidacy_id FROM application_links WHERE token_hash = $1");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, hash);
    DbStatus r = db_step(st);
    if (r != DB_ROW) return r == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
    *candidacy_id = db_col_int(st, 0);
    db_reset_all(db);
    return STORE_OK;
}

StoreResult store_application_links_revoke(Db *db, long long candidacy_id) {
    DbStmt *st = db_prepare(db, "DELETE FROM application_links WHERE candidacy_id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, candidacy_id);
    return store_result(db_run(st));
}
