/* store/candidacies: the pipeline (see candidacies.h). */
#include "candidacies.h"
#include "../lib/timeutil.h"

#define CAND_COLS \
    "c.id, c.version, c.person_id, c.need_id, c.stage, c.reason, c.created_at, c.updated_at, " \
    "p.first_name || ' ' || p.last_name, p.kind, n.title, n.client_id, c.source, " \
    "c.owner_id, c.candidate_message, c.last_contact_at, c.first_answer_at"
#define CAND_FROM " FROM candidacies c JOIN people p ON p.id = c.person_id JOIN needs n ON n.id = c.need_id "

static void read_row(Arena *a, DbStmt *st, CandidacyRow *r) {
    r->c.id = db_col_int(st, 0);
    r->c.version = db_col_int(st, 1);
    r->c.person_id = db_col_int(st, 2);
    r->c.need_id = db_col_int(st, 3);
    r->c.stage = store_text(a, st, 4);
    r->c.reason = store_text(a, st, 5);
    r->c.created_at = store_text(a, st, 6);
    r->c.updated_at = store_text(a, st, 7);
    r->person_name = store_text(a, st, 8);
    r->person_kind = store_text(a, st, 9);
    r->need_title = store_text(a, st, 10);
    r->client_id = store_opt_int(st, 11);
    r->c.source = store_text(a, st, 12);
    r->c.owner_id = store_opt_int(st, 13);
    r->c.candidate_message = store_text(a, st, 14);
    r->c.last_contact_at = store_text(a, st, 15);
    r->c.first_answer_at = store_text(a, st, 16);
}

StoreResult store_candidacy_get(Db *db, Arena *a, long long id, CandidacyRow *c) {
    DbStmt *st = db_prepare(db, "SELECT " CAND_COLS CAND_FROM "WHERE c.id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return s == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
    read_row(a, st, c);
    return STORE_OK;
}

StoreResult store_candidacies_list(Db *db, Arena *a, const CandidaciesFilter *f, long long before_id, int limit,
                                   CandidacyRow **out, int *n) {
    DbStmt *st = db_prepare(db, "SELECT " CAND_COLS CAND_FROM "WHERE ($1 = 0 OR c.id < $1) "
                                "AND ($2 < 0 OR c.need_id = $2) AND ($3 < 0 OR c.person_id = $3) "
                                "AND (CAST($4 AS TEXT) IS NULL OR c.stage = $4) ORDER BY c.id DESC LIMIT $5");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, before_id);
    db_bind_int(st, 2, f->need_id);
    db_bind_int(st, 3, f->person_id);
    db_bind_text(st, 4, f->stage);
    db_bind_int(st, 5, limit);
    *out = arena_alloc(a, (size_t)limit * sizeof **out);
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) read_row(a, st, &(*out)[(*n)++]);
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_candidacy_insert(Db *db, Arena *a, Candidacy *c) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "INSERT INTO candidacies (person_id, need_id, stage, reason, created_at, updated_at, "
                                "source, owner_id, candidate_message, last_contact_at) "
                                "VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8, $5) RETURNING id");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, c->person_id);
    db_bind_int(st, 2, c->need_id);
    db_bind_text(st, 3, c->stage);
    db_bind_text(st, 4, c->reason);
    db_bind_text(st, 5, now);
    db_bind_text(st, 6, c->source);
    store_bind_opt_int(st, 7, c->owner_id > 0 ? c->owner_id : -1); /* 0 from a zeroed struct: none */
    db_bind_text(st, 8, c->candidate_message);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return store_result(s);
    c->id = db_col_int(st, 0);
    c->version = 1;
    c->created_at = c->updated_at = c->last_contact_at = arena_strdup(a, now);
    return STORE_OK;
}

StoreResult store_candidacy_update(Db *db, Arena *a, Candidacy *c, long long expected_version) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "UPDATE candidacies SET stage = $1, reason = $2, updated_at = $3, "
                                "owner_id = $6, candidate_message = $7, "
                                "version = version + 1 WHERE id = $4 AND version = $5");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, c->stage);
    db_bind_text(st, 2, c->reason);
    db_bind_text(st, 3, now);
    db_bind_int(st, 4, c->id);
    db_bind_int(st, 5, expected_version);
    store_bind_opt_int(st, 6, c->owner_id > 0 ? c->owner_id : -1); /* 0 from a zeroed struct: none */
    db_bind_text(st, 7, c->candidate_message);
    return store_run_versioned(db, st, a, expected_version, now, &c->version, &c->updated_at);
}
