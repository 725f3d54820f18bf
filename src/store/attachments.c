/* store/attachments: attachment rows (see attachments.h). */
#include "attachments.h"
#include "../lib/timeutil.h"

#define ATT_COLS "id, sha256, name, media_type, size, uploaded_by, post_id, created_at"

static void read_attachment(Arena *a, DbStmt *st, Attachment *at) {
    at->id = db_col_int(st, 0);
    at->sha256 = store_text(a, st, 1);
    at->name = store_text(a, st, 2);
    at->media_type = store_text(a, st, 3);
    at->size = db_col_int(st, 4);
    at->uploaded_by = store_opt_int(st, 5);
    at->post_id = store_opt_int(st, 6);
    at->created_at = store_text(a, st, 7);
}

StoreResult store_attachment_insert(Db *db, Arena *a, Attachment *at) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "INSERT INTO attachments (sha256, name, media_type, size, uploaded_by, created_at) "
                                "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, at->sha256);
    db_bind_text(st, 2, at->name);
    db_bind_text(st, 3, at->media_type);
    db_bind_int(st, 4, at->size);
    store_bind_opt_int(st, 5, at->uploaded_by);
    db_bind_text(st, 6, now);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return store_result(s);
    at->id = db_col_int(st, 0);
    at->post_id = -1;
    at->created_at = arena_strdup(a, now);
    db_reset_all(db);
    return STORE_OK;
}

StoreResult store_attachment_get(Db *db, Arena *a, long long id, Attachment *at) {
    DbStmt *st = db_prepare(db, "SELECT " ATT_COLS " FROM attachments WHERE id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return s == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
    read_attachment(a, st, at);
    db_reset_all(db);
    return STORE_OK;
}

StoreResult store_attachment_link(Db *db, long long id, long long user_id, long long post_id) {
    DbStmt *st = db_prepare(db, "UPDATE attachments SET post_id = $3 WHERE id = $1 AND uploaded_by = $2 "
                                "AND post_id IS NULL");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, user_id);
    db_bind_int(st, 3, post_id);
    if (db_run(st) != DB_OK) return STORE_ERROR;
    return db_changes(db) ? STORE_OK : STORE_NOT_FOUND;
}
