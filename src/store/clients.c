/* store/clients: clients (see clients.h). */
#include "clients.h"
#include "../lib/timeutil.h"

StoreResult store_client_get(Db *db, Arena *a, long long id, Client *c) {
    DbStmt *st = db_prepare(db, "SELECT id, version, name FROM clients WHERE id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return s == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
    *c = (Client){db_col_int(st, 0), db_col_int(st, 1), store_text(a, st, 2)};
    return STORE_OK;
}

StoreResult store_clients_list(Db *db, Arena *a, long long before_id, int limit, Client **out, int *n) {
    DbStmt *st = db_prepare(db, "SELECT id, version, name FROM clients WHERE ($1 = 0 OR id < $1) "
                                "ORDER BY id DESC LIMIT $2");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, before_id);
    db_bind_int(st, 2, limit);
    *out = arena_alloc(a, (size_t)limit * sizeof **out);
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW)
        (*out)[(*n)++] = (Client){db_col_int(st, 0), db_col_int(st, 1), store_text(a, st, 2)};
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_client_insert(Db *db, Client *c) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "INSERT INTO clients (name, created_at, updated_at) VALUES ($1, $2, $2) RETURNING id");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, c->name);
    db_bind_text(st, 2, now);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return store_result(s);
    c->id = db_col_int(st, 0);
    c->version = 1;
    return STORE_OK;
}
