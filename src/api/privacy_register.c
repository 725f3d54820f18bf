/* privacy_register: GET /api/v1/privacy/register, the record of processing
 * activities (GDPR art. 30) as this installation really does them: the
 * categories of data are the fields the product keeps, the retention
 * comes from the firm's settings (and says plainly where nothing is
 * erased automatically), the recipients inside the firm are the roles the
 * permission table lets read the data, the recipients outside are the
 * services this server is configured to use (the SMTP relay). Nothing is
 * listed that the product does not do. Labels in the caller's language. */
#include <stdlib.h>
#include <string.h>
#include "../domain/permissions.h"
#include "../lib/timeutil.h"
#include "../mail/mail_config.h"
#include "../privacy/daily.h"
#include "../store/privacy.h"
#include "../store/settings.h"
#include "api.h"

typedef struct {
    const char *id;
    const char *const *bases;
    const char *const *categories;
    const char *read_action;   /* who among the staff sees the data */
    bool mail;                 /* messages go through the SMTP relay */
    const char *retention;     /* rule: process_ended, talent_pool, contract, manual, account */
} Activity;

#define LIST(...) ((const char *const[]){__VA_ARGS__, NULL})

static const Activity ACTIVITIES[] = {
    {"recruitment", LIST("pre_contract", "legitimate_interest"),
     LIST("identity", "contact", "location", "professional", "cv", "application", "messages"), "candidacies.read", true,
     "process_ended"},
    {"talent_pool", LIST("consent"), LIST("identity", "contact", "location", "professional", "cv"), "people.read", true,
     "talent_pool"},
    {"consultants", LIST("contract"), LIST("identity", "contact", "location", "professional", "cv", "rates"),
     "people.read", false, "contract"},
    {"client_contacts", LIST("legitimate_interest"), LIST("contact_identity", "contact", "survey"), "clients.read", true,
     "manual"},
    {"accounts", LIST("legitimate_interest"), LIST("account", "connection_logs"), "users.read", true, "account"},
};

static json_t *coded(Request *rq, const char *key_prefix, const char *code, const char *name) {
    return json_pack("{s:s, s:s}", name, code, "label",
                     i18n(rq->lang, arena_printf(&rq->arena, "%s_%s", key_prefix, code)));
}

/* The roles the permission table lets do action, then the SMTP relay. */
static json_t *recipients(Request *rq, const Activity *a) {
    json_t *arr = json_array();
    for (int i = 0; ROLES[i]; i++)
        if (permission_allows(ROLES[i], a->read_action))
            json_array_append_new(arr, json_pack("{s:s, s:s, s:s}", "kind", "internal", "role", ROLES[i], "label",
                                                 i18n(rq->lang, arena_printf(&rq->arena, "role_%s", ROLES[i]))));
    const char *smtp = mail_config()->smtp_url;
    if (a->mail && smtp) {
        /* the relay's host only: never a password from the url */
        const char *host = strstr(smtp, "://");
        host = host ? host + 3 : smtp;
        const char *at = strchr(host, '@');
        if (at) host = at + 1;
        size_t len = strcspn(host, ":/");
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s%}", "kind", "processor", "label",
                                             i18n(rq->lang, "register_recipient_smtp"), "host", host, len));
    }
    return arr;
}

static json_t *retention(Request *rq, const Activity *a, const RetentionPolicy *pol) {
    int months = !strcmp(a->retention, "process_ended") ? pol->rejected_months
                 : !strcmp(a->retention, "talent_pool") ? pol->talent_pool_months : -1;
    const char *text = i18n(rq->lang, arena_printf(&rq->arena, "register_retention_%s", a->retention));
    bool automatic = months > 0; /* the purge applies these two rules; the others are erased by hand */
    return json_pack("{s:s, s:o, s:s, s:b}", "rule", a->retention, "months", json_int_or_null(months), "label",
                     months > 0 ? arena_printf(&rq->arena, text, months) : text, "automatic_erasure", automatic);
}

static long long people_of(const Activity *a, const RegisterCounts *c) {
    if (!strcmp(a->id, "recruitment")) return c->candidates;
    if (!strcmp(a->id, "talent_pool")) return c->talent_pool;
    if (!strcmp(a->id, "consultants")) return c->consultants;
    if (!strcmp(a->id, "client_contacts")) return c->contacts;
    return c->users;
}

static json_t *activity_json(Request *rq, const Activity *a, const RetentionPolicy *pol, const RegisterCounts *c) {
    json_t *bases = json_array(), *cats = json_array();
    for (int i = 0; a->bases[i]; i++) json_array_append_new(bases, coded(rq, "basis", a->bases[i], "basis"));
    for (int i = 0; a->categories[i]; i++)
        json_array_append_new(cats, coded(rq, "register_category", a->categories[i], "category"));
    return json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:I}", "id", a->id, "name",
                     i18n(rq->lang, arena_printf(&rq->arena, "register_activity_%s", a->id)), "purposes",
                     i18n(rq->lang, arena_printf(&rq->arena, "register_purpose_%s", a->id)), "data_subjects",
                     i18n(rq->lang, arena_printf(&rq->arena, "register_subjects_%s", a->id)), "legal_bases", bases,
                     "data_categories", cats, "recipients", recipients(rq, a), "retention", retention(rq, a, pol),
                     "people", people_of(a, c));
}

/* What protects the data, as configured here. */
static json_t *measures(Request *rq, const Settings *s) {
    json_t *arr = json_array();
    static const char *const ALWAYS[] = {"passwords", "tokens", "audit", "erasure", "secure_delete", NULL};
    for (int i = 0; ALWAYS[i]; i++) json_array_append_new(arr, coded(rq, "register_measure", ALWAYS[i], "id"));
    int hour = privacy_daily_hour();
    const char *purge = hour >= 0 ? arena_printf(&rq->arena, i18n(rq->lang, "register_measure_purge"), hour,
                                                 s->retention.warning_days)
                                  : i18n(rq->lang, "register_measure_purge_off");
    json_array_append_new(arr, json_pack("{s:s, s:s}", "id", hour >= 0 ? "purge" : "purge_off", "label", purge));
    return arr;
}

void privacy_register_get(Request *rq, Response *rs) {
    Settings s;
    RegisterCounts c;
    const char *last_run;
    if (store_settings_get(rq->db, &rq->arena, &s) != STORE_OK || store_register_counts(rq->db, &c) != STORE_OK ||
        store_settings_purge_date(rq->db, &rq->arena, &last_run) != STORE_OK)
        return reply_db_error(rq, rs);
    json_t *acts = json_array();
    for (size_t i = 0; i < sizeof ACTIVITIES / sizeof ACTIVITIES[0]; i++)
        json_array_append_new(acts, activity_json(rq, &ACTIVITIES[i], &s.retention, &c));
    const char *firm = getenv("ALLIANCE_FIRM_NAME");
    char now[21];
    time_now_iso(now);
    int hour = privacy_daily_hour();
    reply_json(rs, 200,
               json_pack("{s:{s:s}, s:s, s:{s:i, s:i, s:i, s:I}, s:{s:b, s:o, s:o}, s:o, s:o, s:I}", "controller",
                         "name", firm && *firm ? firm : "Alliance", "generated_at", now, "retention_settings",
                         "rejected_retention_months", s.retention.rejected_months, "talent_pool_retention_months",
                         s.retention.talent_pool_months, "retention_warning_days", s.retention.warning_days,
                         "settings_version", s.version, "purge", "automatic", hour >= 0, "hour_utc",
                         json_int_or_null(hour), "last_run", json_str_or_null(last_run), "activities", acts,
                         "measures", measures(rq, &s), "people_erased", c.erased));
}
