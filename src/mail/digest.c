/* digest: the daily list of waiting candidates (see digest.h). */
#include "digest.h"
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "../api/channels.h"
#include "../domain/sla.h"
#include "../lib/buf.h"
#include "../lib/timeutil.h"
#include "../store/alerts.h"
#include "../store/settings.h"
#include "compose.h"
#include "mail_config.h"

enum { DIGEST_MAX = 1000 };

StoreResult mail_digest_queue(Db *db, Arena *a, int *mails, int *overdue, int *unowned) {
    *mails = *overdue = *unowned = 0;
    Settings s;
    StoreResult r = store_settings_get(db, a, &s);
    if (r != STORE_OK) return r;
    char cutoff[21];
    time_iso(sla_cutoff(time(NULL), s.response_sla_days), cutoff);
    OverdueRow *rows;
    int n;
    r = store_overdue_list(db, a, cutoff, -1, DIGEST_MAX, &rows, &n);
    if (r != STORE_OK) return r;
    *overdue = n;
    bool *done = arena_alloc(a, (size_t)(n ? n : 1) * sizeof *done);
    for (int i = 0; i < n && r == STORE_OK; i++) {
        if (done[i]) continue;
        if (rows[i].owner_id < 0 || !rows[i].owner_email) {
            (*unowned)++;
            continue;
        }
        Buf text = BUF_INIT;
        int count = 0;
        buf_printf(&text, "Bonjour %s,\n\nCes candidats attendent une réponse depuis plus de %d jours ouvrés :\n\n",
                   rows[i].owner_name, s.response_sla_days);
        for (int j = i; j < n; j++) {
            if (rows[j].owner_id != rows[i].owner_id) continue;
            done[j] = true;
            count++;
            buf_printf(&text, "- %s — %s (depuis le %.10s)\n", rows[j].person_name, rows[j].need_title,
                       rows[j].waiting_since);
            /* the owner's bell too, not only their inbox */
            if (r == STORE_OK)
                r = notify_overdue_candidacy(db, rows[j].owner_id, rows[j].candidacy_id,
                                             arena_printf(a, "%s — %s", rows[j].person_name, rows[j].need_title));
        }
        buf_printf(&text, "\nRépondez-leur depuis Alliance : %s/#/home\n", mail_config()->public_url);
        Mail m = {.kind = "digest", .to = rows[i].owner_email, .to_name = rows[i].owner_name,
                  .subject = arena_printf(a, "%d candidat%s en attente de réponse", count, count > 1 ? "s" : ""),
                  .text = buf_str(&text), .candidacy_id = -1};
        if (r == STORE_OK) r = mail_queue(db, &m);
        buf_free(&text);
        if (r == STORE_OK) (*mails)++;
    }
    return r;
}

void mail_digest_if_due(Db *db) {
    static __thread char last_date[11]; /* this thread already settled that day */
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    int hour = mail_config()->digest_hour;
    if (hour < 0 || tm.tm_hour < hour) return;
    char today[21];
    time_iso(now, today);
    today[10] = '\0';
    if (strcmp(last_date, today) == 0) return;
    if (db_begin_write(db) != DB_OK) return;
    bool mine = false;
    Arena a = {0};
    int mails = 0, overdue = 0, unowned = 0;
    StoreResult r = store_settings_claim_digest(db, today, &mine);
    if (r == STORE_OK && mine) r = mail_digest_queue(db, &a, &mails, &overdue, &unowned);
    db_reset_all(db);
    if (r == STORE_OK && db_commit(db) == DB_OK) {
        memcpy(last_date, today, sizeof last_date);
        if (mine) fprintf(stderr, "alliance: digest of %s: %d mails, %d overdue candidacies\n", today, mails, overdue);
    } else {
        db_rollback(db);
    }
    arena_free(&a);
}
