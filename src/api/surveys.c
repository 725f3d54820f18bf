/* surveys: satisfaction surveys sent to a client's contact. The link holds
 * a random token (256 bits, only its hash is stored); the public page that
 * answers it is survey_page.c. */
#include <stdlib.h>
#include "../lib/secret.h"
#include "../lib/timeutil.h"
#include "../store/clients.h"
#include "../store/needs.h"
#include "../store/surveys.h"
#include "../http/event_log.h"
#include "api.h"

enum { SURVEY_DAYS = 30 };

static const FieldSpec CREATE[] = {
    {"contact_id", F_ID, true, 1, 1LL << 53, NULL},
    {"need_id", F_ID, false, 1, 1LL << 53, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

static json_t *survey_json(const Survey *s) {
    return json_pack("{s:I, s:I, s:I, s:I, s:o, s:s, s:o, s:o, s:s, s:s, s:o}", "id", s->id, "version", s->version,
                     "client_id", s->client_id, "contact_id", s->contact_id, "need_id", json_int_or_null(s->need_id),
                     "contact_name", s->contact_name ? s->contact_name : "", "score", json_int_or_null(s->score),
                     "comment", json_str_or_null(s->comment), "created_at", s->created_at, "expires_at",
                     s->expires_at, "answered_at", json_str_or_null(s->answered_at));
}

void surveys_create(Request *rq, Response *rs) {
    json_t *errs = json_array();
    if (validate_object(rq, rq->json, CREATE, false, errs)) return reply_invalid(rq, rs, errs);
    Contact contact = {0};
    StoreResult r = store_contact_get(rq->db, &rq->arena, jint(rq->json, "contact_id"), &contact);
    if (r == STORE_ERROR) {
        json_decref(errs);
        return reply_db_error(rq, rs);
    }
    if (r == STORE_NOT_FOUND) errors_add(rq, errs, "contact_id", "no_such_contact");
    else if (!contact.consent) errors_add(rq, errs, "contact_id", "contact_no_consent"); /* GDPR: asked first */
    Survey s = {.client_id = contact.client_id, .contact_id = contact.id, .need_id = jint(rq->json, "need_id")};
    if (r == STORE_OK && s.need_id > 0) {
        Need n;
        StoreResult nr = store_need_get(rq->db, &rq->arena, s.need_id, &n);
        if (nr == STORE_ERROR) {
            json_decref(errs);
            return reply_db_error(rq, rs);
        }
        if (nr == STORE_NOT_FOUND) errors_add(rq, errs, "need_id", "no_such_need");
        else if (nr == STORE_OK && n.client_id != contact.client_id) errors_add(rq, errs, "need_id", "need_other_client");
    }
    if (json_array_size(errs)) return reply_invalid(rq, rs, errs);
    json_decref(errs);
    char token[SECRET_TOKEN_LEN], hash[SECRET_HASH_LEN], now[21], expires[21];
    secret_token(token);
    secret_token_hash(token, hash);
    time_t t = time(NULL);
    time_iso(t, now);
    time_iso(t + SURVEY_DAYS * 86400, expires);
    s.created_at = now;
    s.expires_at = expires;
    s.contact_name = contact.name;
    r = store_survey_insert(rq->db, &s, hash, rq->user.id);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    event_record(rq, "survey.sent", "survey", s.id, (EventRefs){s.client_id, s.need_id, -1}, NULL, NULL);
    rs->audit_type = "survey";
    rs->audit_id = s.id;
    json_t *body = survey_json(&s);
    /* the link is shown once, to be sent to the contact; it cannot be read back */
    json_object_set_new(body, "url", json_sprintf("/s/%s", token));
    reply_json(rs, 201, body);
}

void surveys_list(Request *rq, Response *rs) {
    int limit;
    long long before, client = -1;
    if (!req_page(rq, rs, &limit, &before)) return;
    if (!req_filter_id(rq, rs, "client_id", &client)) return;
    Survey *items;
    int n;
    if (store_surveys_list(rq->db, &rq->arena, client, before, limit, &items, &n) != STORE_OK)
        return reply_db_error(rq, rs);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) json_array_append_new(arr, survey_json(&items[i]));
    reply_json(rs, 200, page_body(arr, limit, n ? items[n - 1].id : 0));
}
