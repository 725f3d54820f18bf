/* purge: the retention purge (see purge.h). */
#include "purge.h"
#include <stdio.h>
#include "../lib/timeutil.h"
#include "../store/audit.h"
#include "../store/events.h"
#include "../store/legal_bases.h"
#include "../store/settings.h"
#include "erase.h"
#include "people_retention.h"

StoreResult purge_find(Db *db, Arena *a, long today, Expired **out, int *n) {
    Settings s;
    RetentionRow *rows;
    int nrows;
    *n = 0;
    StoreResult r = store_settings_get(db, a, &s);
    if (r == STORE_OK) r = store_retention_rows(db, a, -1, &rows, &nrows);
    if (r != STORE_OK) return r;
    *out = arena_alloc(a, (size_t)(nrows ? nrows : 1) * sizeof **out);
    for (int i = 0; i < nrows; i++) {
        RetentionEnd end = person_retention(&s.retention, &rows[i]);
        if (retention_state(&s.retention, end, today) != RETAIN_EXPIRED) continue;
        (*out)[(*n)++] = (Expired){rows[i].person_id, rows[i].kind, rows[i].first_name, rows[i].last_name, end};
    }
    return STORE_OK;
}

/* Whether the person is still expired now that we hold the write lock (a
 * renewal may have come in since the list was made). */
static StoreResult still_expired(Db *db, Arena *a, long long id, long today, bool *yes) {
    Settings s;
    RetentionRow *rows;
    int n;
    StoreResult r = store_settings_get(db, a, &s);
    if (r == STORE_OK) r = store_retention_rows(db, a, id, &rows, &n);
    if (r != STORE_OK) return r;
    *yes = n == 1 && retention_state(&s.retention, person_retention(&s.retention, &rows[0]), today) == RETAIN_EXPIRED;
    return STORE_OK;
}

/* One person, in a transaction of its own. */
static StoreResult purge_one(Db *db, Arena *a, long today, const Expired *e, ErasureReport *er, bool *erased) {
    *erased = false;
    if (db_begin_write(db) != DB_OK) return STORE_ERROR;
    bool expired;
    StoreResult r = still_expired(db, a, e->person_id, today, &expired);
    if (r == STORE_OK && expired) {
        char until[11];
        time_days_iso(e->end.until, until);
        const char *reason = arena_printf(a, "durée de conservation échue le %s (%s)", until,
                                          retention_reason_name(e->end.reason));
        r = erase_person(db, a, e->person_id, -1, reason, er);
        Event ev = {.actor_id = -1, .type = "person.erased", .object_type = "person", .object_id = e->person_id,
                    .refs = {-1, -1, e->person_id}, .after = "{\"by\":\"purge\"}"};
        if (r == STORE_OK) r = store_event_add(db, &ev, NULL);
        if (r == STORE_OK) r = store_audit_add(db, -1, "purge: retention ended", "person", e->person_id, NULL);
        *erased = r == STORE_OK;
    }
    db_reset_all(db);
    if (r == STORE_OK && db_commit(db) == DB_OK) return STORE_OK;
    db_rollback(db);
    *erased = false;
    return r == STORE_OK ? STORE_ERROR : r;
}

StoreResult purge_run(Db *db, long today, const Expired *list, int n, void (*after_erase)(Db *db),
                      PurgeResult *out) {
    *out = (PurgeResult){0};
    long long start = time_monotonic_us();
    StoreResult r = STORE_OK;
    for (int i = 0; i < n && r == STORE_OK; i++) {
        Arena one = {0}; /* per person: a large purge does not pile up memory */
        ErasureReport er;
        bool erased;
        r = purge_one(db, &one, today, &list[i], &er, &erased);
        if (r == STORE_CONFLICT) r = STORE_OK; /* erased meanwhile by someone else */
        if (r == STORE_OK && !erased) out->skipped++;
        if (r == STORE_OK && erased) {
            out->erased++;
            out->files_deleted += erase_after_commit(db, &er, false);
            if (after_erase) after_erase(db);
        }
        arena_free(&one);
    }
    if (out->erased) erase_compact(db);
    out->elapsed_us = time_monotonic_us() - start;
    return r;
}

StoreResult purge_audit(Db *db, const char *action) {
    if (db_begin_write(db) != DB_OK) return STORE_ERROR;
    if (store_audit_add(db, -1, action, "privacy", -1, NULL) == STORE_OK && db_commit(db) == DB_OK) return STORE_OK;
    db_rollback(db);
    return STORE_ERROR;
}
