/* interviews: interviews of a candidacy. Creating, moving or cancelling
 * one sends the candidate and every interviewer an invitation with an
 * RFC 5545 .ics (same UID throughout, SEQUENCE raised on each change,
 * METHOD:CANCEL on cancellation). An interviewer already booked at an
 * overlapping time is refused with 409. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include "../domain/pipeline.h"
#include "../lib/timeutil.h"
#include "../http/event_log.h"
#include "../mail/candidate_mail.h"
#include "../mail/mail_config.h"
#include "../domain/permissions.h"
#include "../store/candidacies.h"
#include "../store/interviews.h"
#include "../store/users.h"
#include "api.h"

static const FieldSpec FIELDS[] = {
    {"starts_at", F_STRING, true, 0, 25, NULL},
    {"duration_minutes", F_INT, true, 5, 600, NULL},
    {"place", F_STRING, false, 0, 200, NULL},
    {"video_url", F_STRING, false, 0, 500, NULL},
    {"interviewers", F_ARRAY, true, 0, INTERVIEW_MAX_INTERVIEWERS, NULL},
    /* read-only fields a client may send back */
    {"id", F_IGNORED, false, 0, 0, NULL},
    {"version", F_IGNORED, false, 0, 0, NULL},
    {"candidacy_id", F_IGNORED, false, 0, 0, NULL},
    {"uid", F_IGNORED, false, 0, 0, NULL},
    {"sequence", F_IGNORED, false, 0, 0, NULL},
    {"status", F_IGNORED, false, 0, 0, NULL},
    {"ends_at", F_IGNORED, false, 0, 0, NULL},
    {"created_at", F_IGNORED, false, 0, 0, NULL},
    {"updated_at", F_IGNORED, false, 0, 0, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

static json_t *interview_json(const Interview *iv) {
    json_t *who = json_array();
    for (int i = 0; i < iv->ninterviewers; i++) json_array_append_new(who, json_integer(iv->interviewers[i]));
    return json_pack("{s:I, s:I, s:I, s:s, s:i, s:s, s:s, s:s, s:i, s:o, s:o, s:o, s:s, s:s}", "id", iv->id, "version",
                     iv->version, "candidacy_id", iv->candidacy_id, "uid", iv->uid, "sequence", iv->sequence, "status",
                     iv->status, "starts_at", iv->starts_at, "ends_at", iv->ends_at, "duration_minutes",
                     iv->duration_minutes, "place", json_str_or_null(iv->place), "video_url",
                     json_str_or_null(iv->video_url), "interviewers", who, "created_at", iv->created_at, "updated_at",
                     iv->updated_at);
}

static int cmp_id(const void *a, const void *b) {
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

/* Reads the interviewers: active accounts, sorted, each once. */
static void read_interviewers(Request *rq, json_t *list, Interview *iv, json_t *errs) {
    iv->ninterviewers = 0;
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v) {
        const char *field = arena_printf(&rq->arena, "interviewers[%zu]", i);
        User u;
        if (!json_is_integer(v) || json_integer_value(v) < 1) {
            errors_add(rq, errs, field, "must_be_integer");
            continue;
        }
        long long id = json_integer_value(v);
        if (store_user_get(rq->db, &rq->arena, id, &u) != STORE_OK || u.disabled || !role_in_firm(u.role)) {
            errors_add(rq, errs, field, "no_such_user_id", id);
            continue;
        }
        bool twice = false;
        for (int k = 0; k < iv->ninterviewers; k++) twice |= iv->interviewers[k] == id;
        if (!twice && iv->ninterviewers < INTERVIEW_MAX_INTERVIEWERS) iv->interviewers[iv->ninterviewers++] = id;
    }
    if (!iv->ninterviewers && !json_array_size(errs)) errors_add(rq, errs, "interviewers", "required");
    qsort(iv->interviewers, (size_t)iv->ninterviewers, sizeof iv->interviewers[0], cmp_id);
}

static bool http_url(const char *s) { return !s || strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0; }

/* Overlays the given fields on iv and checks them; answers 422. */
static bool read_interview(Request *rq, Response *rs, bool partial, Interview *iv) {
    json_t *errs = json_array();
    json_t *j = rq->json;
    validate_object(rq, j, FIELDS, partial, errs);
    jset_str(rq, j, "place", &iv->place);
    jset_str(rq, j, "video_url", &iv->video_url);
    if (json_is_integer(json_object_get(j, "duration_minutes"))) iv->duration_minutes = (int)jint(j, "duration_minutes");
    time_t start;
    const char *starts = jstr(j, "starts_at");
    if (starts && !time_parse_iso(starts, &start)) errors_add(rq, errs, "starts_at", "must_be_datetime");
    else if (starts) {
        char iso[21];
        time_iso(start, iso);
        iv->starts_at = arena_strdup(&rq->arena, iso);
    }
    if (!http_url(iv->video_url)) errors_add(rq, errs, "video_url", "must_be_url");
    if (json_is_array(json_object_get(j, "interviewers"))) read_interviewers(rq, json_object_get(j, "interviewers"), iv, errs);
    if (!json_array_size(errs) && (!iv->place || !*iv->place) && (!iv->video_url || !*iv->video_url))
        errors_add(rq, errs, "place", "place_or_video");
    if (json_array_size(errs)) {
        reply_invalid(rq, rs, errs);
        return false;
    }
    json_decref(errs);
    time_t s0;
    time_parse_iso(iv->starts_at, &s0);
    char end[21];
    time_iso(s0 + (time_t)iv->duration_minutes * 60, end);
    iv->ends_at = arena_strdup(&rq->arena, end);
    return true;
}

/* 409 when an interviewer is already booked; false after answering. */
static bool check_free(Request *rq, Response *rs, const Interview *iv) {
    long long user, other;
    if (store_interview_conflict(rq->db, iv, &user, &other) != STORE_OK) {
        reply_db_error(rq, rs);
        return false;
    }
    if (user < 0) return true;
    char detail[256];
    snprintf(detail, sizeof detail, i18n(rq->lang, "interviewer_busy"), user, other);
    reply_problem(rq, rs, 409, "interviewer-busy", "interview_conflict", detail);
    return false;
}

/* Tells the candidate (template kind) and the interviewers, and records
 * the interview's event ("interview.scheduled", ".moved", ".cancelled"). */
static bool send_invitations(Request *rq, Response *rs, const Interview *iv, const char *kind) {
    if (!candidate_notify(rq, rs, iv->candidacy_id, kind, iv)) return false;
    CandidacyRow row;
    StoreResult r = interviewer_mail_queue(rq->db, &rq->arena, iv->candidacy_id, iv);
    if (r == STORE_OK) r = store_candidacy_get(rq->db, &rq->arena, iv->candidacy_id, &row);
    if (r != STORE_OK) {
        reply_store_error(rq, rs, r);
        return false;
    }
    const char *type = strcmp(kind, "interview_invitation") == 0 ? "interview.scheduled"
                       : strcmp(kind, "interview_cancelled") == 0 ? "interview.cancelled"
                                                                  : "interview.moved";
    EventRefs refs = {row.client_id, row.c.need_id, row.c.person_id};
    event_record(rq, type, "interview", iv->id, refs, NULL,
                 json_pack("{s:I, s:s, s:s, s:i, s:i}", "candidacy_id", iv->candidacy_id, "status", iv->status,
                           "starts_at", iv->starts_at, "duration_minutes", iv->duration_minutes, "sequence",
                           iv->sequence));
    return true;
}

void interviews_list(Request *rq, Response *rs) {
    CandidacyRow row;
    StoreResult r = store_candidacy_get(rq->db, &rq->arena, rq->ids[0], &row);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    Interview *ivs;
    int n;
    if (store_interviews_of_candidacy(rq->db, &rq->arena, rq->ids[0], &ivs, &n) != STORE_OK)
        return reply_db_error(rq, rs);
    json_t *items = json_array();
    for (int i = 0; i < n; i++) json_array_append_new(items, interview_json(&ivs[i]));
    reply_json(rs, 200, json_pack("{s:o}", "items", items));
}

/* Interviews are planned or moved only while the candidacy is active;
 * false after answering 409 (or the store's error). */
static bool candidacy_active(Request *rq, Response *rs, long long candidacy_id) {
    CandidacyRow row;
    StoreResult r = store_candidacy_get(rq->db, &rq->arena, candidacy_id, &row);
    if (r != STORE_OK) {
        reply_store_error(rq, rs, r);
        return false;
    }
    if (stage_is_exit(row.c.stage) || strcmp(row.c.stage, "hired") == 0) {
        reply_problem(rq, rs, 409, "candidacy-not-active", "candidacy_not_active", NULL);
        return false;
    }
    return true;
}

void interviews_create(Request *rq, Response *rs) {
    if (!candidacy_active(rq, rs, rq->ids[0])) return;
    StoreResult r;
    Interview iv = {.candidacy_id = rq->ids[0], .status = "scheduled", .created_by = rq->user.id};
    if (!read_interview(rq, rs, false, &iv)) return;
    if (!check_free(rq, rs, &iv)) return;
    unsigned char raw[16];
    char hex[33];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
    const char *at = strchr(mail_config()->from_address, '@');
    iv.uid = arena_printf(&rq->arena, "interview-%s@%s", hex, at ? at + 1 : "alliance.example");
    r = store_interview_insert(rq->db, &rq->arena, &iv);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    if (!send_invitations(rq, rs, &iv, "interview_invitation")) return;
    rs->audit_type = "interview";
    rs->audit_id = iv.id;
    reply_versioned(rq, rs, iv.version, interview_json(&iv));
    rs->status = 201;
    reply_header(rq, rs, "Location", arena_printf(&rq->arena, "/api/v1/interviews/%lld", iv.id));
}

void interviews_get(Request *rq, Response *rs) {
    Interview iv;
    StoreResult r = store_interview_get(rq->db, &rq->arena, rq->ids[0], &iv);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    reply_versioned(rq, rs, iv.version, interview_json(&iv));
}

/* The interview at its expected version, still scheduled; answers otherwise. */
static bool load_for_change(Request *rq, Response *rs, Interview *iv) {
    long long expected;
    if (!req_if_match(rq, rs, &expected)) return false;
    StoreResult r = store_interview_get(rq->db, &rq->arena, rq->ids[0], iv);
    if (r != STORE_OK) {
        reply_store_error(rq, rs, r);
        return false;
    }
    if (iv->version != expected) {
        reply_store_error(rq, rs, STORE_STALE);
        return false;
    }
    if (strcmp(iv->status, "cancelled") == 0) {
        reply_problem(rq, rs, 409, "interview-cancelled", "interview_cancelled", NULL);
        return false;
    }
    return true;
}

void interviews_update(Request *rq, Response *rs) {
    Interview iv;
    if (!load_for_change(rq, rs, &iv) || !candidacy_active(rq, rs, iv.candidacy_id)) return;
    long long expected = iv.version;
    if (!read_interview(rq, rs, true, &iv)) return;
    if (!check_free(rq, rs, &iv)) return;
    iv.sequence++;
    StoreResult r = store_interview_update(rq->db, &rq->arena, &iv, expected);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    if (!send_invitations(rq, rs, &iv, "interview_updated")) return;
    rs->audit_type = "interview";
    reply_versioned(rq, rs, iv.version, interview_json(&iv));
}

void interviews_cancel(Request *rq, Response *rs) {
    Interview iv;
    if (!load_for_change(rq, rs, &iv)) return;
    long long expected = iv.version;
    iv.status = "cancelled";
    iv.sequence++;
    StoreResult r = store_interview_update(rq->db, &rq->arena, &iv, expected);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    if (!send_invitations(rq, rs, &iv, "interview_cancelled")) return;
    rs->audit_type = "interview";
    reply_versioned(rq, rs, iv.version, interview_json(&iv));
}

/* The people who may sit on an interview: active accounts but consultants,
 * by name, for the planning form (users.read is for admins only). */
void interviewers_list(Request *rq, Response *rs) {
    User *users;
    int n;
    if (store_users_list(rq->db, &rq->arena, 0, 200, &users, &n) != STORE_OK) return reply_db_error(rq, rs);
    json_t *items = json_array();
    for (int i = n - 1; i >= 0; i--) /* oldest accounts first */
        if (!users[i].disabled && strcmp(users[i].role, "consultant") != 0 && role_in_firm(users[i].role))
            json_array_append_new(items, json_pack("{s:I, s:s, s:s}", "id", users[i].id, "name", users[i].name, "role",
                                                   users[i].role));
    reply_json(rs, 200, json_pack("{s:o}", "items", items));
}
