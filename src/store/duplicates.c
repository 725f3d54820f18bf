/* store/duplicates: keys, flagged pairs and tags (see duplicates.h). */
#include "duplicates.h"
#include "../lib/timeutil.h"

/* Binds the person id, then the first n keys in column order (e-mail, phone, city, first, last, name). */
static void bind_keys(DbStmt *st, const PersonKeys *k, int n) {
    const char *keys[] = {k->email, k->phone, k->city, k->first, k->last, k->name};
    db_bind_int(st, 1, k->person_id);
    for (int i = 0; i < n; i++) db_bind_text(st, i + 2, keys[i]);
}

StoreResult store_person_keys_put(Db *db, const PersonKeys *k) {
    DbStmt *st = db_prepare(db, "INSERT INTO person_keys (person_id, email_key, phone_key, city_key, first_key, last_key, name_key) "
                                "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (person_id) DO UPDATE SET "
                                "email_key = excluded.email_key, phone_key = excluded.phone_key, city_key = excluded.city_key, "
                                "first_key = excluded.first_key, last_key = excluded.last_key, name_key = excluded.name_key");
    if (!st) return STORE_ERROR;
    bind_keys(st, k, 6);
    return store_result(db_run(st));
}

StoreResult store_person_keys_near(Db *db, Arena *a, const PersonKeys *k, PersonKeys **out, int *n) {
    /* Each OR branch has its index (the name ones both columns of theirs),
     * so both engines read only the matches. */
    DbStmt *st = db_prepare(db, "SELECT person_id, email_key, phone_key, city_key, first_key, last_key, name_key "
                                "FROM person_keys WHERE person_id <> $1 AND (email_key = $2 OR phone_key = $3 "
                                "OR (city_key = $4 AND first_key IN ($5, $6)) OR (city_key = $4 AND last_key IN ($5, $6))) "
                                "ORDER BY person_id LIMIT 200");
    if (!st) return STORE_ERROR;
    bind_keys(st, k, 5);
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, (size_t)*n, &cap, sizeof **out);
        (*out)[(*n)++] = (PersonKeys){db_col_int(st, 0), store_text(a, st, 1), store_text(a, st, 2), store_text(a, st, 3),
                                      store_text(a, st, 4), store_text(a, st, 5), store_text(a, st, 6)};
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_duplicate_flag(Db *db, long long a_id, long long b_id, const char *reasons, long long *pair_id) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "INSERT INTO duplicate_pairs (low_id, high_id, reasons, created_at) VALUES ($1, $2, $3, $4) "
                                "ON CONFLICT (low_id, high_id) DO UPDATE SET reasons = excluded.reasons RETURNING id");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, a_id < b_id ? a_id : b_id);
    db_bind_int(st, 2, a_id < b_id ? b_id : a_id);
    db_bind_text(st, 3, reasons);
    db_bind_text(st, 4, now);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return store_result(s);
    *pair_id = db_col_int(st, 0);
    db_reset_all(db);
    return STORE_OK;
}

static StoreResult read_pairs(Arena *a, DbStmt *st, DuplicatePair **out, int *n) {
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, (size_t)*n, &cap, sizeof **out);
        (*out)[(*n)++] = (DuplicatePair){db_col_int(st, 0), db_col_int(st, 1), db_col_int(st, 2), store_text(a, st, 3),
                                         store_text(a, st, 4)};
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_duplicates_list(Db *db, Arena *a, long long before_id, int limit, DuplicatePair **out, int *n) {
    DbStmt *st = db_prepare(db, "SELECT id, low_id, high_id, reasons, created_at FROM duplicate_pairs "
                                "WHERE dismissed = 0 AND ($1 = 0 OR id < $1) ORDER BY id DESC LIMIT $2");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, before_id);
    db_bind_int(st, 2, limit);
    return read_pairs(a, st, out, n);
}

StoreResult store_duplicates_of(Db *db, Arena *a, long long person_id, DuplicatePair **out, int *n) {
    DbStmt *st = db_prepare(db, "SELECT id, low_id, high_id, reasons, created_at FROM duplicate_pairs "
                                "WHERE dismissed = 0 AND (low_id = $1 OR high_id = $1) ORDER BY id LIMIT 50");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, person_id);
    return read_pairs(a, st, out, n);
}

StoreResult store_duplicate_dismiss(Db *db, long long pair_id) {
    DbStmt *st = db_prepare(db, "UPDATE duplicate_pairs SET dismissed = 1 WHERE id = $1 AND dismissed = 0");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, pair_id);
    DbStatus s = db_run(st);
    if (s != DB_OK) return store_result(s);
    return db_changes(db) ? STORE_OK : STORE_NOT_FOUND;
}

StoreResult store_people_without_keys(Db *db, Arena *a, Person **out, int *n) {
    DbStmt *st = db_prepare(db, "SELECT id, first_name, last_name, email, phone, location FROM people p "
                                "WHERE NOT EXISTS (SELECT 1 FROM person_keys k WHERE k.person_id = p.id) ORDER BY id");
    if (!st) return STORE_ERROR;
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, (size_t)*n, &cap, sizeof **out);
        (*out)[(*n)++] = (Person){.id = db_col_int(st, 0), .first_name = store_text(a, st, 1),
                                  .last_name = store_text(a, st, 2), .email = store_text(a, st, 3),
                                  .phone = store_text(a, st, 4), .location = store_text(a, st, 5), .daily_rate = -1};
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_person_tags(Db *db, Arena *a, long long person_id, const char ***out, int *n) {
    DbStmt *st = db_prepare(db, "SELECT tag FROM person_tags WHERE person_id = $1 ORDER BY tag");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, person_id);
    return store_read_texts(a, st, out, n);
}

StoreResult store_person_tag_add(Db *db, long long person_id, const char *tag) {
    DbStmt *st = db_prepare(db, "INSERT INTO person_tags (person_id, tag) VALUES ($1, $2) ON CONFLICT DO NOTHING");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, person_id);
    db_bind_text(st, 2, tag);
    return store_result(db_run(st));
}
