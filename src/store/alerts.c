/* store/alerts: overdue candidacies and first-answer delays (see alerts.h). */
#include "alerts.h"
#include <string.h>
#include <time.h>

StoreResult store_overdue_list(Db *db, Arena *a, const char *cutoff, long long owner_id, int limit, OverdueRow **out,
                               int *n) {
    DbStmt *st = db_prepare(db, "SELECT c.id, c.person_id, c.need_id, c.owner_id, c.stage, "
                                "p.first_name || ' ' || p.last_name, n.title, u.name, u.email, "
                                "COALESCE(c.last_contact_at, c.created_at) "
                                "FROM candidacies c JOIN people p ON p.id = c.person_id JOIN needs n ON n.id = c.need_id "
                                "LEFT JOIN users u ON u.id = c.owner_id "
                                "WHERE c.stage NOT IN ('hired', 'rejected', 'withdrawn') "
                                "AND COALESCE(c.last_contact_at, c.created_at) < $1 "
                                "AND ($2 < 0 OR c.owner_id = $2) "
                                "ORDER BY COALESCE(c.last_contact_at, c.created_at), c.id LIMIT $3");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, cutoff);
    db_bind_int(st, 2, owner_id);
    db_bind_int(st, 3, limit);
    *out = arena_alloc(a, (size_t)limit * sizeof **out);
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        OverdueRow *r = &(*out)[(*n)++];
        r->candidacy_id = db_col_int(st, 0);
        r->person_id = db_col_int(st, 1);
        r->need_id = db_col_int(st, 2);
        r->owner_id = store_opt_int(st, 3);
        r->stage = store_text(a, st, 4);
        r->person_name = store_text(a, st, 5);
        r->need_title = store_text(a, st, 6);
        r->owner_name = store_text(a, st, 7);
        r->owner_email = store_text(a, st, 8);
        r->waiting_since = store_text(a, st, 9);
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

static time_t parse_utc(const char *iso) {
    struct tm tm = {0};
    if (!iso || !strptime(iso, "%Y-%m-%dT%H:%M:%SZ", &tm)) return (time_t)-1;
    return timegm(&tm);
}

StoreResult store_first_answer_delays(Db *db, Arena *a, const char *since, double **out, int *n) {
    DbStmt *st = db_prepare(db, "SELECT created_at, first_answer_at FROM candidacies "
                                "WHERE first_answer_at IS NOT NULL AND first_answer_at >= $1");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, since);
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        time_t from = parse_utc(db_col_text(st, 0)), to = parse_utc(db_col_text(st, 1));
        if (from == (time_t)-1 || to == (time_t)-1) continue;
        *out = arena_grow(a, *out, (size_t)*n, &cap, sizeof **out);
        (*out)[(*n)++] = to > from ? (double)(to - from) : 0;
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_candidacy_touch_contact(Db *db, long long candidacy_id, const char *now, bool first) {
    DbStmt *st = db_prepare(db, "UPDATE candidacies SET last_contact_at = $2, "
                                "first_answer_at = CASE WHEN $3 = 1 AND first_answer_at IS NULL THEN $2 "
                                "ELSE first_answer_at END WHERE id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, candidacy_id);
    db_bind_text(st, 2, now);
    db_bind_int(st, 3, first ? 1 : 0);
    return store_result(db_run(st));
}
