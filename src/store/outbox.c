/* store/outbox: mail waiting to be sent (see outbox.h). */
#include "outbox.h"
#include <string.h>
#include "../lib/timeutil.h"

StoreResult store_outbox_add(Db *db, const OutboxMail *m, long long *id) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "INSERT INTO outbox (message_id, kind, recipient, subject, message, candidacy_id, "
                                "status, attempts, next_attempt_at, created_at) "
                                "VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, $7, $7) RETURNING id");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, m->message_id);
    db_bind_text(st, 2, m->kind);
    db_bind_text(st, 3, m->recipient);
    db_bind_text(st, 4, m->subject);
    db_bind_text(st, 5, m->message);
    store_bind_opt_int(st, 6, m->candidacy_id);
    db_bind_text(st, 7, now);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return store_result(s);
    if (id) *id = db_col_int(st, 0);
    db_reset_all(db);
    return STORE_OK;
}

StoreResult store_outbox_due(Db *db, const char *now, bool *due) {
    DbStmt *st = db_prepare(db, "SELECT 1 FROM outbox WHERE (status = 'pending' AND next_attempt_at <= $1) "
                                "OR (status = 'sending' AND lease_until < $1) LIMIT 1");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, now);
    DbStatus s = db_step(st);
    db_reset_all(db);
    if (s != DB_ROW && s != DB_DONE) return STORE_ERROR;
    *due = s == DB_ROW;
    return STORE_OK;
}

/* The same claim in each engine's words: PostgreSQL skips rows another
 * sender holds locked; SQLite's write lock (BEGIN IMMEDIATE) already
 * serializes claimers, and the guard on status makes each row go once. */
#define CLAIM_SET "UPDATE outbox SET status = 'sending', claim = $1, lease_until = $2, attempts = attempts + 1 " \
                  "WHERE id IN (SELECT id FROM outbox WHERE (status = 'pending' AND next_attempt_at <= $3) " \
                  "OR (status = 'sending' AND lease_until < $3) ORDER BY id LIMIT $4"
#define CLAIM_RETURNING ") RETURNING id, message_id, kind, recipient, subject, message, attempts, candidacy_id"

static DbStmt *claim_statement(Db *db) {
    if (strcmp(db_engine_name(db), "postgresql") == 0)
        return db_prepare(db, CLAIM_SET " FOR UPDATE SKIP LOCKED" CLAIM_RETURNING);
    return db_prepare(db, CLAIM_SET CLAIM_RETURNING);
}

StoreResult store_outbox_claim(Db *db, Arena *a, const char *claim, const char *now, const char *lease_until, int max,
                               OutboxMail **out, int *n) {
    *out = arena_alloc(a, (size_t)max * sizeof **out);
    *n = 0;
    if (db_begin_write(db) != DB_OK) return STORE_ERROR;
    DbStmt *st = claim_statement(db);
    if (!st) {
        db_rollback(db);
        return STORE_ERROR;
    }
    db_bind_text(st, 1, claim);
    db_bind_text(st, 2, lease_until);
    db_bind_text(st, 3, now);
    db_bind_int(st, 4, max);
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW && *n < max) {
        OutboxMail *m = &(*out)[(*n)++];
        m->id = db_col_int(st, 0);
        m->message_id = store_text(a, st, 1);
        m->kind = store_text(a, st, 2);
        m->recipient = store_text(a, st, 3);
        m->subject = store_text(a, st, 4);
        m->message = store_text(a, st, 5);
        m->attempts = (int)db_col_int(st, 6);
        m->candidacy_id = store_opt_int(st, 7);
        m->status = "sending";
    }
    db_reset_all(db);
    if ((s != DB_DONE && s != DB_ROW) || db_commit(db) != DB_OK) {
        db_rollback(db);
        *n = 0;
        return STORE_ERROR;
    }
    return STORE_OK;
}

/* One statement in autocommit: the row changes only if the claim holds. */
static StoreResult run_guarded(Db *db, DbStmt *st) {
    DbStatus s = db_run(st);
    if (s != DB_OK) return store_result(s);
    return db_changes(db) ? STORE_OK : STORE_NOT_FOUND;
}

StoreResult store_outbox_sent(Db *db, long long id, const char *claim, const char *now) {
    /* the text is dropped once sent: it holds a usable status link, which
     * the database otherwise keeps only hashed */
    DbStmt *st = db_prepare(db, "UPDATE outbox SET status = 'sent', sent_at = $3, lease_until = NULL, last_error = NULL, "
                                "message = '' WHERE id = $1 AND claim = $2 AND status = 'sending'");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, claim);
    db_bind_text(st, 3, now);
    return run_guarded(db, st);
}

StoreResult store_outbox_failed(Db *db, long long id, const char *claim, const char *next_at, const char *error,
                                bool give_up) {
    DbStmt *st = db_prepare(db, "UPDATE outbox SET status = $3, next_attempt_at = $4, last_error = $5, "
                                "lease_until = NULL WHERE id = $1 AND claim = $2 AND status = 'sending'");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, claim);
    db_bind_text(st, 3, give_up ? "failed" : "pending");
    db_bind_text(st, 4, next_at);
    db_bind_text(st, 5, error);
    return run_guarded(db, st);
}

StoreResult store_outbox_list(Db *db, Arena *a, const char *status, long long before_id, int limit, OutboxMail **out,
                              int *n) {
    DbStmt *st = db_prepare(db, "SELECT id, message_id, kind, recipient, subject, status, attempts, next_attempt_at, "
                                "last_error, created_at, sent_at, candidacy_id FROM outbox "
                                "WHERE ($1 = 0 OR id < $1) AND (CAST($2 AS TEXT) IS NULL OR status = $2) "
                                "ORDER BY id DESC LIMIT $3");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, before_id);
    db_bind_text(st, 2, status);
    db_bind_int(st, 3, limit);
    *out = arena_alloc(a, (size_t)limit * sizeof **out);
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        OutboxMail *m = &(*out)[(*n)++];
        m->id = db_col_int(st, 0);
        m->message_id = store_text(a, st, 1);
        m->kind = store_text(a, st, 2);
        m->recipient = store_text(a, st, 3);
        m->subject = store_text(a, st, 4);
        m->status = store_text(a, st, 5);
        m->attempts = (int)db_col_int(st, 6);
        m->next_attempt_at = store_text(a, st, 7);
        m->last_error = store_text(a, st, 8);
        m->created_at = store_text(a, st, 9);
        m->sent_at = store_text(a, st, 10);
        m->candidacy_id = store_opt_int(st, 11);
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}
