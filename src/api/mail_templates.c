/* mail_templates: the messages candidates receive, per kind, in French and
 * English; managers edit them (PUT with If-Match). Placeholders are
 * checked: an unknown {{name}} is a 422 naming the field. */
#include <string.h>
#include "../store/mail_templates.h"
#include "api.h"

static const FieldSpec TEMPLATE[] = {
    {"subject_fr", F_STRING, true, 0, 200, NULL},
    {"body_fr", F_TEXT, true, 0, 10000, NULL},
    {"subject_en", F_STRING, true, 0, 200, NULL},
    {"body_en", F_TEXT, true, 0, 10000, NULL},
    {"kind", F_IGNORED, false, 0, 0, NULL},
    {"version", F_IGNORED, false, 0, 0, NULL},
    {"customized", F_IGNORED, false, 0, 0, NULL},
    {"updated_at", F_IGNORED, false, 0, 0, NULL},
    {"updated_by", F_IGNORED, false, 0, 0, NULL},
    {"placeholders", F_IGNORED, false, 0, 0, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

static json_t *template_json(const StoredTemplate *t) {
    json_t *ph = json_array();
    for (int i = 0; MAIL_PLACEHOLDERS[i]; i++) json_array_append_new(ph, json_string(MAIL_PLACEHOLDERS[i]));
    return json_pack("{s:s, s:I, s:b, s:s, s:s, s:s, s:s, s:o, s:o, s:o}", "kind", t->t.kind, "version", t->version,
                     "customized", t->updated_at != NULL, "subject_fr", t->t.subject_fr, "body_fr", t->t.body_fr,
                     "subject_en", t->t.subject_en, "body_en", t->t.body_en, "updated_at",
                     json_str_or_null(t->updated_at), "updated_by", json_int_or_null(t->updated_by), "placeholders", ph);
}

void mail_templates_list(Request *rq, Response *rs) {
    json_t *items = json_array();
    for (int i = 0; MAIL_TEMPLATE_DEFAULTS[i].kind; i++) {
        StoredTemplate t;
        if (store_mail_template_get(rq->db, &rq->arena, MAIL_TEMPLATE_DEFAULTS[i].kind, &t) != STORE_OK) {
            json_decref(items);
            return reply_db_error(rq, rs);
        }
        json_array_append_new(items, template_json(&t));
    }
    reply_json(rs, 200, json_pack("{s:o}", "items", items));
}

void mail_templates_get(Request *rq, Response *rs) {
    StoredTemplate t;
    StoreResult r = store_mail_template_get(rq->db, &rq->arena, rq->token, &t);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    reply_versioned(rq, rs, t.version, template_json(&t));
}

/* Every placeholder of one text is known; else an error on that field. */
static void check_text(Request *rq, json_t *errs, const char *field, const char *text) {
    char bad[64];
    switch (mail_template_check(text ? text : "", bad, sizeof bad)) {
    case TPL_OK: return;
    case TPL_UNCLOSED: errors_add(rq, errs, field, "template_unclosed", bad); return;
    case TPL_UNKNOWN_PLACEHOLDER: {
        char list[256] = "";
        for (int i = 0; MAIL_PLACEHOLDERS[i]; i++) {
            if (i) strncat(list, ", ", sizeof list - strlen(list) - 1);
            strncat(list, MAIL_PLACEHOLDERS[i], sizeof list - strlen(list) - 1);
        }
        errors_add(rq, errs, field, "template_unknown", bad, list);
        return;
    }
    }
}

void mail_templates_put(Request *rq, Response *rs) {
    long long expected;
    if (!req_if_match(rq, rs, &expected)) return;
    StoredTemplate t;
    StoreResult r = store_mail_template_get(rq->db, &rq->arena, rq->token, &t);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    json_t *errs = json_array();
    if (!validate_object(rq, rq->json, TEMPLATE, false, errs)) {
        static const char *const fields[] = {"subject_fr", "body_fr", "subject_en", "body_en"};
        for (int i = 0; i < 4; i++) check_text(rq, errs, fields[i], jstr(rq->json, fields[i]));
    }
    if (json_array_size(errs)) return reply_invalid(rq, rs, errs);
    json_decref(errs);
    if (t.version != expected) return reply_store_error(rq, rs, STORE_STALE);
    t.t.subject_fr = jstr(rq->json, "subject_fr");
    t.t.body_fr = jstr(rq->json, "body_fr");
    t.t.subject_en = jstr(rq->json, "subject_en");
    t.t.body_en = jstr(rq->json, "body_en");
    t.updated_by = rq->user.id;
    r = store_mail_template_put(rq->db, &rq->arena, &t, expected);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    rs->audit_type = "mail_template";
    reply_versioned(rq, rs, t.version, template_json(&t));
}
