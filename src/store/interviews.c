/* store/interviews: interviews and interviewers (see interviews.h). */
#include "interviews.h"
#include <string.h>
#include "../lib/timeutil.h"

#define IV_COLS "id, version, candidacy_id, uid, sequence, status, starts_at, ends_at, duration_minutes, place, " \
                "video_url, created_by, created_at, updated_at"

static void read_iv(Arena *a, DbStmt *st, Interview *iv) {
    iv->id = db_col_int(st, 0);
    iv->version = db_col_int(st, 1);
    iv->candidacy_id = db_col_int(st, 2);
    iv->uid = store_text(a, st, 3);
    iv->sequence = (int)db_col_int(st, 4);
    iv->status = store_text(a, st, 5);
    iv->starts_at = store_text(a, st, 6);
    iv->ends_at = store_text(a, st, 7);
    iv->duration_minutes = (int)db_col_int(st, 8);
    iv->place = store_text(a, st, 9);
    iv->video_url = store_text(a, st, 10);
    iv->created_by = store_opt_int(st, 11);
    iv->created_at = store_text(a, st, 12);
    iv->updated_at = store_text(a, st, 13);
    iv->ninterviewers = 0;
}

static StoreResult load_interviewers(Db *db, Interview *iv) {
    DbStmt *st = db_prepare(db, "SELECT user_id FROM interview_interviewers WHERE interview_id = $1 ORDER BY user_id");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, iv->id);
    iv->ninterviewers = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW)
        if (iv->ninterviewers < INTERVIEW_MAX_INTERVIEWERS) iv->interviewers[iv->ninterviewers++] = db_col_int(st, 0);
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_interview_get(Db *db, Arena *a, long long id, Interview *iv) {
    DbStmt *st = db_prepare(db, "SELECT " IV_COLS " FROM interviews WHERE id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return s == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
    read_iv(a, st, iv);
    db_reset_all(db);
    return load_interviewers(db, iv);
}

StoreResult store_interviews_of_candidacy(Db *db, Arena *a, long long candidacy_id, Interview **out, int *n) {
    DbStmt *st = db_prepare(db, "SELECT " IV_COLS " FROM interviews WHERE candidacy_id = $1 ORDER BY starts_at, id");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, candidacy_id);
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, (size_t)*n, &cap, sizeof **out);
        read_iv(a, st, &(*out)[(*n)++]);
    }
    if (s != DB_DONE) return STORE_ERROR;
    for (int i = 0; i < *n; i++)
        if (load_interviewers(db, &(*out)[i]) != STORE_OK) return STORE_ERROR;
    return STORE_OK;
}

static StoreResult write_interviewers(Db *db, const Interview *iv) {
    DbStmt *st = db_prepare(db, "DELETE FROM interview_interviewers WHERE interview_id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, iv->id);
    if (db_run(st) != DB_OK) return STORE_ERROR;
    for (int i = 0; i < iv->ninterviewers; i++) {
        st = db_prepare(db, "INSERT INTO interview_interviewers (interview_id, user_id) VALUES ($1, $2)");
        if (!st) return STORE_ERROR;
        db_bind_int(st, 1, iv->id);
        db_bind_int(st, 2, iv->interviewers[i]);
        StoreResult r = store_result(db_run(st));
        if (r != STORE_OK) return r;
    }
    return STORE_OK;
}

StoreResult store_interview_insert(Db *db, Arena *a, Interview *iv) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "INSERT INTO interviews (candidacy_id, uid, sequence, status, starts_at, ends_at, "
                                "duration_minutes, place, video_url, created_by, created_at, updated_at) "
                                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, iv->candidacy_id);
    db_bind_text(st, 2, iv->uid);
    db_bind_int(st, 3, iv->sequence);
    db_bind_text(st, 4, iv->status);
    db_bind_text(st, 5, iv->starts_at);
    db_bind_text(st, 6, iv->ends_at);
    db_bind_int(st, 7, iv->duration_minutes);
    db_bind_text(st, 8, iv->place);
    db_bind_text(st, 9, iv->video_url);
    store_bind_opt_int(st, 10, iv->created_by);
    db_bind_text(st, 11, now);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return store_result(s);
    iv->id = db_col_int(st, 0);
    iv->version = 1;
    iv->created_at = iv->updated_at = arena_strdup(a, now);
    db_reset_all(db);
    return write_interviewers(db, iv);
}

StoreResult store_interview_update(Db *db, Arena *a, Interview *iv, long long expected) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "UPDATE interviews SET sequence = $1, status = $2, starts_at = $3, ends_at = $4, "
                                "duration_minutes = $5, place = $6, video_url = $7, updated_at = $8, "
                                "version = version + 1 WHERE id = $9 AND version = $10");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, iv->sequence);
    db_bind_text(st, 2, iv->status);
    db_bind_text(st, 3, iv->starts_at);
    db_bind_text(st, 4, iv->ends_at);
    db_bind_int(st, 5, iv->duration_minutes);
    db_bind_text(st, 6, iv->place);
    db_bind_text(st, 7, iv->video_url);
    db_bind_text(st, 8, now);
    db_bind_int(st, 9, iv->id);
    db_bind_int(st, 10, expected);
    StoreResult r = store_run_versioned(db, st, a, expected, now, &iv->version, &iv->updated_at);
    if (r != STORE_OK) return r;
    return write_interviewers(db, iv);
}

/* On PostgreSQL two requests may check at once (read committed): each
 * locks the interviewers' user rows first, in id order, so the second
 * waits and then sees the first one's interview. SQLite's BEGIN IMMEDIATE
 * already runs writers one at a time. */
static StoreResult lock_interviewers(Db *db, const Interview *iv) {
    if (strcmp(db_engine_name(db), "postgresql") != 0) return STORE_OK;
    for (int i = 0; i < iv->ninterviewers; i++) {
        DbStmt *st = db_prepare(db, "SELECT id FROM users WHERE id = $1 FOR UPDATE");
        if (!st) return STORE_ERROR;
        db_bind_int(st, 1, iv->interviewers[i]);
        if (db_run(st) != DB_OK) return STORE_ERROR;
    }
    return STORE_OK;
}

StoreResult store_interview_conflict(Db *db, const Interview *iv, long long *user, long long *other) {
    *user = -1;
    if (lock_interviewers(db, iv) != STORE_OK) return STORE_ERROR;
    for (int i = 0; i < iv->ninterviewers; i++) {
        DbStmt *st = db_prepare(db, "SELECT i.id FROM interviews i JOIN interview_interviewers x ON x.interview_id = i.id "
                                    "WHERE x.user_id = $1 AND i.status = 'scheduled' AND i.id <> $2 "
                                    "AND i.starts_at < $4 AND i.ends_at > $3 ORDER BY i.starts_at LIMIT 1");
        if (!st) return STORE_ERROR;
        db_bind_int(st, 1, iv->interviewers[i]);
        db_bind_int(st, 2, iv->id > 0 ? iv->id : 0);
        db_bind_text(st, 3, iv->starts_at);
        db_bind_text(st, 4, iv->ends_at);
        DbStatus s = db_step(st);
        if (s == DB_ROW) {
            *user = iv->interviewers[i];
            *other = db_col_int(st, 0);
            db_reset_all(db);
            return STORE_OK;
        }
        if (s != DB_DONE) return STORE_ERROR;
    }
    return STORE_OK;
}
