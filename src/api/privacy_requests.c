/* privacy_requests: people's requests about their data (access, erasure,
 * rectification, objection), recorded when they arrive and tracked until
 * answered: the answer is due one month after receipt (GDPR art. 12.3).
 * An erasure (privacy.c) answers the person's open erasure requests. */
#include <string.h>
#include "../domain/privacy_request.h"
#include "../lib/timeutil.h"
#include "../store/people.h"
#include "../store/privacy_requests.h"
#include "api.h"

static const FieldSpec REQUEST[] = {
    {"kind", F_ENUM, true, 0, 0, PRIVACY_REQUEST_KINDS},
    {"requester", F_STRING, true, 0, 200, NULL},
    {"person_id", F_ID, false, 1, 1LL << 53, NULL},
    {"received_on", F_DATE, false, 0, 10, NULL},
    {"answered_on", F_DATE, false, 0, 10, NULL},
    {"answer", F_TEXT, false, 0, 2000, NULL},
    {"id", F_IGNORED, false, 0, 0, NULL},
    {"version", F_IGNORED, false, 0, 0, NULL},
    {"due_on", F_IGNORED, false, 0, 0, NULL},
    {"overdue", F_IGNORED, false, 0, 0, NULL},
    {"created_at", F_IGNORED, false, 0, 0, NULL},
    {"updated_at", F_IGNORED, false, 0, 0, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

static json_t *request_json(const PrivacyRequest *r, const char *today) {
    bool overdue = !r->answered_on && strcmp(r->due_on, today) < 0;
    return json_pack("{s:I, s:I, s:s, s:s, s:o, s:s, s:s, s:o, s:o, s:b, s:s, s:s}", "id", r->id, "version",
                     r->version, "kind", r->kind, "requester", r->requester, "person_id", json_int_or_null(r->person_id),
                     "received_on", r->received_on, "due_on", r->due_on, "answered_on", json_str_or_null(r->answered_on),
                     "answer", json_str_or_null(r->answer), "overdue", overdue, "created_at", r->created_at,
                     "updated_at", r->updated_at);
}

/* Overlays j on r, checks the person and the dates; answers 422 itself. */
static bool read_request(Request *rq, Response *rs, json_t *j, bool partial, PrivacyRequest *r) {
    json_t *errs = json_array();
    validate_object(rq, j, REQUEST, partial, errs);
    jset_str(rq, j, "kind", &r->kind);
    jset_str(rq, j, "requester", &r->requester);
    jset_int(j, "person_id", &r->person_id);
    jset_str(rq, j, "received_on", &r->received_on);
    jset_str(rq, j, "answered_on", &r->answered_on);
    jset_str(rq, j, "answer", &r->answer);
    char day[11], due[11];
    time_today_iso(day);
    if (!r->received_on) r->received_on = arena_strdup(&rq->arena, day);
    if (!json_array_size(errs)) {
        if (strcmp(r->received_on, day) > 0) errors_add(rq, errs, "received_on", "not_in_future");
        else if (privacy_due_on(r->received_on, due)) r->due_on = arena_strdup(&rq->arena, due);
        if (r->answered_on && strcmp(r->answered_on, r->received_on) < 0)
            errors_add(rq, errs, "answered_on", "before_received");
        Person p;
        if (r->person_id > 0 && store_person_get(rq->db, &rq->arena, r->person_id, &p) == STORE_NOT_FOUND)
            errors_add(rq, errs, "person_id", "no_such_person");
    }
    if (json_array_size(errs)) {
        reply_invalid(rq, rs, errs);
        return false;
    }
    json_decref(errs);
    return true;
}

void privacy_requests_list(Request *rq, Response *rs) {
    int limit;
    long long before;
    if (!req_page(rq, rs, &limit, &before)) return;
    const char *open = req_query(rq, "open");
    if (open && strcmp(open, "true") != 0 && strcmp(open, "false") != 0)
        return reply_problem(rq, rs, 400, "bad-filter", "bad_request", "open: true | false");
    PrivacyRequest *items;
    int n;
    if (store_privacy_requests_list(rq->db, &rq->arena, open && !strcmp(open, "true"), before, limit, &items, &n) !=
        STORE_OK)
        return reply_db_error(rq, rs);
    char day[11];
    time_today_iso(day);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) json_array_append_new(arr, request_json(&items[i], day));
    reply_json(rs, 200, page_body(arr, limit, n ? items[n - 1].id : 0));
}

void privacy_requests_create(Request *rq, Response *rs) {
    PrivacyRequest r = {.person_id = -1};
    if (!read_request(rq, rs, rq->json, false, &r)) return;
    StoreResult s = store_privacy_request_insert(rq->db, &rq->arena, &r, rq->user.id);
    if (s != STORE_OK) return reply_store_error(rq, rs, s);
    char day[11];
    time_today_iso(day);
    rs->audit_type = "privacy_request";
    rs->audit_id = r.id;
    reply_versioned(rq, rs, r.version, request_json(&r, day));
    rs->status = 201;
    reply_header(rq, rs, "Location", arena_printf(&rq->arena, "/api/v1/privacy/requests/%lld", r.id));
}

void privacy_requests_update(Request *rq, Response *rs) {
    long long expected;
    if (!req_if_match(rq, rs, &expected)) return;
    PrivacyRequest r;
    StoreResult s = store_privacy_request_get(rq->db, &rq->arena, rq->ids[0], &r);
    if (s != STORE_OK) return reply_store_error(rq, rs, s);
    if (r.version != expected) return reply_store_error(rq, rs, STORE_STALE);
    if (!read_request(rq, rs, rq->json, true, &r)) return;
    s = store_privacy_request_update(rq->db, &rq->arena, &r, expected);
    if (s != STORE_OK) return reply_store_error(rq, rs, s);
    char day[11];
    time_today_iso(day);
    rs->audit_type = "privacy_request";
    reply_versioned(rq, rs, r.version, request_json(&r, day));
}
