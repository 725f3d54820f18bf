/* candidacies: a person in the pipeline of a need (API.md "Candidacy"). */
#include <string.h>
#include "../domain/mail_templates.h"
#include "../domain/pipeline.h"
#include "../store/candidacies.h"
#include "../store/users.h"
#include "../store/needs.h"
#include "../store/people.h"
#include "../http/event_log.h"
#include "api.h"

static const FieldSpec CREATE[] = {
    {"person_id", F_ID, true, 1, 1LL << 53, NULL},
    {"need_id", F_ID, true, 1, 1LL << 53, NULL},
    {"stage", F_ENUM, false, 0, 0, STAGES},
    {"reason", F_TEXT, false, 0, 2000, NULL},
    {"owner_id", F_ID, false, 1, 1LL << 53, NULL},
    {"candidate_message", F_TEXT, false, 0, 2000, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

static const FieldSpec UPDATE[] = {
    {"stage", F_ENUM, true, 0, 0, STAGES},
    {"reason", F_TEXT, false, 0, 2000, NULL},
    {"owner_id", F_ID, false, 1, 1LL << 53, NULL},
    {"candidate_message", F_TEXT, false, 0, 2000, NULL},
    {"id", F_IGNORED, false, 0, 0, NULL},
    {"version", F_IGNORED, false, 0, 0, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

json_t *candidacy_json(const CandidacyRow *r) {
    const Candidacy *c = &r->c;
    json_t *j = json_pack("{s:I, s:I, s:I, s:I, s:s, s:o, s:s, s:s, s:{s:I, s:s, s:s}, s:{s:I, s:s}}", "id", c->id,
                     "version", c->version, "person_id", c->person_id, "need_id", c->need_id, "stage", c->stage,
                     "reason", json_str_or_null(c->reason), "created_at", c->created_at, "updated_at", c->updated_at,
                     "person", "id", c->person_id, "name", r->person_name, "kind", r->person_kind, "need", "id",
                     c->need_id, "title", r->need_title);
    json_object_set_new(j, "source", json_str_or_null(c->source)); /* "careers" for the careers page */
    /* mail and no ghosting */
    json_object_set_new(j, "owner_id", json_int_or_null(c->owner_id));
    json_object_set_new(j, "candidate_message", json_str_or_null(c->candidate_message));
    json_object_set_new(j, "last_contact_at", json_str_or_null(c->last_contact_at));
    json_object_set_new(j, "first_answer_at", json_str_or_null(c->first_answer_at));
    return j;
}

/* The owner of a candidacy is an active account that recruits. */
static bool check_candidacy_owner(Request *rq, long long owner_id, json_t *errs) {
    if (owner_id < 1) return true;
    User u;
    if (store_user_get(rq->db, &rq->arena, owner_id, &u) != STORE_OK || u.disabled ||
        (strcmp(u.role, "recruiter") && strcmp(u.role, "manager") && strcmp(u.role, "admin"))) {
        errors_add(rq, errs, "owner_id", "owner_not_recruiter");
        return false;
    }
    return true;
}

/* Whoever creates a candidacy owns it when they recruit. */
static long long default_owner(const Request *rq) {
    const char *r = rq->user.role;
    return strcmp(r, "recruiter") == 0 || strcmp(r, "manager") == 0 || strcmp(r, "admin") == 0 ? rq->user.id : -1;
}

/* The event of a candidacy created or moved: stages only, no personal data. */
static void record_move(Request *rq, const CandidacyRow *row, const char *from) {
    EventRefs refs = {row->client_id, row->c.need_id, row->c.person_id};
    json_t *after = json_pack("{s:s, s:o}", "stage", row->c.stage, "reason", json_str_or_null(row->c.reason));
    if (from) event_record(rq, "candidacy.stage", "candidacy", row->c.id, refs, json_pack("{s:s}", "stage", from), after);
    else event_record(rq, "candidacy.created", "candidacy", row->c.id, refs, NULL, after);
}

/* A reason is asked for on exits; elsewhere it is dropped. */
static bool check_move(Request *rq, Response *rs, const char *from, Candidacy *c) {
    switch (pipeline_check_move(from, c->stage, c->reason)) {
    case MOVE_OK: break;
    case MOVE_REASON_REQUIRED: {
        json_t *errs = json_array();
        errors_add(rq, errs, "reason", "reason_required");
        reply_invalid(rq, rs, errs);
        return false;
    }
    case MOVE_FROM_FINAL: reply_problem(rq, rs, 409, "candidacy-closed", "stage_closed", NULL); return false;
    case MOVE_UNKNOWN_STAGE: reply_problem(rq, rs, 400, "bad-stage", "bad_request", NULL); return false;
    }
    if (!stage_is_exit(c->stage)) c->reason = c->candidate_message = NULL;
    return true;
}

void candidacies_list(Request *rq, Response *rs) {
    int limit;
    long long before;
    if (!req_page(rq, rs, &limit, &before)) return;
    CandidaciesFilter f = {-1, -1, req_query(rq, "stage")};
    if (!req_filter_id(rq, rs, "need_id", &f.need_id) || !req_filter_id(rq, rs, "person_id", &f.person_id)) return;
    if (f.stage && !stage_valid(f.stage)) return reply_problem(rq, rs, 400, "bad-filter", "bad_request", "stage");
    if (access_scope(rq, ROW_CANDIDACY) == SCOPE_OWN) { /* a consultant: their missions (visibility.h) */
        Viewer v = access_viewer(rq);
        if (f.person_id >= 0 && f.person_id != v.person_id) f.person_id = 0; /* no one's */
        else f.person_id = v.person_id > 0 ? v.person_id : 0;
        if (f.stage && strcmp(f.stage, "hired") != 0) f.person_id = 0;
        f.stage = "hired";
    }
    CandidacyRow *rows;
    int n;
    if (store_candidacies_list(rq->db, &rq->arena, &f, before, limit, &rows, &n) != STORE_OK)
        return reply_db_error(rq, rs);
    json_t *items = json_array();
    for (int i = 0; i < n; i++) json_array_append_new(items, candidacy_json(&rows[i]));
    reply_json(rs, 200, page_body(items, limit, n ? rows[n - 1].c.id : 0));
}

void candidacies_create(Request *rq, Response *rs) {
    json_t *errs = json_array();
    if (validate_object(rq, rq->json, CREATE, false, errs)) return reply_invalid(rq, rs, errs);
    Candidacy c = {.person_id = jint(rq->json, "person_id"), .need_id = jint(rq->json, "need_id")};
    c.stage = jstr(rq->json, "stage") ? jstr(rq->json, "stage") : "sourced";
    c.reason = jstr(rq->json, "reason");
    c.candidate_message = jstr(rq->json, "candidate_message");
    c.owner_id = jhas(rq->json, "owner_id") ? jint(rq->json, "owner_id") : default_owner(rq);
    check_candidacy_owner(rq, c.owner_id, errs);
    Person p;
    Need n;
    if (store_person_get(rq->db, &rq->arena, c.person_id, &p) == STORE_NOT_FOUND)
        errors_add(rq, errs, "person_id", "no_such_person");
    if (store_need_get(rq->db, &rq->arena, c.need_id, &n) == STORE_NOT_FOUND)
        errors_add(rq, errs, "need_id", "no_such_need");
    if (json_array_size(errs)) return reply_invalid(rq, rs, errs);
    json_decref(errs);
    if (!check_move(rq, rs, NULL, &c)) return;
    StoreResult r = store_candidacy_insert(rq->db, &rq->arena, &c);
    if (r == STORE_CONFLICT) return reply_problem(rq, rs, 409, "duplicate-candidacy", "duplicate_candidacy", NULL);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    CandidacyRow row;
    if (store_candidacy_get(rq->db, &rq->arena, c.id, &row) != STORE_OK) return reply_db_error(rq, rs);
    record_move(rq, &row, NULL);
    rs->audit_type = "candidacy";
    rs->audit_id = c.id;
    reply_versioned(rq, rs, c.version, candidacy_json(&row));
    rs->status = 201;
}

void candidacies_get(Request *rq, Response *rs) {
    CandidacyRow row;
    StoreResult r = store_candidacy_get(rq->db, &rq->arena, rq->ids[0], &row);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    reply_versioned(rq, rs, row.c.version, candidacy_json(&row));
}

void candidacies_update(Request *rq, Response *rs) {
    long long expected;
    if (!req_if_match(rq, rs, &expected)) return;
    CandidacyRow row;
    StoreResult r = store_candidacy_get(rq->db, &rq->arena, rq->ids[0], &row);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    json_t *errs = json_array();
    if (validate_object(rq, rq->json, UPDATE, true, errs)) return reply_invalid(rq, rs, errs);
    json_decref(errs);
    if (row.c.version != expected) return reply_store_error(rq, rs, STORE_STALE);
    const char *from = row.c.stage;
    jset_str(rq, rq->json, "stage", &row.c.stage);
    jset_str(rq, rq->json, "reason", &row.c.reason);
    jset_str(rq, rq->json, "candidate_message", &row.c.candidate_message);
    jset_int(rq->json, "owner_id", &row.c.owner_id);
    errs = json_array();
    if (!check_candidacy_owner(rq, row.c.owner_id, errs)) return reply_invalid(rq, rs, errs);
    json_decref(errs);
    if (!check_move(rq, rs, from, &row.c)) return;
    r = store_candidacy_update(rq->db, &rq->arena, &row.c, expected);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    if (strcmp(from, row.c.stage) != 0) {
        record_move(rq, &row, from);
        /* every stage change is told to the candidate, in the same transaction */
        if (!candidate_notify(rq, rs, row.c.id, mail_kind_for_stage(row.c.stage), NULL)) return;
        if (store_candidacy_get(rq->db, &rq->arena, row.c.id, &row) != STORE_OK) return reply_db_error(rq, rs);
    }
    rs->audit_type = "candidacy";
    reply_versioned(rq, rs, row.c.version, candidacy_json(&row));
}
