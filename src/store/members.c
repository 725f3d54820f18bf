/* store/members: users named on an object (see members.h). */
#include "members.h"

StoreResult store_members_load(Db *db, Arena *a, const char *select_sql, long long object_id, Members *m) {
    DbStmt *st = db_prepare(db, select_sql);
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, object_id);
    size_t cap = 0, cap2 = 0;
    *m = (Members){0};
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        m->ids = arena_grow(a, m->ids, (size_t)m->n, &cap, sizeof *m->ids);
        m->names = arena_grow(a, m->names, (size_t)m->n, &cap2, sizeof *m->names);
        m->ids[m->n] = db_col_int(st, 0);
        m->names[m->n++] = store_text(a, st, 1);
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_members_replace(Db *db, const char *delete_sql, const char *insert_sql, long long object_id,
                                  const Members *m) {
    DbStmt *st = db_prepare(db, delete_sql);
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, object_id);
    if (db_run(st) != DB_OK) return STORE_ERROR;
    for (int i = 0; i < m->n; i++) {
        st = db_prepare(db, insert_sql);
        if (!st) return STORE_ERROR;
        db_bind_int(st, 1, object_id);
        db_bind_int(st, 2, m->ids[i]);
        StoreResult r = store_result(db_run(st));
        if (r != STORE_OK) return r;
    }
    return STORE_OK;
}

StoreResult store_users_exist(Db *db, const long long *ids, int n, long long *bad) {
    for (int i = 0; i < n; i++) {
        /* participants are the firm's accounts, never a client contact's */
        DbStmt *st = db_prepare(db, "SELECT 1 FROM users WHERE id = $1 AND disabled = 0 AND role <> 'client'");
        if (!st) return STORE_ERROR;
        db_bind_int(st, 1, ids[i]);
        DbStatus s = db_step(st);
        db_reset_all(db);
        if (s == DB_DONE) {
            *bad = ids[i];
            return STORE_NOT_FOUND;
        }
        if (s != DB_ROW) return STORE_ERROR;
    }
    return STORE_OK;
}
