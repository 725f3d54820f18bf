/* store/surveys: satisfaction surveys (see surveys.h). */
#include "surveys.h"
#include "../lib/timeutil.h"

#define SURVEY_COLS \
    "s.id, s.version, s.client_id, s.contact_id, s.need_id, c.name, s.score, s.comment, s.created_at, " \
    "s.expires_at, s.answered_at"
#define SURVEY_FROM " FROM surveys s JOIN contacts c ON c.id = s.contact_id "

static void read_survey(Arena *a, DbStmt *st, Survey *s) {
    s->id = db_col_int(st, 0);
    s->version = db_col_int(st, 1);
    s->client_id = db_col_int(st, 2);
    s->contact_id = db_col_int(st, 3);
    s->need_id = store_opt_int(st, 4);
    s->contact_name = store_text(a, st, 5);
    s->score = (int)store_opt_int(st, 6);
    s->comment = store_text(a, st, 7);
    s->created_at = store_text(a, st, 8);
    s->expires_at = store_text(a, st, 9);
    s->answered_at = store_text(a, st, 10);
}

StoreResult store_survey_insert(Db *db, Survey *s, const char *token_hash, long long created_by) {
    DbStmt *st = db_prepare(db, "INSERT INTO surveys (client_id, contact_id, need_id, token_hash, created_by, "
                                "created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, s->client_id);
    db_bind_int(st, 2, s->contact_id);
    store_bind_opt_int(st, 3, s->need_id);
    db_bind_text(st, 4, token_hash);
    store_bind_opt_int(st, 5, created_by);
    db_bind_text(st, 6, s->created_at);
    db_bind_text(st, 7, s->expires_at);
    DbStatus r = db_step(st);
    if (r != DB_ROW) return store_result(r);
    s->id = db_col_int(st, 0);
    s->version = 1;
    s->score = -1;
    db_reset_all(db);
    return STORE_OK;
}

StoreResult store_survey_by_token(Db *db, Arena *a, const char *token_hash, Survey *s) {
    DbStmt *st = db_prepare(db, "SELECT " SURVEY_COLS SURVEY_FROM "WHERE s.token_hash = $1");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, token_hash);
    DbStatus r = db_step(st);
    if (r != DB_ROW) return r == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
    read_survey(a, st, s);
    db_reset_all(db);
    return STORE_OK;
}

StoreResult store_survey_answer(Db *db, long long id, int score, const char *comment, const char *now) {
    DbStmt *st = db_prepare(db, "UPDATE surveys SET score = $1, comment = $2, answered_at = $3, version = version + 1 "
                                "WHERE id = $4 AND answered_at IS NULL");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, score);
    db_bind_text(st, 2, comment);
    db_bind_text(st, 3, now);
    db_bind_int(st, 4, id);
    DbStatus r = db_run(st);
    if (r != DB_OK) return store_result(r);
    return db_changes(db) ? STORE_OK : STORE_CONFLICT;
}

StoreResult store_surveys_list(Db *db, Arena *a, long long client_id, long long before_id, int limit, Survey **out,
                               int *n) {
    DbStmt *st = db_prepare(db, "SELECT " SURVEY_COLS SURVEY_FROM "WHERE ($1 = 0 OR s.id < $1) "
                                "AND ($2 < 0 OR s.client_id = $2) ORDER BY s.id DESC LIMIT $3");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, before_id);
    db_bind_int(st, 2, client_id);
    db_bind_int(st, 3, limit);
    *out = arena_alloc(a, (size_t)limit * sizeof **out);
    *n = 0;
    DbStatus r;
    while ((r = db_step(st)) == DB_ROW) read_survey(a, st, &(*out)[(*n)++]);
    return r == DB_DONE ? STORE_OK : STORE_ERROR;
}
