/* candidate_mail: mail to candidates and interviewers (see candidate_mail.h). */
#include "candidate_mail.h"
#include "../lib/paris_time.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../lib/i18n.h"
#include "../lib/ics.h"
#include "../lib/timeutil.h"
#include "../store/alerts.h"
#include "../store/application_links.h"
#include "../store/candidacies.h"
#include "../store/mail_templates.h"
#include "../store/people.h"
#include "../store/users.h"
#include "compose.h"
#include "mail_config.h"

static time_t parse_utc(const char *iso) {
    struct tm tm = {0};
    if (!iso || !strptime(iso, "%Y-%m-%dT%H:%M:%SZ", &tm)) return 0;
    return timegm(&tm);
}

/* The time in Paris, written for people: "03/12/2026 14:00 (heure de
 * Paris)" or "2026-12-03 14:00 (Paris time)". */
static const char *paris_time(Arena *a, time_t t, bool en) {
    time_t local = t + paris_offset(t);
    struct tm l;
    gmtime_r(&local, &l);
    char out[64];
    if (en) strftime(out, sizeof out, "%Y-%m-%d %H:%M (Paris time)", &l);
    else strftime(out, sizeof out, "%d/%m/%Y %H:%M (heure de Paris)", &l);
    return arena_strdup(a, out);
}

static const char *or_dash(const char *s) { return s && *s ? s : "—"; }

/* The .ics of iv for the candidate and every interviewer (caller frees). */
static char *interview_ics(Db *db, Arena *a, const Interview *iv, const CandidacyRow *row, const char *candidate_email) {
    const char *att[INTERVIEW_MAX_INTERVIEWERS + 1];
    int n = 0;
    if (candidate_email) att[n++] = candidate_email;
    for (int i = 0; i < iv->ninterviewers; i++) {
        User u;
        if (store_user_get(db, a, iv->interviewers[i], &u) == STORE_OK) att[n++] = u.email;
    }
    bool cancel = strcmp(iv->status, "cancelled") == 0;
    IcsEvent ev = {.uid = iv->uid, .sequence = iv->sequence, .method = cancel ? "CANCEL" : "REQUEST",
                   .start = parse_utc(iv->starts_at), .end = parse_utc(iv->ends_at), .stamp = time(NULL),
                   .summary = arena_printf(a, "Entretien : %s (%s)", row->need_title, row->person_name),
                   .location = iv->place ? iv->place : iv->video_url, .url = iv->video_url,
                   .organizer = mail_config()->from_address, .attendees = att, .nattendees = n};
    return ics_build(&ev);
}

StoreResult candidate_mail_queue(Db *db, Arena *a, long long candidacy_id, const char *kind, const Interview *iv) {
    CandidacyRow row;
    Person p;
    StoredTemplate t;
    StoreResult r = store_candidacy_get(db, a, candidacy_id, &row);
    if (r == STORE_OK) r = store_person_get(db, a, row.c.person_id, &p);
    if (r == STORE_OK) r = store_mail_template_get(db, a, kind, &t);
    if (r != STORE_OK) return r;
    char now[21];
    time_now_iso(now);
    /* the application's own acknowledgement is not an answer */
    r = store_candidacy_touch_contact(db, candidacy_id, now, strcmp(kind, "application_received") != 0);
    if (r != STORE_OK || !p.email || !*p.email) return r;

    char token[SECRET_TOKEN_LEN];
    r = store_application_link_create(db, candidacy_id, token);
    if (r != STORE_OK) return r;
    bool en = p.language && strcmp(p.language, "en") == 0;
    const char *link = arena_printf(a, "%s/applications/%s", mail_config()->public_url, token);
    const char *stage_key = arena_printf(a, "stage_label_%s", row.c.stage);
    TemplateVar vars[] = {
        {"first_name", p.first_name},
        {"last_name", p.last_name},
        {"need_title", row.need_title},
        {"status_link", link},
        {"stage", i18n(en ? LANG_EN : LANG_FR, stage_key)},
        {"candidate_message", row.c.candidate_message},
        {"interview_start", iv ? paris_time(a, parse_utc(iv->starts_at), en) : NULL},
        {"interview_duration", iv ? arena_printf(a, "%d", iv->duration_minutes) : NULL},
        {"interview_place", iv ? or_dash(iv->place) : NULL},
        {"interview_video", iv ? or_dash(iv->video_url) : NULL},
    };
    int nvars = (int)(sizeof vars / sizeof vars[0]);
    char *subject = mail_template_render(en ? t.t.subject_en : t.t.subject_fr, vars, nvars);
    char *text = mail_template_render(en ? t.t.body_en : t.t.body_fr, vars, nvars);
    char *ics = iv ? interview_ics(db, a, iv, &row, p.email) : NULL;
    Mail m = {.kind = kind, .to = p.email, .to_name = arena_printf(a, "%s %s", p.first_name, p.last_name),
              .subject = subject, .text = text, .ics = ics,
              .ics_method = iv && strcmp(iv->status, "cancelled") == 0 ? "CANCEL" : "REQUEST",
              .candidacy_id = candidacy_id};
    r = subject && text && (!iv || ics) ? mail_queue(db, &m) : STORE_ERROR;
    free(subject);
    free(text);
    free(ics);
    return r;
}

StoreResult interviewer_mail_queue(Db *db, Arena *a, long long candidacy_id, const Interview *iv) {
    CandidacyRow row;
    Person p;
    StoreResult r = store_candidacy_get(db, a, candidacy_id, &row);
    if (r == STORE_OK) r = store_person_get(db, a, row.c.person_id, &p);
    if (r != STORE_OK) return r;
    bool cancel = strcmp(iv->status, "cancelled") == 0;
    char *ics = interview_ics(db, a, iv, &row, p.email && *p.email ? p.email : NULL);
    if (!ics) return STORE_ERROR;
    const char *when = paris_time(a, parse_utc(iv->starts_at), false);
    const char *subject = arena_printf(a, "%s : %s — %s", cancel ? "Entretien annulé" : iv->sequence ? "Entretien modifié" : "Entretien",
                                       row.person_name, row.need_title);
    const char *text = arena_printf(a, "Bonjour,\n\n%s avec %s pour le besoin « %s ».\n\nDate : %s (%d minutes)\n"
                                       "Lieu : %s\nVisioconférence : %s\n\nL'invitation jointe met votre agenda à jour.\n",
                                    cancel ? "Entretien annulé" : "Entretien prévu", row.person_name, row.need_title,
                                    when, iv->duration_minutes, or_dash(iv->place), or_dash(iv->video_url));
    for (int i = 0; i < iv->ninterviewers && r == STORE_OK; i++) {
        User u;
        if (store_user_get(db, a, iv->interviewers[i], &u) != STORE_OK) continue;
        Mail m = {.kind = cancel ? "interviewer_cancelled" : "interviewer_invitation", .to = u.email, .to_name = u.name,
                  .subject = subject, .text = text, .ics = ics, .ics_method = cancel ? "CANCEL" : "REQUEST",
                  .candidacy_id = candidacy_id};
        r = mail_queue(db, &m);
    }
    free(ics);
    return r;
}
