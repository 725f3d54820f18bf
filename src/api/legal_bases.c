/* legal_bases: on which legal basis the firm holds a person's data, and
 * until when (domain/retention.h):
 *   GET  /api/v1/people/{id}/privacy        the records and the retention end
 *   POST /api/v1/people/{id}/legal-bases    a basis obtained another way (an
 *        e-mail, a phone call, a recruiter, a contract)
 *   POST /api/v1/legal-bases/{id}/renew     a consent given again: its end moves
 *   POST /api/v1/legal-bases/{id}/withdraw  a consent taken back (art. 7.3)
 * Records made where data comes in are privacy/intake.c's. */
#include <string.h>
#include "../domain/retention.h"
#include "../http/event_log.h"
#include "../lib/timeutil.h"
#include "../privacy/people_retention.h"
#include "../store/legal_bases.h"
#include "../store/people.h"
#include "../store/privacy.h"
#include "../store/settings.h"
#include "legal_bases.h"

static const FieldSpec BASIS[] = {
    {"purpose", F_ENUM, true, 0, 0, LEGAL_PURPOSES},
    {"basis", F_ENUM, true, 0, 0, LEGAL_BASES},
    {"source", F_ENUM, true, 0, 0, LEGAL_SOURCES_INPUT},
    {"obtained_on", F_DATE, false, 0, 10, NULL},
    {"note", F_TEXT, false, 0, 500, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

static json_t *day_or_null(long day) {
    if (day < 0) return json_null();
    char iso[11];
    time_days_iso(day, iso);
    return json_string(iso);
}

static json_t *label(Request *rq, const char *prefix, const char *code) {
    return json_string(i18n(rq->lang, arena_printf(&rq->arena, "%s_%s", prefix, code)));
}

static json_t *basis_json(Request *rq, const LegalBasis *b, const RetentionPolicy *pol, const RetentionRow *row,
                          long today) {
    long end = row ? legal_basis_end(pol, row, b) : -1;
    const char *status = b->withdrawn_at ? "withdrawn" : end >= 0 && end < today ? "ended" : "active";
    return json_pack("{s:I, s:I, s:I, s:o, s:s, s:o, s:s, s:o, s:s, s:o, s:s, s:o, s:o, s:o, s:o, s:s, s:b, s:o, s:o}",
                     "id", b->id, "version", b->version, "person_id", b->person_id, "candidacy_id",
                     json_int_or_null(b->candidacy_id), "purpose", b->purpose, "purpose_label",
                     label(rq, "purpose", b->purpose), "basis", b->basis, "basis_label", label(rq, "basis", b->basis),
                     "source", b->source, "source_label", label(rq, "source", b->source), "obtained_at",
                     b->obtained_at, "renewed_at", json_str_or_null(b->renewed_at), "withdrawn_at",
                     json_str_or_null(b->withdrawn_at), "retention_until", day_or_null(end), "recorded_by",
                     json_int_or_null(b->recorded_by), "status", status, "revocable",
                     legal_basis_revocable(b->basis) && !b->withdrawn_at, "note", json_str_or_null(b->note),
                     "created_at", json_string(b->created_at));
}

/* The settings and the retention row of a person (row NULL once erased). */
static StoreResult load_retention(Request *rq, long long person_id, Settings *s, RetentionRow **row) {
    RetentionRow *rows = NULL;
    int n = 0;
    StoreResult r = store_settings_get(rq->db, &rq->arena, s);
    if (r == STORE_OK) r = store_retention_rows(rq->db, &rq->arena, person_id, &rows, &n);
    *row = r == STORE_OK && n == 1 ? &rows[0] : NULL;
    return r;
}

static long today_day(void) {
    char day[11];
    time_today_iso(day);
    return time_date_days(day);
}

json_t *person_privacy_json(Request *rq, long long id) {
    Settings s;
    RetentionRow *row;
    LegalBasis *bases;
    int n;
    const char *warned_at = NULL, *erased_at;
    if (load_retention(rq, id, &s, &row) != STORE_OK ||
        store_legal_bases_of(rq->db, &rq->arena, id, &bases, &n) != STORE_OK ||
        store_person_erased_at(rq->db, &rq->arena, id, &erased_at) != STORE_OK)
        return NULL;
    long today = today_day();
    RetentionEnd end = row ? person_retention(&s.retention, row) : (RetentionEnd){-1, KEPT_PROCESS};
    if (end.until >= 0) {
        char until[11];
        time_days_iso(end.until, until);
        if (store_retention_notice_find(rq->db, id, until, &warned_at, &rq->arena) != STORE_OK) return NULL;
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) json_array_append_new(arr, basis_json(rq, &bases[i], &s.retention, row, today));
    const char *state = !row ? "erased" : end.until < 0 ? "kept" : end.until < today ? "expired"
                        : retention_state(&s.retention, end, today) == RETAIN_WARN ? "expiring" : "kept";
    return json_pack("{s:I, s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "person_id", id, "state", state, "retention_until",
                     day_or_null(end.until), "retention_reason",
                     row ? json_string(retention_reason_name(end.reason)) : json_null(), "retention_reason_label",
                     row ? label(rq, "kept", retention_reason_name(end.reason)) : json_null(), "warned_at",
                     json_str_or_null(warned_at), "erased_at", json_str_or_null(erased_at), "legal_bases", arr);
}

void people_privacy_get(Request *rq, Response *rs) {
    Person p;
    StoreResult r = store_person_get(rq->db, &rq->arena, rq->ids[0], &p);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    json_t *j = person_privacy_json(rq, p.id);
    if (!j) return reply_db_error(rq, rs);
    reply_json(rs, 200, j);
}

static void reply_basis(Request *rq, Response *rs, int status, const LegalBasis *b) {
    Settings s;
    RetentionRow *row;
    if (load_retention(rq, b->person_id, &s, &row) != STORE_OK) return reply_db_error(rq, rs);
    rs->audit_type = "legal_basis";
    rs->audit_id = b->id;
    reply_versioned(rq, rs, b->version, basis_json(rq, b, &s.retention, row, today_day()));
    rs->status = status;
}

void legal_basis_record(Request *rq, const LegalBasis *b, const char *action) {
    event_record(rq, "person.legal_basis", "person", b->person_id, (EventRefs){-1, -1, b->person_id}, NULL,
                 json_pack("{s:I, s:s, s:s, s:s}", "legal_basis_id", b->id, "purpose", b->purpose, "basis", b->basis,
                           "action", action));
}

void legal_bases_create(Request *rq, Response *rs) {
    json_t *errs = json_array();
    validate_object(rq, rq->json, BASIS, false, errs);
    Person p;
    StoreResult r = store_person_get(rq->db, &rq->arena, rq->ids[0], &p);
    if (r != STORE_OK) {
        json_decref(errs);
        return reply_store_error(rq, rs, r);
    }
    const char *purpose = jstr(rq->json, "purpose"), *basis = jstr(rq->json, "basis"), *on = jstr(rq->json, "obtained_on");
    char day[11];
    time_today_iso(day);
    if (!json_array_size(errs)) {
        if (!legal_basis_fits(purpose, basis)) errors_add(rq, errs, "basis", "basis_unfit");
        if (strcmp(purpose, "employment") == 0 && strcmp(p.kind, "consultant") != 0)
            errors_add(rq, errs, "purpose", "employment_needs_consultant");
        if (on && strcmp(on, day) > 0) errors_add(rq, errs, "obtained_on", "not_in_future");
    }
    if (json_array_size(errs)) return reply_invalid(rq, rs, errs);
    json_decref(errs);
    const char *erased_at;
    if (store_person_erased_at(rq->db, &rq->arena, p.id, &erased_at) != STORE_OK) return reply_db_error(rq, rs);
    if (erased_at) return reply_problem(rq, rs, 409, "already-erased", "conflict", NULL);
    LegalBasis b = {.person_id = p.id, .candidacy_id = -1, .purpose = purpose, .basis = basis,
                    .source = jstr(rq->json, "source"), .recorded_by = rq->user.id, .note = jstr(rq->json, "note"),
                    .obtained_at = on ? arena_printf(&rq->arena, "%sT00:00:00Z", on) : NULL};
    r = store_legal_basis_insert(rq->db, &rq->arena, &b);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    legal_basis_record(rq, &b, "recorded");
    reply_header(rq, rs, "Location", arena_printf(&rq->arena, "/api/v1/people/%lld/privacy", p.id));
    reply_basis(rq, rs, 201, &b);
}

/* Renew (withdrawn false) or withdraw a consent. */
static void mark(Request *rq, Response *rs, bool withdrawn) {
    LegalBasis b;
    StoreResult r = store_legal_basis_get(rq->db, &rq->arena, rq->ids[0], &b);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    const char *erased_at;
    if (store_person_erased_at(rq->db, &rq->arena, b.person_id, &erased_at) != STORE_OK) return reply_db_error(rq, rs);
    if (erased_at) return reply_problem(rq, rs, 409, "already-erased", "conflict", NULL);
    if (!legal_basis_revocable(b.basis))
        return reply_problem(rq, rs, 409, "not-a-consent", "conflict", i18n(rq->lang, "basis_not_revocable"));
    if (b.withdrawn_at) return reply_problem(rq, rs, 409, "withdrawn", "conflict", i18n(rq->lang, "basis_withdrawn"));
    char now[21];
    time_now_iso(now);
    r = store_legal_basis_mark(rq->db, &rq->arena, &b, withdrawn, now);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    legal_basis_record(rq, &b, withdrawn ? "withdrawn" : "renewed");
    reply_basis(rq, rs, 200, &b);
}

void legal_bases_renew(Request *rq, Response *rs) { mark(rq, rs, false); }
void legal_bases_withdraw(Request *rq, Response *rs) { mark(rq, rs, true); }
