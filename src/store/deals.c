/* store/deals: deals, deal_needs and reviews (see deals.h). */
#include "deals.h"
#include "../lib/timeutil.h"

#define DEAL_COLS \
    "d.id, d.version, d.client_id, c.name, d.title, d.amount, d.expected_close, d.owner_id, u.name, d.stage, " \
    "d.lost_reason, d.review_requested, d.created_at, d.updated_at, r.id, r.verdict, r.effort_days, r.risks, " \
    "r.conditions, r.reviewer_id, ru.name, r.created_at"
#define DEAL_FROM \
    " FROM deals d JOIN clients c ON c.id = d.client_id LEFT JOIN users u ON u.id = d.owner_id " \
    "LEFT JOIN reviews r ON r.id = d.latest_review_id LEFT JOIN users ru ON ru.id = r.reviewer_id "

static void read_deal(Arena *a, DbStmt *st, Deal *d) {
    d->id = db_col_int(st, 0);
    d->version = db_col_int(st, 1);
    d->client_id = db_col_int(st, 2);
    d->client_name = store_text(a, st, 3);
    d->title = store_text(a, st, 4);
    d->amount = db_col_int(st, 5);
    d->expected_close = store_text(a, st, 6);
    d->owner_id = store_opt_int(st, 7);
    d->owner_name = store_text(a, st, 8);
    d->stage = store_text(a, st, 9);
    d->lost_reason = store_text(a, st, 10);
    d->review_requested = db_col_int(st, 11) != 0;
    d->created_at = store_text(a, st, 12);
    d->updated_at = store_text(a, st, 13);
    d->has_review = !db_col_is_null(st, 14);
    d->latest_review = (Review){0};
    if (d->has_review) {
        Review *r = &d->latest_review;
        r->id = db_col_int(st, 14);
        r->deal_id = d->id;
        r->verdict = store_text(a, st, 15);
        r->effort_days = db_col_int(st, 16);
        r->risks = store_text(a, st, 17);
        r->conditions = store_text(a, st, 18);
        r->reviewer_id = store_opt_int(st, 19);
        r->reviewer_name = store_text(a, st, 20);
        r->created_at = store_text(a, st, 21);
    }
}

static StoreResult load_needs(Db *db, Arena *a, Deal *d) {
    DbStmt *st = db_prepare(db, "SELECT need_id FROM deal_needs WHERE deal_id = $1 ORDER BY need_id");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, d->id);
    size_t cap = 0;
    d->need_ids = NULL;
    d->nneeds = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        d->need_ids = arena_grow(a, d->need_ids, (size_t)d->nneeds, &cap, sizeof *d->need_ids);
        d->need_ids[d->nneeds++] = db_col_int(st, 0);
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

static StoreResult read_deals(Db *db, Arena *a, DbStmt *st, Deal **out, int *n) {
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, (size_t)*n, &cap, sizeof **out);
        read_deal(a, st, &(*out)[(*n)++]);
    }
    if (s != DB_DONE) return STORE_ERROR;
    for (int i = 0; i < *n; i++)
        if (load_needs(db, a, &(*out)[i]) != STORE_OK) return STORE_ERROR;
    return STORE_OK;
}

StoreResult store_deal_get(Db *db, Arena *a, long long id, Deal *d) {
    DbStmt *st = db_prepare(db, "SELECT " DEAL_COLS DEAL_FROM "WHERE d.id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return s == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
    read_deal(a, st, d);
    db_reset_all(db);
    return load_needs(db, a, d);
}

StoreResult store_deals_list(Db *db, Arena *a, const DealsFilter *f, long long before_id, int limit, Deal **out,
                             int *n) {
    DbStmt *st = db_prepare(db, "SELECT " DEAL_COLS DEAL_FROM "WHERE ($1 = 0 OR d.id < $1) "
                                "AND (CAST($2 AS TEXT) IS NULL OR d.stage = $2) AND ($3 < 0 OR d.client_id = $3) "
                                "ORDER BY d.id DESC LIMIT $4");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, before_id);
    db_bind_text(st, 2, f->stage);
    db_bind_int(st, 3, f->client_id);
    db_bind_int(st, 4, limit);
    return read_deals(db, a, st, out, n);
}

StoreResult store_deals_review_requested(Db *db, Arena *a, Deal **out, int *n) {
    DbStmt *st = db_prepare(db, "SELECT " DEAL_COLS DEAL_FROM "WHERE d.review_requested = 1 "
                                "ORDER BY d.review_requested_at, d.id LIMIT 200");
    if (!st) return STORE_ERROR;
    return read_deals(db, a, st, out, n);
}

static StoreResult insert_needs(Db *db, const Deal *d) {
    for (int i = 0; i < d->nneeds; i++) {
        DbStmt *st = db_prepare(db, "INSERT INTO deal_needs (deal_id, need_id) VALUES ($1, $2)");
        if (!st) return STORE_ERROR;
        db_bind_int(st, 1, d->id);
        db_bind_int(st, 2, d->need_ids[i]);
        StoreResult r = store_result(db_run(st));
        if (r != STORE_OK) return r;
    }
    return STORE_OK;
}

static void bind_deal(DbStmt *st, const Deal *d) {
    db_bind_int(st, 1, d->client_id);
    db_bind_text(st, 2, d->title);
    db_bind_int(st, 3, d->amount);
    db_bind_text(st, 4, d->expected_close);
    store_bind_opt_int(st, 5, d->owner_id);
    db_bind_text(st, 6, d->stage);
    db_bind_text(st, 7, d->lost_reason);
}

StoreResult store_deal_insert(Db *db, Arena *a, Deal *d) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "INSERT INTO deals (client_id, title, amount, expected_close, owner_id, stage, "
                                "lost_reason, review_requested, review_requested_at, created_at, updated_at) "
                                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $10, $9, $9) RETURNING id");
    if (!st) return STORE_ERROR;
    bind_deal(st, d);
    db_bind_int(st, 8, d->review_requested);
    db_bind_text(st, 9, now);
    db_bind_text(st, 10, d->review_requested ? now : NULL);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return store_result(s);
    d->id = db_col_int(st, 0);
    d->version = 1;
    d->created_at = d->updated_at = arena_strdup(a, now);
    db_reset_all(db);
    return insert_needs(db, d);
}

StoreResult store_deal_update(Db *db, Arena *a, Deal *d, long long expected_version) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "UPDATE deals SET client_id = $1, title = $2, amount = $3, expected_close = $4, "
                                "owner_id = $5, stage = $6, lost_reason = $7, updated_at = $8, version = version + 1 "
                                "WHERE id = $9 AND version = $10");
    if (!st) return STORE_ERROR;
    bind_deal(st, d);
    db_bind_text(st, 8, now);
    db_bind_int(st, 9, d->id);
    db_bind_int(st, 10, expected_version);
    StoreResult r = store_run_versioned(db, st, a, expected_version, now, &d->version, &d->updated_at);
    if (r != STORE_OK) return r;
    st = db_prepare(db, "DELETE FROM deal_needs WHERE deal_id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, d->id);
    if (db_run(st) != DB_OK) return STORE_ERROR;
    return insert_needs(db, d);
}

StoreResult store_deal_request_review(Db *db, long long id) {
    char now[21];
    time_now_iso(now);
    /* asking again changes nothing: the deal keeps its place in the queue */
    DbStmt *st = db_prepare(db, "UPDATE deals SET review_requested = 1, review_requested_at = $2, updated_at = $2, "
                                "version = version + 1 WHERE id = $1 AND review_requested = 0");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, now);
    return store_result(db_run(st));
}

StoreResult store_review_insert(Db *db, Arena *a, Review *r) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "INSERT INTO reviews (deal_id, verdict, effort_days, risks, conditions, reviewer_id, "
                                "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, r->deal_id);
    db_bind_text(st, 2, r->verdict);
    db_bind_int(st, 3, r->effort_days);
    db_bind_text(st, 4, r->risks);
    db_bind_text(st, 5, r->conditions);
    store_bind_opt_int(st, 6, r->reviewer_id);
    db_bind_text(st, 7, now);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return store_result(s);
    r->id = db_col_int(st, 0);
    r->created_at = arena_strdup(a, now);
    db_reset_all(db);
    /* a review changes the deal (its gate): a new version, out of the queue */
    st = db_prepare(db, "UPDATE deals SET latest_review_id = $1, review_requested = 0, review_requested_at = NULL, "
                        "updated_at = $3, version = version + 1 WHERE id = $2");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, r->id);
    db_bind_int(st, 2, r->deal_id);
    db_bind_text(st, 3, now);
    return store_result(db_run(st));
}

StoreResult store_reviews_list(Db *db, Arena *a, long long deal_id, Review **out, int *n) {
    DbStmt *st = db_prepare(db, "SELECT r.id, r.deal_id, r.verdict, r.effort_days, r.risks, r.conditions, "
                                "r.reviewer_id, u.name, r.created_at FROM reviews r "
                                "LEFT JOIN users u ON u.id = r.reviewer_id WHERE r.deal_id = $1 ORDER BY r.id DESC");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, deal_id);
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, (size_t)*n, &cap, sizeof **out);
        (*out)[(*n)++] = (Review){db_col_int(st, 0),          db_col_int(st, 1),     store_text(a, st, 2),
                                  db_col_int(st, 3),          store_text(a, st, 4),  store_text(a, st, 5),
                                  store_opt_int(st, 6),       store_text(a, st, 7),  store_text(a, st, 8)};
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_need_deal_review(Db *db, long long need_id, bool *in_deal, bool *reviewed) {
    DbStmt *st = db_prepare(db, "SELECT count(*), COALESCE(SUM(CASE WHEN r.verdict IN ('go','go_with_conditions') "
                                "THEN 1 ELSE 0 END), 0) FROM deal_needs dn JOIN deals d ON d.id = dn.deal_id "
                                "LEFT JOIN reviews r ON r.id = d.latest_review_id WHERE dn.need_id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, need_id);
    if (db_step(st) != DB_ROW) return STORE_ERROR;
    *in_deal = db_col_int(st, 0) > 0;
    *reviewed = db_col_int(st, 1) > 0;
    db_reset_all(db);
    return STORE_OK;
}
