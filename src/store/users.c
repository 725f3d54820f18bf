/* store/users: accounts (see users.h). */
#include "users.h"
#include <ctype.h>
#include <string.h>
#include "../lib/text.h"
#include "../lib/timeutil.h"
#include <stdlib.h>

void store_read_user(Arena *a, DbStmt *st, User *u) {
    u->id = db_col_int(st, 0);
    u->version = db_col_int(st, 1);
    u->email = store_text(a, st, 2);
    u->name = store_text(a, st, 3);
    u->handle = store_text(a, st, 4);
    u->role = store_text(a, st, 5);
    u->disabled = db_col_int(st, 6) != 0;
    u->person_id = store_opt_int(st, 7);
    u->client_id = store_opt_int(st, 8);
}

StoreResult store_user_get(Db *db, Arena *a, long long id, User *u) {
    DbStmt *st = db_prepare(db, "SELECT " USER_COLS " FROM users WHERE id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return s == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
    store_read_user(a, st, u);
    return STORE_OK;
}

/* mentions: "@handle" names an account (handles are stored lower case) */
StoreResult store_user_by_handle(Db *db, Arena *a, const char *handle, User *u) {
    DbStmt *st = db_prepare(db, "SELECT " USER_COLS " FROM users WHERE handle = $1");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, handle);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return s == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
    store_read_user(a, st, u);
    return STORE_OK;
}

StoreResult store_user_by_email(Db *db, Arena *a, const char *email, User *u, const char **hash) {
    DbStmt *st = db_prepare(db, "SELECT " USER_COLS ", password_hash FROM users WHERE email = $1");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, email);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return s == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
    store_read_user(a, st, u);
    if (hash) *hash = store_text(a, st, USER_NCOLS);
    return STORE_OK;
}

StoreResult store_user_insert(Db *db, User *u, const char *password_hash) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "INSERT INTO users (email, name, handle, role, password_hash, created_at, updated_at, "
                                "person_id, client_id) VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8) RETURNING id");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, u->email);
    db_bind_text(st, 2, u->name);
    db_bind_text(st, 3, u->handle);
    db_bind_text(st, 4, u->role);
    db_bind_text(st, 5, password_hash);
    db_bind_text(st, 6, now);
    store_bind_opt_int(st, 7, u->person_id > 0 ? u->person_id : -1); /* 0: a zeroed struct, none */
    store_bind_opt_int(st, 8, u->client_id > 0 ? u->client_id : -1);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return store_result(s);
    u->id = db_col_int(st, 0);
    u->version = 1;
    return STORE_OK;
}

StoreResult store_users_list(Db *db, Arena *a, long long before_id, int limit, User **out, int *n) {
    DbStmt *st = db_prepare(db, "SELECT " USER_COLS " FROM users WHERE ($1 = 0 OR id < $1) ORDER BY id DESC LIMIT $2");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, before_id);
    db_bind_int(st, 2, limit);
    *out = arena_alloc(a, (size_t)limit * sizeof **out);
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) store_read_user(a, st, &(*out)[(*n)++]);
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_users_enabled(Db *db, Arena *a, User **out, int *n) {
    DbStmt *st = db_prepare(db, "SELECT " USER_COLS " FROM users WHERE disabled = 0 ORDER BY name, id");
    if (!st) return STORE_ERROR;
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, (size_t)*n, &cap, sizeof **out);
        store_read_user(a, st, &(*out)[(*n)++]);
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_user_update(Db *db, const User *u, long long expected_version) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "UPDATE users SET name = $1, role = $2, disabled = $3, version = version + 1, "
                                "updated_at = $4, person_id = $7, client_id = $8 WHERE id = $5 AND version = $6");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, u->name);
    db_bind_text(st, 2, u->role);
    db_bind_int(st, 3, u->disabled);
    db_bind_text(st, 4, now);
    db_bind_int(st, 5, u->id);
    db_bind_int(st, 6, expected_version);
    store_bind_opt_int(st, 7, u->person_id > 0 ? u->person_id : -1); /* 0: a zeroed struct, none */
    store_bind_opt_int(st, 8, u->client_id > 0 ? u->client_id : -1);
    DbStatus s = db_run(st);
    if (s != DB_OK) return store_result(s);
    return db_changes(db) ? STORE_OK : STORE_STALE;
}

StoreResult store_user_set_password(Db *db, long long id, const char *password_hash) {
    DbStmt *st = db_prepare(db, "UPDATE users SET password_hash = $1, version = version + 1 WHERE id = $2");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, password_hash);
    db_bind_int(st, 2, id);
    DbStatus s = db_run(st);
    if (s != DB_OK) return store_result(s);
    return db_changes(db) ? STORE_OK : STORE_NOT_FOUND;
}

StoreResult store_user_person_taken(Db *db, long long person_id, long long except_id, bool *taken) {
    DbStmt *st = db_prepare(db, "SELECT 1 FROM users WHERE person_id = $1 AND id <> $2");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, person_id);
    db_bind_int(st, 2, except_id);
    DbStatus s = db_step(st);
    *taken = s == DB_ROW;
    return s == DB_ROW || s == DB_DONE ? STORE_OK : STORE_ERROR;
}

static bool handle_taken(Db *db, const char *h) {
    DbStmt *st = db_prepare(db, "SELECT 1 FROM users WHERE handle = $1");
    if (!st) return true;
    db_bind_text(st, 1, h);
    bool taken = db_step(st) == DB_ROW;
    db_reset_all(db);
    return taken;
}

const char *store_user_free_handle(Db *db, Arena *a, const char *name) {
    char *folded = text_fold(name);
    char base[48];
    size_t n = 0;
    bool dot = false;
    for (const char *p = folded ? folded : ""; *p && n < sizeof base - 1; p++) {
        if (isalnum((unsigned char)*p)) {
            if (dot && n) base[n++] = '.';
            dot = false;
            if (n < sizeof base - 1) base[n++] = *p;
        } else {
            dot = true;
        }
    }
    base[n] = '\0';
    free(folded);
    if (!n) strcpy(base, "user");
    const char *h = arena_strdup(a, base);
    for (int i = 2; handle_taken(db, h) && i < 10000; i++) h = arena_printf(a, "%s%d", base, i);
    return h;
}
