/* settings: the firm's settings (GET, PATCH with If-Match), for now the
 * "no ghosting" delay response_sla_days. */
#include "../store/settings.h"
#include "api.h"

static const FieldSpec SETTINGS[] = {
    {"response_sla_days", F_INT, false, 1, 60, NULL, true},
    {"version", F_IGNORED, false, 0, 0, NULL},
    {"updated_at", F_IGNORED, false, 0, 0, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

static json_t *settings_json(const Settings *s) {
    return json_pack("{s:I, s:i, s:o}", "version", s->version, "response_sla_days", s->response_sla_days, "updated_at",
                     json_str_or_null(s->updated_at));
}

void settings_get(Request *rq, Response *rs) {
    Settings s;
    if (store_settings_get(rq->db, &rq->arena, &s) != STORE_OK) return reply_db_error(rq, rs);
    reply_versioned(rq, rs, s.version, settings_json(&s));
}

void settings_update(Request *rq, Response *rs) {
    long long expected;
    if (!req_if_match(rq, rs, &expected)) return;
    json_t *errs = json_array();
    if (validate_object(rq, rq->json, SETTINGS, true, errs)) return reply_invalid(rq, rs, errs);
    json_decref(errs);
    Settings s;
    if (store_settings_get(rq->db, &rq->arena, &s) != STORE_OK) return reply_db_error(rq, rs);
    if (s.version != expected) return reply_store_error(rq, rs, STORE_STALE);
    if (jhas(rq->json, "response_sla_days")) s.response_sla_days = (int)jint(rq->json, "response_sla_days");
    StoreResult r = store_settings_update(rq->db, &rq->arena, &s, expected);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    rs->audit_type = "settings";
    reply_versioned(rq, rs, s.version, settings_json(&s));
}
