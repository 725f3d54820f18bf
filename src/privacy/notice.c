/* notice: the warning before a person's data expires (see notice.h). */
#include "notice.h"
#include <stdlib.h>
#include <string.h>
#include "../lib/i18n.h"
#include "../lib/timeutil.h"
#include "../mail/compose.h"
#include "../mail/mail_config.h"
#include "../store/events.h"
#include "../store/legal_bases.h"
#include "../store/mail_templates.h"
#include "../store/settings.h"
#include "people_retention.h"

/* One warning: link, mail, the record that it went, and its event. */
static StoreResult warn(Db *db, Arena *a, const RetentionRow *p, long until_day, long today) {
    char until[11], token[SECRET_TOKEN_LEN], when[64];
    time_days_iso(until_day, until);
    StoredTemplate t;
    StoreResult r = store_mail_template_get(db, a, "retention_notice", &t);
    if (r == STORE_OK)
        r = store_privacy_link_create(db, p->person_id, (int)(until_day - today) + NOTICE_LINK_DAYS_AFTER, token);
    if (r != STORE_OK) return r;
    bool en = p->language && strcmp(p->language, "en") == 0;
    i18n_long_date(en ? LANG_EN : LANG_FR, until, when, sizeof when);
    TemplateVar vars[] = {
        {"first_name", p->first_name},
        {"last_name", p->last_name},
        {"privacy_link", arena_printf(a, "%s/privacy/%s", mail_config()->public_url, token)},
        {"retention_end", when},
    };
    int nvars = (int)(sizeof vars / sizeof vars[0]);
    char *subject = mail_template_render(en ? t.t.subject_en : t.t.subject_fr, vars, nvars);
    char *text = mail_template_render(en ? t.t.body_en : t.t.body_fr, vars, nvars);
    Mail m = {.kind = "retention_notice", .to = p->email,
              .to_name = arena_printf(a, "%s %s", p->first_name, p->last_name), .subject = subject, .text = text,
              .candidacy_id = -1};
    char now[21];
    time_now_iso(now);
    r = subject && text ? mail_queue(db, &m) : STORE_ERROR;
    free(subject);
    free(text);
    if (r == STORE_OK) r = store_retention_notice_add(db, p->person_id, until, now);
    /* facts only: the end date the person was told of */
    Event ev = {.actor_id = -1, .type = "privacy.notice", .object_type = "person", .object_id = p->person_id,
                .refs = {-1, -1, p->person_id},
                .after = arena_printf(a, "{\"retention_until\":\"%s\"}", until)};
    return r == STORE_OK ? store_event_add(db, &ev, NULL) : r;
}

StoreResult notice_send_due(Db *db, Arena *a, long today, int *sent) {
    *sent = 0;
    if (db_begin_write(db) != DB_OK) return STORE_ERROR;
    Settings s;
    RetentionRow *rows;
    int n;
    StoreResult r = store_settings_get(db, a, &s);
    if (r == STORE_OK) r = store_retention_rows(db, a, -1, &rows, &n);
    for (int i = 0; r == STORE_OK && i < n; i++) {
        if (!rows[i].email || !*rows[i].email) continue;
        RetentionEnd end = person_retention(&s.retention, &rows[i]);
        if (retention_state(&s.retention, end, today) != RETAIN_WARN) continue;
        char until[11];
        time_days_iso(end.until, until);
        const char *sent_at;
        r = store_retention_notice_find(db, rows[i].person_id, until, &sent_at, a);
        if (r != STORE_OK || sent_at) continue;
        r = warn(db, a, &rows[i], end.until, today);
        if (r == STORE_OK) (*sent)++;
    }
    db_reset_all(db);
    if (r == STORE_OK && db_commit(db) == DB_OK) return STORE_OK;
    db_rollback(db);
    *sent = 0;
    return STORE_ERROR;
}
