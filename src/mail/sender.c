/* sender: outbox delivery over SMTP (see sender.h). */
#include "sender.h"
#include <curl/curl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "../lib/secret.h"
#include "../lib/timeutil.h"
#include "../lib/worker.h"
#include "../store/outbox.h"
#include "digest.h"
#include "mail_config.h"

enum { BATCH = 10 };

static Worker g_worker = WORKER_INIT;

typedef struct {
    const char *data;
    size_t len, off;
} Upload;

static size_t read_cb(char *out, size_t size, size_t nmemb, void *arg) {
    Upload *u = arg;
    size_t room = size * nmemb, left = u->len - u->off, n = left < room ? left : room;
    memcpy(out, u->data + u->off, n);
    u->off += n;
    return n;
}

/* A stop aborts a delivery in progress (its mail is retried after the
 * lease, like after a crash) instead of waiting for the SMTP timeout. */
static int progress_cb(void *arg, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un) {
    (void)arg, (void)dt, (void)dn, (void)ut, (void)un;
    return worker_stopping(&g_worker) ? 1 : 0;
}

/* One SMTP transaction; 0 when the server accepted the message, else an
 * error text in err. The handle is reused so the connection stays open
 * between mails of a batch. */
static int smtp_send(CURL *curl, const MailConfig *cfg, const OutboxMail *m, char err[CURL_ERROR_SIZE]) {
    Upload up = {m->message, strlen(m->message), 0};
    struct curl_slist *rcpt = curl_slist_append(NULL, m->recipient);
    curl_easy_setopt(curl, CURLOPT_URL, cfg->smtp_url);
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, cfg->from_address);
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(curl, CURLOPT_READDATA, &up);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_USE_SSL, cfg->tls == 2 ? (long)CURLUSESSL_ALL
                                            : cfg->tls == 1 ? (long)CURLUSESSL_TRY : (long)CURLUSESSL_NONE);
    if (cfg->smtp_user) curl_easy_setopt(curl, CURLOPT_USERNAME, cfg->smtp_user);
    if (cfg->smtp_password) curl_easy_setopt(curl, CURLOPT_PASSWORD, cfg->smtp_password);
    if (cfg->smtp_ca_file) curl_easy_setopt(curl, CURLOPT_CAINFO, cfg->smtp_ca_file);
    /* the whole transaction ends before the claim's lease does, so no other
     * sender takes a mail this one may still be sending */
    long timeout = cfg->lease_s > 70 ? 60L : (long)(cfg->lease_s > 1 ? cfg->lease_s - 1 : 1);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, timeout < 10 ? timeout : 10L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, timeout);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, progress_cb);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, err);
    err[0] = '\0';
    CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(rcpt);
    if (rc == CURLE_OK) return 0;
    long code = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    char detail[2 * CURL_ERROR_SIZE + 64];
    snprintf(detail, sizeof detail, "%s%s%s (smtp %ld)", curl_easy_strerror(rc), err[0] ? ": " : "", err, code);
    size_t n = strlen(detail) < CURL_ERROR_SIZE - 1 ? strlen(detail) : CURL_ERROR_SIZE - 1;
    memcpy(err, detail, n);
    err[n] = '\0';
    return -1;
}

/* The time of the next attempt after `attempts` failures. */
static void next_attempt(const MailConfig *cfg, int attempts, char out[21]) {
    long long ms = cfg->backoff_ms;
    for (int i = 1; i < attempts && ms < 3600000; i++) ms *= 2;
    if (ms > 3600000) ms = 3600000;
    time_iso(time(NULL) + (time_t)((ms + 999) / 1000), out);
}

/* Claims and delivers one batch; returns how many mails were claimed. */
static int deliver_batch(Db *db, CURL *curl, const MailConfig *cfg) {
    Arena a = {0};
    char claim[SECRET_TOKEN_LEN], now[21], lease[21];
    secret_token(claim);
    time_now_iso(now);
    time_iso(time(NULL) + cfg->lease_s, lease);
    OutboxMail *mails;
    int n = 0;
    bool due = false;
    if (store_outbox_due(db, now, &due) != STORE_OK || !due) {
        arena_free(&a);
        return 0;
    }
    if (store_outbox_claim(db, &a, claim, now, lease, BATCH, &mails, &n) != STORE_OK) {
        fprintf(stderr, "alliance: outbox claim failed: %s\n", db_errmsg(db));
        n = 0;
    }
    for (int i = 0; i < n; i++) {
        char err[CURL_ERROR_SIZE];
        if (smtp_send(curl, cfg, &mails[i], err) == 0) {
            time_now_iso(now);
            if (store_outbox_sent(db, mails[i].id, claim, now) == STORE_ERROR)
                fprintf(stderr, "alliance: outbox mark failed: %s\n", db_errmsg(db));
        } else {
            char next[21];
            next_attempt(cfg, mails[i].attempts, next);
            bool give_up = mails[i].attempts >= cfg->max_attempts;
            store_outbox_failed(db, mails[i].id, claim, next, err, give_up);
        }
    }
    arena_free(&a);
    return n;
}

static void *run(void *arg) {
    (void)arg;
    const MailConfig *cfg = mail_config();
    CURL *curl = curl_easy_init();
    while (curl && !worker_stopping(&g_worker)) {
        Db *db = db_thread();
        if (!db) {
            worker_pause(&g_worker, cfg->poll_ms);
            continue;
        }
        mail_digest_if_due(db);
        if (deliver_batch(db, curl, cfg) < BATCH) worker_pause(&g_worker, cfg->poll_ms);
    }
    if (curl) curl_easy_cleanup(curl);
    db_thread_close();
    return NULL;
}

bool mail_sender_start(void) {
    const MailConfig *cfg = mail_config();
    if (!cfg->smtp_url) return true;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (!worker_start(&g_worker, run, NULL)) return false;
    fprintf(stderr, "alliance: the mail sender is running\n");
    return true;
}

void mail_sender_stop(void) {
    if (!g_worker.running) return;
    worker_stop(&g_worker);
    curl_global_cleanup();
}
