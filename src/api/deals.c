/* deals: what sales sell, and the feasibility gate. A deal is won only
 * after a tech lead (or a manager) recorded a positive latest review;
 * asking for a review puts the deal on the reviewers' list. */
#include <stdlib.h>
#include <string.h>
#include "../domain/sales.h"
#include "../store/clients.h"
#include "../store/deals.h"
#include "../store/needs.h"
#include "../http/event_log.h"
#include "api.h"

static const FieldSpec DEAL[] = {
    {"client_id", F_ID, true, 1, 1LL << 53, NULL},
    {"title", F_STRING, true, 0, 200, NULL},
    {"amount", F_INT, true, 0, 100000000000000LL, NULL},
    {"expected_close", F_DATE, false, 0, 10, NULL},
    {"owner_id", F_ID, false, 1, 1LL << 53, NULL},
    {"need_ids", F_ARRAY, false, 0, 50, NULL},
    {"stage", F_ENUM, false, 0, 0, DEAL_STAGES, .not_null = true},
    {"lost_reason", F_TEXT, false, 0, 2000, NULL},
    {"id", F_IGNORED, false, 0, 0, NULL},
    {"version", F_IGNORED, false, 0, 0, NULL},
    {"client_name", F_IGNORED, false, 0, 0, NULL},
    {"owner_name", F_IGNORED, false, 0, 0, NULL},
    {"latest_review", F_IGNORED, false, 0, 0, NULL},
    {"review_requested", F_IGNORED, false, 0, 0, NULL},
    {"created_at", F_IGNORED, false, 0, 0, NULL},
    {"updated_at", F_IGNORED, false, 0, 0, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

static const FieldSpec REVIEW[] = {
    {"verdict", F_ENUM, true, 0, 0, REVIEW_VERDICTS},
    {"effort_days", F_INT, true, 0, 10000, NULL},
    {"risks", F_TEXT, false, 0, 10000, NULL},
    {"conditions", F_TEXT, false, 0, 10000, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

static json_t *review_json(const Review *r) {
    return json_pack("{s:I, s:I, s:s, s:I, s:o, s:o, s:o, s:o, s:s}", "id", r->id, "deal_id", r->deal_id, "verdict",
                     r->verdict, "effort_days", r->effort_days, "risks", json_str_or_null(r->risks), "conditions",
                     json_str_or_null(r->conditions), "reviewer_id", json_int_or_null(r->reviewer_id), "reviewer_name",
                     json_str_or_null(r->reviewer_name), "created_at", r->created_at);
}

json_t *deal_json(const Deal *d) {
    json_t *needs = json_array();
    for (int i = 0; i < d->nneeds; i++) json_array_append_new(needs, json_integer(d->need_ids[i]));
    return json_pack("{s:I, s:I, s:I, s:s, s:s, s:I, s:o, s:o, s:o, s:o, s:s, s:o, s:o, s:b, s:s, s:s}", "id", d->id,
                     "version", d->version, "client_id", d->client_id, "client_name", d->client_name, "title",
                     d->title, "amount", d->amount, "expected_close", json_str_or_null(d->expected_close), "owner_id",
                     json_int_or_null(d->owner_id), "owner_name", json_str_or_null(d->owner_name), "need_ids", needs,
                     "stage", d->stage, "lost_reason", json_str_or_null(d->lost_reason), "latest_review",
                     d->has_review ? review_json(&d->latest_review) : json_null(), "review_requested",
                     d->review_requested, "created_at", d->created_at, "updated_at", d->updated_at);
}

/* need_ids: distinct ids of needs of the deal's client. */
static void read_need_ids(Request *rq, json_t *arr, Deal *d, json_t *errs) {
    size_t n = json_array_size(arr);
    d->need_ids = arena_alloc(&rq->arena, (n + 1) * sizeof *d->need_ids);
    d->nneeds = 0;
    for (size_t i = 0; i < n; i++) {
        json_t *v = json_array_get(arr, i);
        if (!json_is_integer(v) || json_integer_value(v) < 1) {
            errors_add(rq, errs, "need_ids", "must_be_id_list");
            return;
        }
        long long id = json_integer_value(v);
        bool twice = false;
        for (int k = 0; k < d->nneeds; k++) twice |= d->need_ids[k] == id;
        if (!twice) d->need_ids[d->nneeds++] = id;
    }
}

static void check_needs(Request *rq, const Deal *d, json_t *errs) {
    for (int i = 0; i < d->nneeds; i++) {
        Need n;
        StoreResult r = store_need_get(rq->db, &rq->arena, d->need_ids[i], &n);
        if (r == STORE_NOT_FOUND) {
            errors_add(rq, errs, "need_ids", "no_such_need_id", d->need_ids[i]);
            return;
        }
        if (r == STORE_OK && n.client_id != d->client_id) {
            errors_add(rq, errs, "need_ids", "need_of_other_client", d->need_ids[i]);
            return;
        }
    }
}

/* Overlays j on d (from: the stage before, NULL on create) and checks the
 * fields, the client, the needs, the owner, the lost reason and the won gate. */
static bool read_deal(Request *rq, Response *rs, json_t *j, bool partial, const char *from, Deal *d) {
    json_t *errs = json_array();
    validate_object(rq, j, DEAL, partial, errs);
    jset_int(j, "client_id", &d->client_id);
    jset_str(rq, j, "title", &d->title);
    jset_int(j, "amount", &d->amount);
    jset_str(rq, j, "expected_close", &d->expected_close);
    jset_int(j, "owner_id", &d->owner_id);
    jset_str(rq, j, "stage", &d->stage);
    jset_str(rq, j, "lost_reason", &d->lost_reason);
    if (!d->stage) d->stage = "lead";
    json_t *needs = json_object_get(j, "need_ids");
    if (json_is_array(needs)) read_need_ids(rq, needs, d, errs);
    else if (json_is_null(needs)) d->nneeds = 0;
    bool client_ok = true;
    if (json_is_integer(json_object_get(j, "client_id")) && d->client_id > 0) {
        Client c;
        if (store_client_get(rq->db, &rq->arena, d->client_id, &c) == STORE_NOT_FOUND) {
            errors_add(rq, errs, "client_id", "no_such_client");
            client_ok = false;
        }
    }
    if (client_ok && d->client_id > 0 && (json_is_array(needs) || jhas(j, "client_id"))) check_needs(rq, d, errs);
    if (json_is_integer(json_object_get(j, "owner_id"))) check_owner(rq, d->owner_id, errs);
    if (deal_stage_valid(d->stage) && strcmp(d->stage, "lost") == 0 && (!d->lost_reason || !*d->lost_reason))
        errors_add(rq, errs, "lost_reason", "reason_required");
    if (json_array_size(errs)) {
        reply_invalid(rq, rs, errs);
        return false;
    }
    json_decref(errs);
    if (strcmp(d->stage, "lost")) d->lost_reason = NULL;
    if (strcmp(d->stage, "won") == 0 && (!from || strcmp(from, "won"))) {
        switch (deal_check_won(d->has_review ? d->latest_review.verdict : NULL)) {
        case WON_OK: break;
        case WON_NO_GO:
            reply_problem(rq, rs, 409, "feasibility-no-go", "feasibility_no_go", NULL);
            return false;
        case WON_REVIEW_REQUIRED:
            reply_problem(rq, rs, 409, "feasibility-review-required", "feasibility_review_required", NULL);
            return false;
        }
    }
    return true;
}

void deals_list(Request *rq, Response *rs) {
    int limit;
    long long before;
    if (!req_page(rq, rs, &limit, &before)) return;
    DealsFilter f = {req_query(rq, "stage"), -1};
    if (f.stage && !deal_stage_valid(f.stage)) return reply_problem(rq, rs, 400, "bad-filter", "bad_request", "stage");
    if (!req_filter_id(rq, rs, "client_id", &f.client_id)) return;
    Deal *deals;
    int n;
    if (store_deals_list(rq->db, &rq->arena, &f, before, limit, &deals, &n) != STORE_OK) return reply_db_error(rq, rs);
    json_t *items = json_array();
    for (int i = 0; i < n; i++) json_array_append_new(items, deal_json(&deals[i]));
    reply_json(rs, 200, page_body(items, limit, n ? deals[n - 1].id : 0));
}

/* A deal's events carry its stage and amount (cents), what the win rate
 * and the won amount are computed from. */
static json_t *deal_state(const Deal *d) {
    return json_pack("{s:s, s:o}", "stage", d->stage, "amount", json_int_or_null(d->amount));
}

static void record_deal(Request *rq, const Deal *d, const char *type, json_t *before) {
    event_record(rq, type, "deal", d->id, (EventRefs){d->client_id, -1, -1}, before, deal_state(d));
}

void deals_create(Request *rq, Response *rs) {
    Deal d = {.client_id = -1, .amount = -1, .owner_id = -1};
    if (!read_deal(rq, rs, rq->json, false, NULL, &d)) return;
    StoreResult r = store_deal_insert(rq->db, &rq->arena, &d);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    if (store_deal_get(rq->db, &rq->arena, d.id, &d) != STORE_OK) return reply_db_error(rq, rs);
    record_deal(rq, &d, "deal.created", NULL);
    rs->audit_type = "deal";
    rs->audit_id = d.id;
    reply_versioned(rq, rs, d.version, deal_json(&d));
    rs->status = 201;
    reply_header(rq, rs, "Location", arena_printf(&rq->arena, "/api/v1/deals/%lld", d.id));
}

void deals_get(Request *rq, Response *rs) {
    Deal d;
    StoreResult r = store_deal_get(rq->db, &rq->arena, rq->ids[0], &d);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    reply_versioned(rq, rs, d.version, deal_json(&d));
}

/* A won deal hands its needs to recruitment: each linked need that is
 * qualified and now meets the rule for open (the positive review exists)
 * opens in the same transaction. */
static StoreResult open_ready_needs(Request *rq, const Deal *d) {
    for (int i = 0; i < d->nneeds; i++) {
        Need n;
        StoreResult r = store_need_get(rq->db, &rq->arena, d->need_ids[i], &n);
        if (r != STORE_OK) return r;
        if (strcmp(n.status, "qualified") != 0) continue;
        bool in_deal = false, reviewed = false;
        if (store_need_deal_review(rq->db, n.id, &in_deal, &reviewed) != STORE_OK) return STORE_ERROR;
        const char *missing[QUAL_MAX_MISSING];
        if (need_qualification_missing(&n, "open", in_deal, reviewed, missing)) continue;
        n.status = "open";
        r = store_need_update(rq->db, &rq->arena, &n, n.version);
        if (r != STORE_OK) return r;
        need_record_change(rq, &n, "qualified");
    }
    return STORE_OK;
}

void deals_update(Request *rq, Response *rs) {
    long long expected;
    if (!req_if_match(rq, rs, &expected)) return;
    Deal d;
    StoreResult r = store_deal_get(rq->db, &rq->arena, rq->ids[0], &d);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    if (d.version != expected) return reply_store_error(rq, rs, STORE_STALE);
    const char *from = d.stage;
    json_t *before = deal_state(&d);
    if (!read_deal(rq, rs, rq->json, true, from, &d)) return json_decref(before);
    r = store_deal_update(rq->db, &rq->arena, &d, expected);
    if (r != STORE_OK) {
        json_decref(before);
        return reply_store_error(rq, rs, r);
    }
    record_deal(rq, &d, strcmp(from, d.stage) ? "deal.stage" : "deal.updated", before);
    if (strcmp(d.stage, "won") == 0 && strcmp(from, "won") != 0 && (r = open_ready_needs(rq, &d)) != STORE_OK)
        return reply_store_error(rq, rs, r);
    if (store_deal_get(rq->db, &rq->arena, d.id, &d) != STORE_OK) return reply_db_error(rq, rs);
    rs->audit_type = "deal";
    reply_versioned(rq, rs, d.version, deal_json(&d));
}

/* A won or lost deal is decided: no review and no request any more. */
static bool refuse_if_closed(Request *rq, Response *rs, const Deal *d) {
    if (strcmp(d->stage, "won") && strcmp(d->stage, "lost")) return false;
    reply_problem(rq, rs, 409, "deal-closed", "deal_closed", NULL);
    return true;
}

void deals_request_review(Request *rq, Response *rs) {
    Deal d;
    StoreResult r = store_deal_get(rq->db, &rq->arena, rq->ids[0], &d);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    if (refuse_if_closed(rq, rs, &d)) return;
    r = store_deal_request_review(rq->db, d.id);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    record_deal(rq, &d, "review.requested", NULL);
    if (store_deal_get(rq->db, &rq->arena, rq->ids[0], &d) != STORE_OK) return reply_db_error(rq, rs);
    rs->audit_type = "deal";
    reply_versioned(rq, rs, d.version, deal_json(&d));
}

void reviews_requested(Request *rq, Response *rs) {
    Deal *deals;
    int n;
    if (store_deals_review_requested(rq->db, &rq->arena, &deals, &n) != STORE_OK) return reply_db_error(rq, rs);
    json_t *items = json_array();
    for (int i = 0; i < n; i++) json_array_append_new(items, deal_json(&deals[i]));
    reply_json(rs, 200, json_pack("{s:o}", "items", items));
}

void reviews_create(Request *rq, Response *rs) {
    Deal d;
    StoreResult r = store_deal_get(rq->db, &rq->arena, rq->ids[0], &d);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    if (refuse_if_closed(rq, rs, &d)) return;
    json_t *errs = json_array();
    validate_object(rq, rq->json, REVIEW, false, errs);
    const char *verdict = jstr(rq->json, "verdict"), *conditions = jstr(rq->json, "conditions");
    if (verdict && strcmp(verdict, "go_with_conditions") == 0 && (!conditions || !*conditions) &&
        !json_array_size(errs))
        errors_add(rq, errs, "conditions", "conditions_required");
    if (json_array_size(errs)) return reply_invalid(rq, rs, errs);
    json_decref(errs);
    Review rv = {.deal_id = d.id, .verdict = verdict, .effort_days = jint(rq->json, "effort_days"),
                 .risks = jstr(rq->json, "risks"), .conditions = conditions, .reviewer_id = rq->user.id,
                 .reviewer_name = rq->user.name};
    r = store_review_insert(rq->db, &rq->arena, &rv);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    event_record(rq, "review.created", "deal", d.id, (EventRefs){d.client_id, -1, -1}, NULL,
                 json_pack("{s:s, s:I, s:o}", "verdict", rv.verdict, "review_id", rv.id, "effort_days",
                           json_int_or_null(rv.effort_days)));
    rs->audit_type = "review";
    rs->audit_id = rv.id;
    reply_json(rs, 201, review_json(&rv));
}

void reviews_list(Request *rq, Response *rs) {
    Deal d;
    StoreResult r = store_deal_get(rq->db, &rq->arena, rq->ids[0], &d);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    Review *reviews;
    int n;
    if (store_reviews_list(rq->db, &rq->arena, d.id, &reviews, &n) != STORE_OK) return reply_db_error(rq, rs);
    json_t *items = json_array();
    for (int i = 0; i < n; i++) json_array_append_new(items, review_json(&reviews[i]));
    reply_json(rs, 200, json_pack("{s:o}", "items", items));
}
