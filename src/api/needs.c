/* needs: client needs (API.md "Need"); their matches are api/matches.c. */
#include <string.h>
#include "../domain/need_status.h"
#include "../domain/sales.h"
#include "../store/deals.h"
#include "../store/clients.h"
#include "../store/needs.h"
#include "../http/event_log.h"
#include "careers.h"
#include "skill_input.h"

static const FieldSpec NEED[] = {
    {"title", F_STRING, true, 0, 200, NULL},
    {"client_id", F_ID, false, 1, 1LL << 53, NULL},
    {"status", F_ENUM, false, 0, 0, NEED_STATUSES, .not_null = true},
    {"description", F_TEXT, false, 0, 10000, NULL},
    {"location", F_STRING, false, 0, 100, NULL},
    {"remote", F_ENUM, false, 0, 0, REMOTE_POLICIES, .not_null = true},
    {"start_date", F_DATE, false, 0, 10, NULL},
    {"duration_days", F_INT, false, 1, 3650, NULL},
    {"daily_rate_max", F_INT, false, 0, 100000, NULL},
    {"skills", F_ARRAY, false, 0, 50, NULL},
    {"id", F_IGNORED, false, 0, 0, NULL},
    {"version", F_IGNORED, false, 0, 0, NULL},
    {"client_name", F_IGNORED, false, 0, 0, NULL},
    {"created_at", F_IGNORED, false, 0, 0, NULL},
    {"updated_at", F_IGNORED, false, 0, 0, NULL},
    {"qualification", F_IGNORED, false, 0, 0, NULL},
    /* careers page */
    {"published", F_BOOL, false, 0, 0, NULL, .not_null = true},
    {"salary_min", F_INT, false, 1, 10000000, NULL},
    {"salary_max", F_INT, false, 1, 10000000, NULL},
    {"published_at", F_IGNORED, false, 0, 0, NULL},
    {"careers_url", F_IGNORED, false, 0, 0, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

/* The checklist of the next gate: {ready_for, missing[]}. */
static json_t *qualification_json(Request *rq, const Need *n) {
    const char *next = need_next_gate(n->status);
    json_t *missing = json_array();
    if (next) {
        bool in_deal = false, reviewed = false;
        store_need_deal_review(rq->db, n->id, &in_deal, &reviewed);
        const char *m[QUAL_MAX_MISSING];
        int k = need_qualification_missing(n, next, in_deal, reviewed, m);
        for (int i = 0; i < k; i++) json_array_append_new(missing, json_string(m[i]));
    }
    return json_pack("{s:o, s:o}", "ready_for", json_str_or_null(next), "missing", missing);
}

static json_t *need_json(Request *rq, const Need *n) {
    json_t *skills = json_array();
    for (int i = 0; i < n->nskills; i++) json_array_append_new(skills, skill_json_need(rq, &n->skills[i]));
    json_t *j = json_pack("{s:I, s:I, s:s, s:o, s:o, s:s, s:o, s:o, s:s, s:o, s:o, s:o, s:o, s:s, s:s}", "id", n->id,
                     "version", n->version, "title", n->title, "client_id", json_int_or_null(n->client_id), "client_name",
                     json_str_or_null(n->client_name), "status", n->status, "description", json_str_or_null(n->description), "location",
                     json_str_or_null(n->location), "remote", n->remote, "start_date", json_str_or_null(n->start_date), "duration_days",
                     json_int_or_null(n->duration_days), "daily_rate_max", json_int_or_null(n->daily_rate_max), "skills", skills,
                     "created_at", n->created_at, "updated_at", n->updated_at);
    json_object_set_new(j, "qualification", qualification_json(rq, n));
    json_object_set_new(j, "published", json_boolean(n->published));
    json_object_set_new(j, "published_at", json_str_or_null(n->published_at));
    json_object_set_new(j, "salary_min", json_int_or_null(n->salary_min));
    json_object_set_new(j, "salary_max", json_int_or_null(n->salary_max));
    json_object_set_new(j, "careers_url", n->published && strcmp(n->status, "open") == 0
                                              ? json_string(careers_path(&rq->arena, n))
                                              : json_null());
    return j;
}

/* Overlays the fields present in j on n; checks the client and the move
 * between statuses (from is the current status, NULL on create). */
static bool read_need(Request *rq, Response *rs, json_t *j, bool partial, Need *n) {
    const char *from = n->status;
    json_t *errs = json_array();
    validate_object(rq, j, NEED, partial, errs);
    jset_str(rq, j, "title", &n->title);
    jset_int(j, "client_id", &n->client_id);
    jset_str(rq, j, "status", &n->status);
    jset_str(rq, j, "description", &n->description);
    jset_str(rq, j, "location", &n->location);
    jset_str(rq, j, "remote", &n->remote);
    jset_str(rq, j, "start_date", &n->start_date);
    jset_int(j, "duration_days", &n->duration_days);
    jset_int(j, "daily_rate_max", &n->daily_rate_max);
    if (jhas(j, "published")) n->published = jbool(j, "published");
    jset_int(j, "salary_min", &n->salary_min);
    jset_int(j, "salary_max", &n->salary_max);
    if (n->salary_min > 0 && n->salary_max > 0 && n->salary_min > n->salary_max)
        errors_add(rq, errs, "salary_max", "salary_band_order");
    if (!n->status) n->status = "draft";
    if (!n->remote) n->remote = "none";
    json_t *skills = json_object_get(j, "skills");
    if (json_is_array(skills)) skill_input_need(rq, skills, &n->skills, &n->nskills, errs);
    else if (json_is_null(skills)) n->nskills = 0;
    Client c;
    if (json_is_integer(json_object_get(j, "client_id")) && n->client_id > 0 &&
        store_client_get(rq->db, &rq->arena, n->client_id, &c) == STORE_NOT_FOUND)
        errors_add(rq, errs, "client_id", "no_such_client");
    if (json_array_size(errs)) {
        reply_invalid(rq, rs, errs);
        return false;
    }
    json_decref(errs);
    if (from && need_status_valid(n->status) && !need_status_can_move(from, n->status)) {
        reply_problem(rq, rs, 409, "status-move-not-allowed", "conflict",
                      arena_printf(&rq->arena, "%s -> %s", from, n->status));
        return false;
    }
    /* Entering qualified or open: the need must be qualified (one error per missing field). */
    if (!from || strcmp(from, n->status)) {
        bool in_deal = false, reviewed = false;
        if (from && store_need_deal_review(rq->db, n->id, &in_deal, &reviewed) != STORE_OK) {
            reply_db_error(rq, rs);
            return false;
        }
        const char *missing[QUAL_MAX_MISSING];
        int k = need_qualification_missing(n, n->status, in_deal, reviewed, missing);
        if (k) {
            errs = json_array();
            for (int i = 0; i < k; i++)
                errors_add(rq, errs, missing[i], arena_printf(&rq->arena, "qualification_%s", missing[i]));
            reply_invalid(rq, rs, errs);
            return false;
        }
    }
    return true;
}

void need_record_change(Request *rq, const Need *n, const char *from_status) {
    EventRefs refs = {n->client_id, n->id, -1};
    json_t *after = json_pack("{s:s}", "status", n->status);
    if (!from_status) event_record(rq, "need.created", "need", n->id, refs, NULL, after);
    else if (strcmp(from_status, n->status) != 0)
        event_record(rq, "need.status", "need", n->id, refs, json_pack("{s:s}", "status", from_status), after);
    else event_record(rq, "need.updated", "need", n->id, refs, NULL, after);
}

void needs_list(Request *rq, Response *rs) {
    int limit;
    long long before;
    if (!req_page(rq, rs, &limit, &before)) return;
    NeedsFilter f = {req_query(rq, "status"), -1, NULL};
    if (!req_search(rq, rs, "q", 200, &f.q)) return;
    if (f.status && !need_status_valid(f.status))
        return reply_problem(rq, rs, 400, "bad-filter", "bad_request", "status");
    if (!req_filter_id(rq, rs, "client_id", &f.client_id)) return;
    Need *needs;
    int n;
    if (store_needs_list(rq->db, &rq->arena, &f, before, limit, &needs, &n) != STORE_OK) return reply_db_error(rq, rs);
    json_t *items = json_array();
    for (int i = 0; i < n; i++) json_array_append_new(items, need_json(rq, &needs[i]));
    reply_json(rs, 200, page_body(items, limit, n ? needs[n - 1].id : 0));
}

void needs_create(Request *rq, Response *rs) {
    Need n = {.client_id = -1, .duration_days = -1, .daily_rate_max = -1, .salary_min = -1, .salary_max = -1};
    if (!read_need(rq, rs, rq->json, false, &n)) return;
    StoreResult r = store_need_insert(rq->db, &rq->arena, &n, rq->user.id);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    store_need_get(rq->db, &rq->arena, n.id, &n); /* for the client's name */
    need_record_change(rq, &n, NULL);
    rs->audit_type = "need";
    rs->audit_id = n.id;
    reply_versioned(rq, rs, n.version, need_json(rq, &n));
    rs->status = 201;
    reply_header(rq, rs, "Location", arena_printf(&rq->arena, "/api/v1/needs/%lld", n.id));
}

void needs_get(Request *rq, Response *rs) {
    Need n;
    StoreResult r = store_need_get(rq->db, &rq->arena, rq->ids[0], &n);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    reply_versioned(rq, rs, n.version, need_json(rq, &n));
}

void needs_update(Request *rq, Response *rs) {
    long long expected;
    if (!req_if_match(rq, rs, &expected)) return;
    Need n;
    StoreResult r = store_need_get(rq->db, &rq->arena, rq->ids[0], &n);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    if (n.version != expected) return reply_store_error(rq, rs, STORE_STALE);
    const char *from = n.status;
    if (!read_need(rq, rs, rq->json, true, &n)) return;
    r = store_need_update(rq->db, &rq->arena, &n, expected);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    store_need_get(rq->db, &rq->arena, n.id, &n);
    need_record_change(rq, &n, from);
    rs->audit_type = "need";
    reply_versioned(rq, rs, n.version, need_json(rq, &n));
}
