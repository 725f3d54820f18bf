/* store/rituals: rituals, agenda points, the calendar's interviews (see rituals.h). */
#include "rituals.h"
#include <stdlib.h>
#include <string.h>
#include "../domain/channels.h"
#include "../lib/timeutil.h"
#include "channels.h"
#include "members.h"

#define RIT_COLS \
    "r.id, r.version, r.name, r.description, r.frequency, r.time, r.duration_minutes, r.weekday, r.month_day, " \
    "r.starts_on, r.channel_id, r.created_by, r.created_at, r.updated_at, (SELECT COUNT(*) FROM channels c " \
    "WHERE c.id = r.channel_id AND c.object_type = 'ritual' AND c.object_id = r.id)"

static const char PARTICIPANTS_SQL[] = "SELECT u.id, u.name FROM ritual_participants rp JOIN users u ON u.id = rp.user_id "
                                       "WHERE rp.ritual_id = $1 ORDER BY u.name, u.id";

static void read_ritual(Arena *a, DbStmt *st, Ritual *r) {
    r->id = db_col_int(st, 0);
    r->version = db_col_int(st, 1);
    r->name = store_text(a, st, 2);
    r->description = store_text(a, st, 3);
    r->frequency = store_text(a, st, 4);
    r->time = store_text(a, st, 5);
    r->duration_minutes = db_col_int(st, 6);
    r->weekday = store_opt_int(st, 7);
    r->month_day = store_opt_int(st, 8);
    r->starts_on = store_text(a, st, 9);
    r->channel_id = store_opt_int(st, 10);
    r->created_by = store_opt_int(st, 11);
    r->created_at = store_text(a, st, 12);
    r->updated_at = store_text(a, st, 13);
    r->channel_own = db_col_int(st, 14) > 0;
}

StoreResult store_ritual_get(Db *db, Arena *a, long long id, Ritual *r) {
    DbStmt *st = db_prepare(db, "SELECT " RIT_COLS " FROM rituals r WHERE r.id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return s == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
    read_ritual(a, st, r);
    db_reset_all(db);
    return store_members_load(db, a, PARTICIPANTS_SQL, r->id, &r->participants);
}

StoreResult store_rituals_list(Db *db, Arena *a, long long participant, long long before_id, int limit, Ritual **out,
                               int *n) {
    DbStmt *st = db_prepare(db, "SELECT " RIT_COLS " FROM rituals r WHERE ($1 = 0 OR r.id < $1) AND ($2 < 0 OR "
                                "r.created_by = $2 OR EXISTS (SELECT 1 FROM ritual_participants rp WHERE "
                                "rp.ritual_id = r.id AND rp.user_id = $2)) ORDER BY r.id DESC LIMIT $3");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, before_id);
    db_bind_int(st, 2, participant);
    db_bind_int(st, 3, limit);
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, (size_t)*n, &cap, sizeof **out);
        read_ritual(a, st, &(*out)[(*n)++]);
    }
    if (s != DB_DONE) return STORE_ERROR;
    for (int k = 0; k < *n; k++)
        if (store_members_load(db, a, PARTICIPANTS_SQL, (*out)[k].id, &(*out)[k].participants) != STORE_OK)
            return STORE_ERROR;
    return STORE_OK;
}

static StoreResult save_participants(Db *db, const Ritual *r) {
    return store_members_replace(db, "DELETE FROM ritual_participants WHERE ritual_id = $1",
                                 "INSERT INTO ritual_participants (ritual_id, user_id) VALUES ($1, $2)", r->id,
                                 &r->participants);
}

static void bind_ritual(DbStmt *st, const Ritual *r) {
    db_bind_text(st, 1, r->name);
    db_bind_text(st, 2, r->description);
    db_bind_text(st, 3, r->frequency);
    db_bind_text(st, 4, r->time);
    db_bind_int(st, 5, r->duration_minutes);
    store_bind_opt_int(st, 6, r->weekday);
    store_bind_opt_int(st, 7, r->month_day);
    db_bind_text(st, 8, r->starts_on);
    store_bind_opt_int(st, 9, r->channel_id);
}

StoreResult store_ritual_insert(Db *db, Arena *a, Ritual *r) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "INSERT INTO rituals (name, description, frequency, time, duration_minutes, weekday, "
                                "month_day, starts_on, channel_id, created_by, created_at, updated_at) VALUES ($1, $2, "
                                "$3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id");
    if (!st) return STORE_ERROR;
    bind_ritual(st, r);
    store_bind_opt_int(st, 10, r->created_by);
    db_bind_text(st, 11, now);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return store_result(s);
    r->id = db_col_int(st, 0);
    r->version = 1;
    r->created_at = r->updated_at = arena_strdup(a, now);
    db_reset_all(db);
    return save_participants(db, r);
}

StoreResult store_ritual_update(Db *db, Arena *a, Ritual *r, long long expected_version) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "UPDATE rituals SET name = $1, description = $2, frequency = $3, time = $4, "
                                "duration_minutes = $5, weekday = $6, month_day = $7, starts_on = $8, channel_id = $9, "
                                "updated_at = $10, version = version + 1 WHERE id = $11 AND version = $12");
    if (!st) return STORE_ERROR;
    bind_ritual(st, r);
    db_bind_text(st, 10, now);
    db_bind_int(st, 11, r->id);
    db_bind_int(st, 12, expected_version);
    StoreResult res = store_run_versioned(db, st, a, expected_version, now, &r->version, &r->updated_at);
    return res == STORE_OK ? save_participants(db, r) : res;
}

StoreResult store_ritual_set_channel(Db *db, long long id, long long channel_id) {
    DbStmt *st = db_prepare(db, "UPDATE rituals SET channel_id = $2 WHERE id = $1");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    store_bind_opt_int(st, 2, channel_id);
    return store_result(db_run(st));
}

StoreResult store_ritual_channel(Db *db, Arena *a, const Ritual *r, long long *channel_id) {
    long long *members = arena_alloc(a, (size_t)(r->participants.n + 1) * sizeof *members);
    if (!members) return STORE_ERROR;
    int n = 0;
    if (r->created_by > 0) members[n++] = r->created_by;
    for (int k = 0; k < r->participants.n; k++) members[n++] = r->participants.ids[k];
    if (r->channel_id > 0 && !r->channel_own) {
        Channel c;
        StoreResult res = store_channel_get_any(db, a, r->channel_id, &c);
        if (res != STORE_OK) return res;
        *channel_id = c.id;
        if (strcmp(c.visibility, "public") != 0) return STORE_OK; /* never widens who reads a private channel */
        for (int k = 0; res == STORE_OK && k < n; k++) res = store_channel_member_add(db, c.id, members[k], false, NULL);
        return res;
    }
    char *name = channel_ritual_name(r->name);
    if (!name) return STORE_ERROR;
    StoreResult res = store_channel_for_object(db, a, "ritual", r->id, name, r->created_by, members, n, channel_id);
    free(name);
    if (res == STORE_OK && *channel_id != r->channel_id) res = store_ritual_set_channel(db, r->id, *channel_id);
    return res;
}

StoreResult store_rituals_own_channels(Db *db, Arena *a) {
    DbStmt *st = db_prepare(db, "SELECT id FROM rituals WHERE channel_id IS NULL ORDER BY id");
    if (!st) return STORE_ERROR;
    long long *ids;
    int n;
    if (store_read_ids(a, st, &ids, &n) != STORE_OK) return STORE_ERROR;
    for (int i = 0; i < n; i++) {
        Ritual r;
        long long cid;
        StoreResult res = store_ritual_get(db, a, ids[i], &r);
        if (res == STORE_OK) res = store_ritual_channel(db, a, &r, &cid);
        if (res != STORE_OK) return res;
    }
    return STORE_OK;
}

StoreResult store_ritual_points(Db *db, Arena *a, long long ritual_id, const char *occurrence, RitualPoint **out,
                                int *n) {
    DbStmt *st = db_prepare(db, "SELECT p.id, p.ritual_id, p.author_id, p.occurrence, u.name, p.body, p.created_at "
                                "FROM ritual_points p LEFT JOIN users u ON u.id = p.author_id "
                                "WHERE p.ritual_id = $1 AND p.occurrence = $2 ORDER BY p.id LIMIT 500");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, ritual_id);
    db_bind_text(st, 2, occurrence);
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, (size_t)*n, &cap, sizeof **out);
        (*out)[(*n)++] = (RitualPoint){db_col_int(st, 0),    db_col_int(st, 1),    store_opt_int(st, 2),
                                       store_text(a, st, 3), store_text(a, st, 4), store_text(a, st, 5),
                                       store_text(a, st, 6)};
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_ritual_point_insert(Db *db, Arena *a, RitualPoint *p) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "INSERT INTO ritual_points (ritual_id, occurrence, author_id, body, created_at) "
                                "VALUES ($1, $2, $3, $4, $5) RETURNING id");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, p->ritual_id);
    db_bind_text(st, 2, p->occurrence);
    store_bind_opt_int(st, 3, p->author_id);
    db_bind_text(st, 4, p->body);
    db_bind_text(st, 5, now);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return store_result(s);
    p->id = db_col_int(st, 0);
    p->created_at = arena_strdup(a, now);
    db_reset_all(db);
    return STORE_OK;
}

StoreResult store_calendar_interviews(Db *db, Arena *a, long long user_id, CalendarInterview **out, int *n) {
    DbStmt *st = db_prepare(db, "SELECT i.uid, i.status, i.starts_at, i.place, i.video_url, "
                                "p.first_name || ' ' || p.last_name, n.title, i.created_at, i.updated_at, i.sequence, "
                                "i.duration_minutes FROM interviews i JOIN candidacies c ON c.id = i.candidacy_id "
                                "JOIN people p ON p.id = c.person_id JOIN needs n ON n.id = c.need_id "
                                "WHERE i.created_by = $1 OR EXISTS (SELECT 1 FROM interview_interviewers x "
                                "WHERE x.interview_id = i.id AND x.user_id = $1) ORDER BY i.starts_at, i.id LIMIT 500");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, user_id);
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, (size_t)*n, &cap, sizeof **out);
        (*out)[(*n)++] = (CalendarInterview){store_text(a, st, 0), store_text(a, st, 1), store_text(a, st, 2),
                                             store_text(a, st, 3), store_text(a, st, 4), store_text(a, st, 5),
                                             store_text(a, st, 6), store_text(a, st, 7), store_text(a, st, 8),
                                             db_col_int(st, 9),    db_col_int(st, 10)};
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}
