/* settings: the firm's settings (GET, PATCH with If-Match): the "no
 * ghosting" delay response_sla_days, and how long people's data is kept
 * (domain/retention.h: the CNIL's durations by default, never longer than
 * its two years for the talent pool). */
#include "../store/settings.h"
#include "api.h"

static const FieldSpec SETTINGS[] = {
    {"response_sla_days", F_INT, false, 1, 60, NULL, true},
    {"rejected_retention_months", F_INT, false, RETENTION_REJECTED_MIN, RETENTION_REJECTED_MAX, NULL, true},
    {"talent_pool_retention_months", F_INT, false, RETENTION_POOL_MIN, RETENTION_POOL_MAX, NULL, true},
    {"retention_warning_days", F_INT, false, RETENTION_WARNING_MIN, RETENTION_WARNING_MAX, NULL, true},
    {"version", F_IGNORED, false, 0, 0, NULL},
    {"updated_at", F_IGNORED, false, 0, 0, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

static json_t *settings_json(const Settings *s) {
    return json_pack("{s:I, s:i, s:i, s:i, s:i, s:o}", "version", s->version, "response_sla_days",
                     s->response_sla_days, "rejected_retention_months", s->retention.rejected_months,
                     "talent_pool_retention_months", s->retention.talent_pool_months, "retention_warning_days",
                     s->retention.warning_days, "updated_at", json_str_or_null(s->updated_at));
}

void settings_get(Request *rq, Response *rs) {
    Settings s;
    if (store_settings_get(rq->db, &rq->arena, &s) != STORE_OK) return reply_db_error(rq, rs);
    reply_versioned(rq, rs, s.version, settings_json(&s));
}

static void overlay_int(json_t *j, const char *key, int *out) {
    if (jhas(j, key)) *out = (int)jint(j, key);
}

void settings_update(Request *rq, Response *rs) {
    long long expected;
    if (!req_if_match(rq, rs, &expected)) return;
    json_t *errs = json_array();
    if (validate_object(rq, rq->json, SETTINGS, true, errs)) return reply_invalid(rq, rs, errs);
    Settings s;
    if (store_settings_get(rq->db, &rq->arena, &s) != STORE_OK) {
        json_decref(errs);
        return reply_db_error(rq, rs);
    }
    if (s.version != expected) {
        json_decref(errs);
        return reply_store_error(rq, rs, STORE_STALE);
    }
    overlay_int(rq->json, "response_sla_days", &s.response_sla_days);
    overlay_int(rq->json, "rejected_retention_months", &s.retention.rejected_months);
    overlay_int(rq->json, "talent_pool_retention_months", &s.retention.talent_pool_months);
    overlay_int(rq->json, "retention_warning_days", &s.retention.warning_days);
    /* a warning must come before the data goes, even at the shortest retention */
    if (s.retention.warning_days >= s.retention.rejected_months * 28)
        errors_add(rq, errs, "retention_warning_days", "retention_warning_too_long");
    if (json_array_size(errs)) return reply_invalid(rq, rs, errs);
    json_decref(errs);
    StoreResult r = store_settings_update(rq->db, &rq->arena, &s, expected);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    rs->audit_type = "settings";
    reply_versioned(rq, rs, s.version, settings_json(&s));
}
