/* store/clients: clients and contacts (see clients.h). */
#include "clients.h"
#include <stdlib.h>
#include "../lib/timeutil.h"

#define CLIENT_COLS \
    "c.id, c.version, c.name, c.siret, c.sector, c.address, c.owner_id, u.name, c.notes, c.created_at, c.updated_at"
#define CLIENT_FROM " FROM clients c LEFT JOIN users u ON u.id = c.owner_id "

static void read_client(Arena *a, DbStmt *st, Client *c) {
    c->id = db_col_int(st, 0);
    c->version = db_col_int(st, 1);
    c->name = store_text(a, st, 2);
    c->siret = store_text(a, st, 3);
    c->sector = store_text(a, st, 4);
    c->address = store_text(a, st, 5);
    c->owner_id = store_opt_int(st, 6);
    c->owner_name = store_text(a, st, 7);
    c->notes = store_text(a, st, 8);
    c->created_at = store_text(a, st, 9);
    c->updated_at = store_text(a, st, 10);
}

StoreResult store_client_get(Db *db, Arena *a, long long id, Client *c) {
    DbStmt *st = db_prepare(db, "SELECT " CLIENT_COLS CLIENT_FROM "WHERE c.id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return s == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
    read_client(a, st, c);
    db_reset_all(db);
    return STORE_OK;
}

StoreResult store_clients_list(Db *db, Arena *a, const ClientsFilter *f, long long before_id, int limit,
                               Client **out, int *n) {
    DbStmt *st = db_prepare(db, "SELECT " CLIENT_COLS CLIENT_FROM "WHERE ($1 = 0 OR c.id < $1) "
                                "AND (CAST($2 AS TEXT) IS NULL OR c.search LIKE $2 ESCAPE '\\') "
                                "AND ($3 < 0 OR c.owner_id = $3) ORDER BY c.id DESC LIMIT $4");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, before_id);
    db_bind_text(st, 2, store_search_pattern(a, f->q));
    db_bind_int(st, 3, f->owner_id);
    db_bind_int(st, 4, limit);
    *out = arena_alloc(a, (size_t)limit * sizeof **out);
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) read_client(a, st, &(*out)[(*n)++]);
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_client_find_duplicate(Db *db, const char *siret, const char *name_key, long long except_id,
                                        long long *id) {
    DbStmt *st = db_prepare(db, "SELECT id FROM clients WHERE id <> $3 AND ((CAST($1 AS TEXT) IS NOT NULL AND siret = $1) "
                                "OR (name_key <> '' AND name_key = $2)) ORDER BY id LIMIT 1");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, siret);
    db_bind_text(st, 2, name_key ? name_key : "");
    db_bind_int(st, 3, except_id);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return s == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
    *id = db_col_int(st, 0);
    db_reset_all(db);
    return STORE_OK;
}


static const char *client_search(Arena *a, const Client *c) {
    const char *words[] = {c->name, c->siret, c->sector};
    return store_search_text(a, words, 3);
}

static void bind_fields(DbStmt *st, Arena *a, const Client *c, const char *name_key) {
    db_bind_text(st, 1, c->name);
    db_bind_text(st, 2, c->siret);
    db_bind_text(st, 3, c->sector);
    db_bind_text(st, 4, c->address);
    store_bind_opt_int(st, 5, c->owner_id);
    db_bind_text(st, 6, c->notes);
    db_bind_text(st, 7, name_key ? name_key : "");
    db_bind_text(st, 8, client_search(a, c));
}

StoreResult store_client_insert(Db *db, Arena *a, Client *c, const char *name_key) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "INSERT INTO clients (name, siret, sector, address, owner_id, notes, name_key, search, "
                                "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id");
    if (!st) return STORE_ERROR;
    bind_fields(st, a, c, name_key);
    db_bind_text(st, 9, now);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return store_result(s);
    c->id = db_col_int(st, 0);
    c->version = 1;
    c->created_at = c->updated_at = arena_strdup(a, now);
    db_reset_all(db);
    return STORE_OK;
}

StoreResult store_client_update(Db *db, Arena *a, Client *c, const char *name_key, long long expected_version) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "UPDATE clients SET name = $1, siret = $2, sector = $3, address = $4, owner_id = $5, "
                                "notes = $6, name_key = $7, search = $8, updated_at = $9, version = version + 1 "
                                "WHERE id = $10 AND version = $11");
    if (!st) return STORE_ERROR;
    bind_fields(st, a, c, name_key);
    db_bind_text(st, 9, now);
    db_bind_int(st, 10, c->id);
    db_bind_int(st, 11, expected_version);
    return store_run_versioned(db, st, a, expected_version, now, &c->version, &c->updated_at);
}

StoreResult store_clients_fill_keys(Db *db, char *(*key)(const char *name)) {
    Arena a = {0};
    StoreResult r = STORE_ERROR;
    if (db_begin_write(db) != DB_OK) return STORE_ERROR;
    DbStmt *st = db_prepare(db, "SELECT id, name FROM clients WHERE name_key = '' ORDER BY id");
    if (!st) goto done;
    long long *ids = NULL;
    const char **names = NULL;
    size_t n = 0, cap_i = 0, cap_n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        ids = arena_grow(&a, ids, n, &cap_i, sizeof *ids);
        names = arena_grow(&a, names, n, &cap_n, sizeof *names);
        ids[n] = db_col_int(st, 0);
        names[n++] = store_text(&a, st, 1);
    }
    if (s != DB_DONE) goto done;
    for (size_t i = 0; i < n; i++) {
        Client c = {.name = names[i]};
        st = db_prepare(db, "UPDATE clients SET name_key = $1, search = $2 WHERE id = $3");
        if (!st) goto done;
        char *k = key(c.name);
        db_bind_text(st, 1, k ? k : "");
        free(k);
        db_bind_text(st, 2, client_search(&a, &c));
        db_bind_int(st, 3, ids[i]);
        if (db_run(st) != DB_OK) goto done;
    }
    r = STORE_OK;
done:
    db_reset_all(db);
    if (r == STORE_OK && db_commit(db) != DB_OK) r = STORE_ERROR;
    if (r != STORE_OK) db_rollback(db);
    arena_free(&a);
    return r;
}

/* ---- contacts */

#define CONTACT_COLS "id, version, client_id, name, role, email, phone, consent, created_at, updated_at"

static void read_contact(Arena *a, DbStmt *st, Contact *c) {
    c->id = db_col_int(st, 0);
    c->version = db_col_int(st, 1);
    c->client_id = db_col_int(st, 2);
    c->name = store_text(a, st, 3);
    c->role = store_text(a, st, 4);
    c->email = store_text(a, st, 5);
    c->phone = store_text(a, st, 6);
    c->consent = db_col_int(st, 7) != 0;
    c->created_at = store_text(a, st, 8);
    c->updated_at = store_text(a, st, 9);
}

StoreResult store_contact_get(Db *db, Arena *a, long long id, Contact *c) {
    DbStmt *st = db_prepare(db, "SELECT " CONTACT_COLS " FROM contacts WHERE id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return s == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
    read_contact(a, st, c);
    db_reset_all(db);
    return STORE_OK;
}

StoreResult store_contacts_list(Db *db, Arena *a, long long client_id, Contact **out, int *n) {
    DbStmt *st = db_prepare(db, "SELECT " CONTACT_COLS " FROM contacts WHERE client_id = $1 ORDER BY name, id");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, client_id);
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, (size_t)*n, &cap, sizeof **out);
        read_contact(a, st, &(*out)[(*n)++]);
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

static void bind_contact(DbStmt *st, const Contact *c) {
    db_bind_text(st, 1, c->name);
    db_bind_text(st, 2, c->role);
    db_bind_text(st, 3, c->email);
    db_bind_text(st, 4, c->phone);
    db_bind_int(st, 5, c->consent);
}

StoreResult store_contact_insert(Db *db, Arena *a, Contact *c) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "INSERT INTO contacts (name, role, email, phone, consent, client_id, created_at, "
                                "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id");
    if (!st) return STORE_ERROR;
    bind_contact(st, c);
    db_bind_int(st, 6, c->client_id);
    db_bind_text(st, 7, now);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return store_result(s);
    c->id = db_col_int(st, 0);
    c->version = 1;
    c->created_at = c->updated_at = arena_strdup(a, now);
    db_reset_all(db);
    return STORE_OK;
}

StoreResult store_contact_update(Db *db, Arena *a, Contact *c, long long expected_version) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "UPDATE contacts SET name = $1, role = $2, email = $3, phone = $4, consent = $5, "
                                "updated_at = $6, version = version + 1 WHERE id = $7 AND version = $8");
    if (!st) return STORE_ERROR;
    bind_contact(st, c);
    db_bind_text(st, 6, now);
    db_bind_int(st, 7, c->id);
    db_bind_int(st, 8, expected_version);
    return store_run_versioned(db, st, a, expected_version, now, &c->version, &c->updated_at);
}
