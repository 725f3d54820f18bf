/* store/legal_bases: legal bases, retention facts, renewal links (see .h). */
#include "legal_bases.h"
#include <time.h>
#include "../lib/timeutil.h"

#define BASIS_COLUMNS                                                                                             \
    "id, version, person_id, candidacy_id, recorded_by, purpose, basis, source, obtained_at, renewed_at, "         \
    "withdrawn_at, note, created_at, updated_at"

static void read_basis(Arena *a, DbStmt *st, LegalBasis *b) {
    *b = (LegalBasis){db_col_int(st, 0),       db_col_int(st, 1),       db_col_int(st, 2),
                      store_opt_int(st, 3),    store_opt_int(st, 4),    store_text(a, st, 5),
                      store_text(a, st, 6),    store_text(a, st, 7),    store_text(a, st, 8),
                      store_text(a, st, 9),    store_text(a, st, 10),   store_text(a, st, 11),
                      store_text(a, st, 12),   store_text(a, st, 13)};
}

/* One row of st into b, NOT_FOUND when none. */
static StoreResult one_basis(Db *db, Arena *a, DbStmt *st, LegalBasis *b) {
    DbStatus s = db_step(st);
    if (s == DB_DONE) return STORE_NOT_FOUND;
    if (s != DB_ROW) return STORE_ERROR;
    read_basis(a, st, b);
    db_reset_all(db);
    return STORE_OK;
}

StoreResult store_legal_basis_insert(Db *db, Arena *a, LegalBasis *b) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "INSERT INTO legal_bases (person_id, candidacy_id, purpose, basis, source, obtained_at, "
                                "recorded_by, note, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) "
                                "RETURNING id");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, b->person_id);
    store_bind_opt_int(st, 2, b->candidacy_id);
    db_bind_text(st, 3, b->purpose);
    db_bind_text(st, 4, b->basis);
    db_bind_text(st, 5, b->source);
    db_bind_text(st, 6, b->obtained_at ? b->obtained_at : now);
    store_bind_opt_int(st, 7, b->recorded_by);
    db_bind_text(st, 8, b->note);
    db_bind_text(st, 9, now);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return store_result(s);
    b->id = db_col_int(st, 0);
    db_reset_all(db);
    b->version = 1;
    b->created_at = b->updated_at = arena_strdup(a, now);
    if (!b->obtained_at) b->obtained_at = b->created_at;
    b->renewed_at = b->withdrawn_at = NULL;
    return STORE_OK;
}

StoreResult store_legal_basis_get(Db *db, Arena *a, long long id, LegalBasis *b) {
    DbStmt *st = db_prepare(db, "SELECT " BASIS_COLUMNS " FROM legal_bases WHERE id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    return one_basis(db, a, st, b);
}

StoreResult store_legal_bases_of(Db *db, Arena *a, long long person_id, LegalBasis **out, int *n) {
    DbStmt *st = db_prepare(db, "SELECT " BASIS_COLUMNS " FROM legal_bases WHERE person_id = $1 ORDER BY id");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, person_id);
    size_t cap = 4;
    *out = arena_alloc(a, cap * sizeof **out);
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, (size_t)*n, &cap, sizeof **out);
        if (!*out) return STORE_ERROR;
        read_basis(a, st, &(*out)[(*n)++]);
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_pool_consent_of(Db *db, Arena *a, long long person_id, LegalBasis *b) {
    DbStmt *st = db_prepare(db, "SELECT " BASIS_COLUMNS " FROM legal_bases WHERE person_id = $1 "
                                "AND purpose = 'talent_pool' AND withdrawn_at IS NULL ORDER BY id DESC LIMIT 1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, person_id);
    return one_basis(db, a, st, b);
}

StoreResult store_legal_basis_mark(Db *db, Arena *a, LegalBasis *b, bool withdrawn, const char *now) {
    DbStmt *st = withdrawn
                     ? db_prepare(db, "UPDATE legal_bases SET withdrawn_at = $1, updated_at = $1, version = version + 1 "
                                      "WHERE id = $2 AND version = $3")
                     : db_prepare(db, "UPDATE legal_bases SET renewed_at = $1, updated_at = $1, version = version + 1 "
                                      "WHERE id = $2 AND version = $3");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, now);
    db_bind_int(st, 2, b->id);
    db_bind_int(st, 3, b->version);
    StoreResult r = store_run_versioned(db, st, a, b->version, now, &b->version, &b->updated_at);
    if (r == STORE_OK) *(withdrawn ? &b->withdrawn_at : &b->renewed_at) = b->updated_at;
    return r;
}

StoreResult store_retention_rows(Db *db, Arena *a, long long person_id, RetentionRow **out, int *n) {
    DbStmt *st = db_prepare(
        db, "SELECT p.id, p.kind, p.first_name, p.last_name, p.email, p.language, p.created_at, "
            "(SELECT count(*) FROM candidacies c WHERE c.person_id = p.id AND c.stage NOT IN ('rejected', 'withdrawn')), "
            "(SELECT max(c.updated_at) FROM candidacies c WHERE c.person_id = p.id), "
            "(SELECT max(b.obtained_at) FROM legal_bases b WHERE b.person_id = p.id AND b.purpose = 'recruitment'), "
            "(SELECT max(c.last_contact_at) FROM candidacies c WHERE c.person_id = p.id), "
            "(SELECT max(coalesce(b.renewed_at, b.obtained_at)) FROM legal_bases b WHERE b.person_id = p.id "
            "   AND b.purpose = 'talent_pool' AND b.withdrawn_at IS NULL) "
            "FROM people p WHERE p.erased_at IS NULL AND ($1 < 0 OR p.id = $1) ORDER BY p.id");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, person_id);
    size_t cap = 64;
    *out = arena_alloc(a, cap * sizeof **out);
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, (size_t)*n, &cap, sizeof **out);
        if (!*out) return STORE_ERROR;
        (*out)[(*n)++] = (RetentionRow){db_col_int(st, 0),     store_text(a, st, 1),  store_text(a, st, 2),
                                        store_text(a, st, 3),  store_text(a, st, 4),  store_text(a, st, 5),
                                        store_text(a, st, 6),  db_col_int(st, 7) > 0, store_text(a, st, 8),
                                        store_text(a, st, 9),  store_text(a, st, 10), store_text(a, st, 11)};
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_retention_notice_find(Db *db, long long person_id, const char *until, const char **sent_at, Arena *a) {
    DbStmt *st = db_prepare(db, "SELECT sent_at FROM retention_notices WHERE person_id = $1 AND retention_until = $2");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, person_id);
    db_bind_text(st, 2, until);
    DbStatus s = db_step(st);
    *sent_at = s == DB_ROW ? store_text(a, st, 0) : NULL;
    db_reset_all(db);
    return s == DB_ROW || s == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_retention_notice_add(Db *db, long long person_id, const char *until, const char *now) {
    DbStmt *st = db_prepare(db, "INSERT INTO retention_notices (person_id, retention_until, sent_at) VALUES ($1, $2, $3)");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, person_id);
    db_bind_text(st, 2, until);
    db_bind_text(st, 3, now);
    return store_result(db_run(st));
}

StoreResult store_privacy_link_create(Db *db, long long person_id, int days, char token[SECRET_TOKEN_LEN]) {
    char hash[SECRET_HASH_LEN], now[21], expires[21];
    secret_token(token);
    secret_token_hash(token, hash);
    time_t t = time(NULL);
    time_iso(t, now);
    time_iso(t + (time_t)days * 86400, expires);
    DbStmt *st = db_prepare(db, "INSERT INTO privacy_links (person_id, token_hash, created_at, expires_at) "
                                "VALUES ($1, $2, $3, $4)");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, person_id);
    db_bind_text(st, 2, hash);
    db_bind_text(st, 3, now);
    db_bind_text(st, 4, expires);
    return store_result(db_run(st));
}

StoreResult store_privacy_link_find(Db *db, const char *token, const char *now, long long *person_id) {
    char hash[SECRET_HASH_LEN];
    secret_token_hash(token, hash);
    DbStmt *st = db_prepare(db, "SELECT l.person_id FROM privacy_links l JOIN people p ON p.id = l.person_id "
                                "WHERE l.token_hash = $1 AND l.expires_at > $2 AND p.erased_at IS NULL");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, hash);
    db_bind_text(st, 2, now);
    DbStatus r = db_step(st);
    if (r != DB_ROW) return r == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
    *person_id = db_col_int(st, 0);
    db_reset_all(db);
    return STORE_OK;
}
