/* store/settings: one versioned row (see settings.h). */
#include "settings.h"
#include "../lib/timeutil.h"

StoreResult store_settings_get(Db *db, Arena *a, Settings *s) {
    DbStmt *st = db_prepare(db, "SELECT version, response_sla_days, updated_at, rejected_retention_months, "
                                "talent_pool_retention_months, retention_warning_days FROM settings WHERE id = 1");
    if (!st) return STORE_ERROR;
    DbStatus r = db_step(st);
    if (r == DB_DONE) {
        *s = (Settings){1, SETTINGS_DEFAULT_SLA_DAYS,
                        {RETENTION_REJECTED_MONTHS, RETENTION_POOL_MONTHS, RETENTION_WARNING_DAYS}, NULL};
        return STORE_OK;
    }
    if (r != DB_ROW) return STORE_ERROR;
    s->version = db_col_int(st, 0);
    s->response_sla_days = (int)db_col_int(st, 1);
    s->updated_at = store_text(a, st, 2);
    s->retention = (RetentionPolicy){(int)db_col_int(st, 3), (int)db_col_int(st, 4), (int)db_col_int(st, 5)};
    db_reset_all(db);
    return STORE_OK;
}

/* The row exists from the first write on (version 1 = the defaults). */
static StoreResult ensure_row(Db *db) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "INSERT INTO settings (id, version, response_sla_days, updated_at) "
                                "VALUES (1, 1, $1, $2) ON CONFLICT (id) DO NOTHING");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, SETTINGS_DEFAULT_SLA_DAYS);
    db_bind_text(st, 2, now);
    return store_result(db_run(st));
}

StoreResult store_settings_update(Db *db, Arena *a, Settings *s, long long expected) {
    StoreResult r = ensure_row(db);
    if (r != STORE_OK) return r;
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "UPDATE settings SET response_sla_days = $1, updated_at = $2, version = version + 1, "
                                "rejected_retention_months = $5, talent_pool_retention_months = $6, "
                                "retention_warning_days = $7 WHERE id = $3 AND version = $4");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, s->response_sla_days);
    db_bind_text(st, 2, now);
    db_bind_int(st, 3, 1);
    db_bind_int(st, 4, expected);
    db_bind_int(st, 5, s->retention.rejected_months);
    db_bind_int(st, 6, s->retention.talent_pool_months);
    db_bind_int(st, 7, s->retention.warning_days);
    return store_run_versioned(db, st, a, expected, now, &s->version, &s->updated_at);
}

/* A once-a-day job: the guarded update (a string literal, $1 the date)
 * changes the row for the first caller of the day only. */
static StoreResult claim_day(Db *db, const char *sql, const char *date, bool *mine) {
    StoreResult r = ensure_row(db);
    if (r != STORE_OK) return r;
    DbStmt *st = db_prepare(db, sql);
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, date);
    DbStatus s = db_run(st);
    if (s != DB_OK) return store_result(s);
    *mine = db_changes(db) > 0;
    return STORE_OK;
}

StoreResult store_settings_claim_digest(Db *db, const char *date, bool *mine) {
    return claim_day(db, "UPDATE settings SET digest_date = $1 WHERE id = 1 AND (digest_date IS NULL OR digest_date < $1)",
                     date, mine);
}

StoreResult store_settings_claim_purge(Db *db, const char *date, bool *mine) {
    return claim_day(db, "UPDATE settings SET purge_date = $1 WHERE id = 1 AND (purge_date IS NULL OR purge_date < $1)",
                     date, mine);
}


StoreResult store_settings_purge_date(Db *db, Arena *a, const char **date) {
    *date = NULL;
    DbStmt *st = db_prepare(db, "SELECT purge_date FROM settings WHERE id = 1");
    if (!st) return STORE_ERROR;
    DbStatus s = db_step(st);
    if (s == DB_ROW) *date = store_text(a, st, 0);
    db_reset_all(db);
    return s == DB_ROW || s == DB_DONE ? STORE_OK : STORE_ERROR;
}
