/* store/calendar_feeds: feed generations (see calendar_feeds.h). */
#include "calendar_feeds.h"
#include "../lib/timeutil.h"

StoreResult store_calendar_feed_get(Db *db, Arena *a, long long user_id, CalendarFeed *f) {
    DbStmt *st = db_prepare(db, "SELECT generation, active, changed_at FROM calendar_feeds WHERE user_id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, user_id);
    DbStatus s = db_step(st);
    if (s == DB_DONE) {
        *f = (CalendarFeed){1, true, NULL};
        return STORE_OK;
    }
    if (s != DB_ROW) return STORE_ERROR;
    *f = (CalendarFeed){db_col_int(st, 0), db_col_int(st, 1) != 0, store_text(a, st, 2)};
    db_reset_all(db);
    return STORE_OK;
}

StoreResult store_calendar_feed_renew(Db *db, Arena *a, long long user_id, bool active, CalendarFeed *f) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "INSERT INTO calendar_feeds (user_id, generation, active, changed_at) "
                                "VALUES ($1, 2, $2, $3) ON CONFLICT (user_id) DO UPDATE SET "
                                "generation = calendar_feeds.generation + 1, active = excluded.active, "
                                "changed_at = excluded.changed_at RETURNING generation");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, user_id);
    db_bind_int(st, 2, active);
    db_bind_text(st, 3, now);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return store_result(s);
    *f = (CalendarFeed){db_col_int(st, 0), active, arena_strdup(a, now)};
    db_reset_all(db);
    return STORE_OK;
}
