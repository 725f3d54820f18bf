/* daily: the privacy run of serve (see daily.h). */
#include "daily.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../lib/timeutil.h"
#include "../lib/worker.h"
#include "../store/settings.h"
#include "notice.h"
#include "purge.h"

static Worker g_worker = WORKER_INIT;
static void (*g_after_erase)(Db *db);

static int env_int(const char *name, int dflt, int min, int max) {
    const char *v = getenv(name);
    if (!v || !*v) return dflt;
    char *end;
    long n = strtol(v, &end, 10);
    return *end || n < min || n > max ? dflt : (int)n;
}

int privacy_daily_hour(void) {
    const char *v = getenv("ALLIANCE_PURGE_HOUR");
    if (v && strcmp(v, "off") == 0) return -1;
    return env_int("ALLIANCE_PURGE_HOUR", 3, 0, 23);
}

void privacy_daily_if_due(Db *db, void (*after_erase)(Db *db)) {
    int hour = privacy_daily_hour();
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    if (hour < 0 || tm.tm_hour < hour) return;
    char today[11];
    time_today_iso(today);
    Arena a = {0};
    const char *last;
    /* a read first: the write lock is taken once a day, not at every look */
    if (store_settings_purge_date(db, &a, &last) != STORE_OK || (last && strcmp(last, today) >= 0)) {
        db_reset_all(db);
        arena_free(&a);
        return;
    }
    bool mine = false;
    if (db_begin_write(db) == DB_OK && store_settings_claim_purge(db, today, &mine) == STORE_OK) {
        db_reset_all(db);
        if (db_commit(db) != DB_OK) mine = false;
    } else {
        db_rollback(db);
    }
    if (!mine) {
        arena_free(&a);
        return;
    }
    long day = time_date_days(today);
    int warned = 0;
    Expired *list;
    int n = 0;
    PurgeResult pr = {0};
    StoreResult r = notice_send_due(db, &a, day, &warned);
    if (r == STORE_OK) r = purge_find(db, &a, day, &list, &n);
    db_reset_all(db);
    if (r == STORE_OK) r = purge_run(db, day, list, n, after_erase, &pr);
    /* the run itself in the audit log, with what it did (a day with nothing
     * to do writes nothing) */
    if (warned || pr.erased || r != STORE_OK)
        purge_audit(db, arena_printf(&a, "privacy run %s: %d warned, %d erased, %d files deleted%s", today, warned,
                                     pr.erased, pr.files_deleted, r == STORE_OK ? "" : ", failed"));
    fprintf(stderr, "alliance: privacy run of %s: %d warned, %d erased (%d files) in %lld ms%s\n", today, warned,
            pr.erased, pr.files_deleted, pr.elapsed_us / 1000, r == STORE_OK ? "" : " (stopped by an error)");
    arena_free(&a);
}

static void *run(void *arg) {
    (void)arg;
    int poll = env_int("ALLIANCE_PURGE_POLL_MS", 60000, 10, 3600000);
    do {
        Db *db = db_thread();
        if (db) privacy_daily_if_due(db, g_after_erase);
    } while (!worker_pause(&g_worker, poll));
    db_thread_close();
    return NULL;
}

bool privacy_daily_start(void (*after_erase)(Db *db)) {
    if (privacy_daily_hour() < 0) return true;
    g_after_erase = after_erase;
    return worker_start(&g_worker, run, NULL);
}

void privacy_daily_stop(void) { worker_stop(&g_worker); }
