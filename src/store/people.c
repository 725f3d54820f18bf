/* store/people: people and person_skills (see people.h). */
#include "people.h"
#include <string.h>
#include "../lib/timeutil.h"
#include "people_index.h"

#define PERSON_COLS \
    "id, version, kind, first_name, last_name, email, phone, location, available_from, daily_rate, created_at, updated_at, " \
    "language"

static void read_person(Arena *a, DbStmt *st, Person *p) {
    p->id = db_col_int(st, 0);
    p->version = db_col_int(st, 1);
    p->kind = store_text(a, st, 2);
    p->first_name = store_text(a, st, 3);
    p->last_name = store_text(a, st, 4);
    p->email = store_text(a, st, 5);
    p->phone = store_text(a, st, 6);
    p->location = store_text(a, st, 7);
    p->available_from = store_text(a, st, 8);
    p->daily_rate = store_opt_int(st, 9);
    p->created_at = store_text(a, st, 10);
    p->updated_at = store_text(a, st, 11);
    p->language = store_text(a, st, 12);
}

static StoreResult load_skills(Db *db, Arena *a, Person *p) {
    DbStmt *st = db_prepare(db, "SELECT skill, level, years FROM person_skills WHERE person_id = $1 "
                                "ORDER BY level DESC, skill");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, p->id);
    size_t cap = 0;
    p->skills = NULL;
    p->nskills = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        p->skills = arena_grow(a, p->skills, (size_t)p->nskills, &cap, sizeof *p->skills);
        p->skills[p->nskills++] = (PersonSkill){store_text(a, st, 0), (int)db_col_int(st, 1), (int)store_opt_int(st, 2)};
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

/* Reads every row of a prepared people query, then their skills. */
static StoreResult read_people(Db *db, Arena *a, DbStmt *st, Person **out, int *n) {
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, (size_t)*n, &cap, sizeof **out);
        read_person(a, st, &(*out)[(*n)++]);
    }
    if (s != DB_DONE) return STORE_ERROR;
    for (int i = 0; i < *n; i++)
        if (load_skills(db, a, &(*out)[i]) != STORE_OK) return STORE_ERROR;
    return STORE_OK;
}

StoreResult store_person_get(Db *db, Arena *a, long long id, Person *p) {
    DbStmt *st = db_prepare(db, "SELECT " PERSON_COLS " FROM people WHERE id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return s == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
    read_person(a, st, p);
    db_reset_all(db);
    return load_skills(db, a, p);
}

StoreResult store_people_list(Db *db, Arena *a, const PeopleFilter *f, long long before_id, int limit,
                              Person **out, int *n) {
    /* ?q= matches a substring of the name or e-mail, or the full-text
     * index (name, skills, CV text: people_index.h) */
#define LIST_WHERE(fulltext)                                                                                        \
    "SELECT " PERSON_COLS " FROM people p WHERE ($1 = 0 OR id < $1) "                                              \
    "AND (CAST($2 AS TEXT) IS NULL OR kind = $2) "                                                                   \
    "AND (CAST($3 AS TEXT) IS NULL OR search LIKE $3 ESCAPE '\\' OR (CAST($6 AS TEXT) IS NOT NULL AND id IN (" fulltext "))) "                        \
    "AND (CAST($4 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM person_skills s WHERE s.person_id = p.id AND s.skill = $4)) " \
    "AND ($7 = 0 OR id = $7) "                                                                                       \
    "ORDER BY id DESC LIMIT $5"
    DbStmt *st = store_is_postgresql(db)
                     ? db_prepare(db, LIST_WHERE("SELECT person_id FROM person_text WHERE (to_tsvector('simple', body) || "
                                                 "to_tsvector('french', body) || to_tsvector('english', body)) @@ "
                                                 "(to_tsquery('simple', $6) || to_tsquery('french', $6) || "
                                                 "to_tsquery('english', $6))"))
                     : db_prepare(db, LIST_WHERE("SELECT rowid FROM people_fts WHERE people_fts MATCH $6"));
#undef LIST_WHERE
    if (!st) return STORE_ERROR;
    db_bind_text(st, 6, f->q ? store_fulltext_query(db, a, f->q) : (store_is_postgresql(db) ? NULL : "\"\""));
    db_bind_int(st, 1, before_id);
    db_bind_text(st, 2, f->kind);
    db_bind_text(st, 3, store_search_pattern(a, f->q));
    db_bind_text(st, 4, f->skill);
    db_bind_int(st, 5, limit);
    db_bind_int(st, 7, f->person_id);
    return read_people(db, a, st, out, n);
}

static StoreResult insert_skills(Db *db, const Person *p) {
    for (int i = 0; i < p->nskills; i++) {
        DbStmt *st = db_prepare(db, "INSERT INTO person_skills (person_id, skill, level, years) VALUES ($1, $2, $3, $4)");
        if (!st) return STORE_ERROR;
        db_bind_int(st, 1, p->id);
        db_bind_text(st, 2, p->skills[i].skill);
        db_bind_int(st, 3, p->skills[i].level);
        store_bind_opt_int(st, 4, p->skills[i].years);
        StoreResult r = store_result(db_run(st));
        if (r != STORE_OK) return r;
    }
    return STORE_OK;
}

/* Name both ways round and e-mail: "awa diallo diallo awa awa@example.org". */
static const char *person_search(Arena *a, const Person *p) {
    const char *words[] = {p->first_name, p->last_name, p->last_name, p->first_name, p->email};
    return store_search_text(a, words, 5);
}

static void bind_fields(DbStmt *st, const Person *p) {
    db_bind_text(st, 1, p->kind);
    db_bind_text(st, 2, p->first_name);
    db_bind_text(st, 3, p->last_name);
    db_bind_text(st, 4, p->email);
    db_bind_text(st, 5, p->phone);
    db_bind_text(st, 6, p->location);
    db_bind_text(st, 7, p->available_from);
    store_bind_opt_int(st, 8, p->daily_rate);
}

StoreResult store_person_insert(Db *db, Arena *a, Person *p) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "INSERT INTO people (kind, first_name, last_name, email, phone, location, "
                                "available_from, daily_rate, created_at, updated_at, search, language) "
                                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11) RETURNING id");
    if (!st) return STORE_ERROR;
    bind_fields(st, p);
    db_bind_text(st, 9, now);
    db_bind_text(st, 10, person_search(a, p));
    db_bind_text(st, 11, p->language ? p->language : "fr");
    DbStatus s = db_step(st);
    if (s != DB_ROW) return store_result(s);
    p->id = db_col_int(st, 0);
    p->version = 1;
    p->created_at = p->updated_at = arena_strdup(a, now);
    db_reset_all(db);
    StoreResult r = insert_skills(db, p);
    return r == STORE_OK ? store_person_index(db, a, p->id) : r;
}

StoreResult store_person_update(Db *db, Arena *a, Person *p, long long expected_version) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "UPDATE people SET kind = $1, first_name = $2, last_name = $3, email = $4, "
                                "phone = $5, location = $6, available_from = $7, daily_rate = $8, "
                                "updated_at = $9, search = $12, language = $13, version = version + 1 WHERE id = $10 AND version = $11");
    if (!st) return STORE_ERROR;
    bind_fields(st, p);
    db_bind_text(st, 9, now);
    db_bind_int(st, 10, p->id);
    db_bind_int(st, 11, expected_version);
    db_bind_text(st, 12, person_search(a, p));
    db_bind_text(st, 13, p->language ? p->language : "fr");
    StoreResult r = store_run_versioned(db, st, a, expected_version, now, &p->version, &p->updated_at);
    if (r != STORE_OK) return r;
    st = db_prepare(db, "DELETE FROM person_skills WHERE person_id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, p->id);
    if (db_run(st) != DB_OK) return STORE_ERROR;
    r = insert_skills(db, p);
    return r == STORE_OK ? store_person_index(db, a, p->id) : r;
}

StoreResult store_person_delete(Db *db, long long id) {
    DbStmt *st = db_prepare(db, "DELETE FROM people WHERE id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    DbStatus s = db_run(st);
    if (s != DB_OK) return store_result(s);
    return db_changes(db) ? STORE_OK : STORE_NOT_FOUND;
}

StoreResult store_people_with_skills(Db *db, Arena *a, const char *const *skills, int nskills, Person **out,
                                     int *n) {
    /* One statement per need size would multiply prepared statements; the
     * skills go in as one comma-separated parameter (",java,sql,") matched
     * with LIKE, which every engine speaks. Skill ids are [a-z0-9-]. */
    size_t len = 2;
    for (int i = 0; i < nskills; i++) len += strlen(skills[i]) + 1;
    char *list = arena_alloc(a, len), *w = list;
    *w++ = ',';
    for (int i = 0; i < nskills; i++) {
        size_t l = strlen(skills[i]);
        memcpy(w, skills[i], l);
        w += l;
        *w++ = ',';
    }
    DbStmt *st = db_prepare(db, "SELECT " PERSON_COLS " FROM people WHERE id IN "
                                "(SELECT person_id FROM person_skills WHERE $1 LIKE '%,' || skill || ',%') "
                                "ORDER BY id");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, list);
    return read_people(db, a, st, out, n);
}
