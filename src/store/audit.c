/* store/audit: audit log (see audit.h). */
#include "audit.h"
#include "../lib/timeutil.h"

StoreResult store_audit_add(Db *db, long long user_id, const char *action, const char *object_type,
                            long long object_id, const char *address) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "INSERT INTO audit_log (at, user_id, action, object_type, object_id, address) "
                                "VALUES ($1, $2, $3, $4, $5, $6)");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, now);
    store_bind_opt_int(st, 2, user_id);
    db_bind_text(st, 3, action);
    db_bind_text(st, 4, object_type);
    store_bind_opt_int(st, 5, object_id);
    db_bind_text(st, 6, address);
    return store_result(db_run(st));
}

StoreResult store_audit_list(Db *db, Arena *a, long long before_id, int limit, AuditEntry **out, int *n) {
    DbStmt *st = db_prepare(db, "SELECT id, at, user_id, action, object_type, object_id, address FROM audit_log "
                                "WHERE ($1 = 0 OR id < $1) ORDER BY id DESC LIMIT $2");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, before_id);
    db_bind_int(st, 2, limit);
    *out = arena_alloc(a, (size_t)limit * sizeof **out);
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        AuditEntry *e = &(*out)[(*n)++];
        e->id = db_col_int(st, 0);
        e->at = store_text(a, st, 1);
        e->user_id = store_opt_int(st, 2);
        e->action = store_text(a, st, 3);
        e->object_type = store_text(a, st, 4);
        e->object_id = store_opt_int(st, 5);
        e->address = store_text(a, st, 6);
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}
