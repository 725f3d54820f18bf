/* store/channels: channels and members (see channels.h). */
#include "channels.h"
#include <string.h>
#include "../lib/timeutil.h"
#include "channel_visible.h"

#define CHANNEL_COLS \
    "c.id, c.version, c.name, c.slug, c.topic, c.visibility, c.object_type, c.object_id, c.created_by, c.created_at, " \
    "c.updated_at, CASE WHEN m.user_id IS NOT NULL AND m.left_at IS NULL THEN 1 ELSE 0 END, " \
    "CASE WHEN m.user_id IS NOT NULL AND m.left_at IS NULL THEN (SELECT COUNT(*) FROM posts p WHERE " \
    "p.channel_id = c.id AND p.deleted = 0 AND p.id > m.last_read_post_id AND (p.author_id IS NULL OR p.author_id <> $1)) " \
    "ELSE 0 END, (SELECT COALESCE(MAX(p.id), 0) FROM posts p WHERE p.channel_id = c.id), " \
    "(SELECT COUNT(*) FROM channel_members cm JOIN users cu ON cu.id = cm.user_id WHERE cm.channel_id = c.id " \
    "AND cm.left_at IS NULL AND cu.disabled = 0)"
#define CHANNEL_FROM " FROM channels c" CHANNEL_VIEWER_JOIN

static void read_channel(Arena *a, DbStmt *st, Channel *c) {
    c->id = db_col_int(st, 0);
    c->version = db_col_int(st, 1);
    c->name = store_text(a, st, 2);
    c->slug = store_text(a, st, 3);
    c->topic = store_text(a, st, 4);
    c->visibility = store_text(a, st, 5);
    c->object_type = store_text(a, st, 6);
    c->object_id = store_opt_int(st, 7);
    c->created_by = store_opt_int(st, 8);
    c->created_at = store_text(a, st, 9);
    c->updated_at = store_text(a, st, 10);
    c->member = db_col_int(st, 11) != 0;
    c->unread = db_col_int(st, 12);
    c->last_post_id = db_col_int(st, 13);
    c->members = db_col_int(st, 14);
}

static StoreResult read_one(Arena *a, DbStmt *st, Channel *c) {
    DbStatus s = db_step(st);
    if (s != DB_ROW) return s == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
    read_channel(a, st, c);
    return STORE_OK;
}

static StoreResult read_many(Arena *a, DbStmt *st, Channel **out, int *n) {
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, (size_t)*n, &cap, sizeof **out);
        read_channel(a, st, &(*out)[(*n)++]);
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_channel_get(Db *db, Arena *a, const ChannelViewer *v, long long id, Channel *c) {
    DbStmt *st = db_prepare(db, "SELECT " CHANNEL_COLS CHANNEL_FROM "WHERE c.id = $7 AND " CHANNEL_VISIBLE);
    if (!st) return STORE_ERROR;
    channel_bind_viewer(st, v);
    db_bind_int(st, 7, id);
    return read_one(a, st, c);
}

StoreResult store_channel_get_any(Db *db, Arena *a, long long id, Channel *c) {
    DbStmt *st = db_prepare(db, "SELECT " CHANNEL_COLS CHANNEL_FROM "WHERE c.id = $2");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, -1);
    db_bind_int(st, 2, id);
    return read_one(a, st, c);
}

StoreResult store_channel_of_object(Db *db, const char *object_type, long long object_id, long long *id) {
    DbStmt *st = db_prepare(db, "SELECT id FROM channels WHERE object_type = $1 AND object_id = $2");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, object_type);
    db_bind_int(st, 2, object_id);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return s == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
    *id = db_col_int(st, 0);
    db_reset_all(db);
    return STORE_OK;
}

StoreResult store_channels_list(Db *db, Arena *a, const ChannelViewer *v, const ChannelsFilter *f, long long before_id,
                                int limit, Channel **out, int *n) {
    DbStmt *st = db_prepare(db, "SELECT " CHANNEL_COLS CHANNEL_FROM "WHERE " CHANNEL_VISIBLE " AND ($7 = 0 OR c.id < $7) "
                                "AND ($8 = 0 OR m.user_id IS NOT NULL AND m.left_at IS NULL) "
                                "AND (CAST($9 AS TEXT) IS NULL OR c.object_type = $9 AND c.object_id = $10) "
                                "AND (CAST($11 AS TEXT) IS NULL OR c.slug LIKE $11 ESCAPE '\\' OR "
                                "LOWER(c.name) LIKE $11 ESCAPE '\\') AND (CAST($13 AS TEXT) IS NULL OR c.slug = $13 OR "
                                "EXISTS (SELECT 1 FROM channel_slugs s WHERE s.slug = $13 AND s.channel_id = c.id)) "
                                "AND ($14 = 0 OR c.object_type IS NULL) ORDER BY c.id DESC LIMIT $12");
    if (!st) return STORE_ERROR;
    channel_bind_viewer(st, v);
    db_bind_int(st, 7, before_id);
    db_bind_int(st, 8, f->mine);
    db_bind_text(st, 9, f->object_type);
    db_bind_int(st, 10, f->object_id);
    db_bind_text(st, 11, store_search_pattern(a, f->q));
    db_bind_int(st, 12, limit);
    db_bind_text(st, 13, f->slug);
    db_bind_int(st, 14, f->team);
    return read_many(a, st, out, n);
}

StoreResult store_channel_insert(Db *db, Arena *a, Channel *c) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "INSERT INTO channels (name, slug, topic, visibility, object_type, object_id, "
                                "created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) "
                                "RETURNING id");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, c->name);
    db_bind_text(st, 2, c->slug);
    db_bind_text(st, 3, c->topic);
    db_bind_text(st, 4, c->visibility);
    db_bind_text(st, 5, c->object_type);
    store_bind_opt_int(st, 6, c->object_id);
    store_bind_opt_int(st, 7, c->created_by);
    db_bind_text(st, 8, now);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return store_result(s);
    c->id = db_col_int(st, 0);
    c->version = 1;
    c->created_at = c->updated_at = arena_strdup(a, now);
    db_reset_all(db);
    return STORE_OK;
}

StoreResult store_channel_rename(Db *db, long long id, const char *name) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "UPDATE channels SET name = $2, updated_at = $3, version = version + 1 "
                                "WHERE id = $1 AND name <> $2");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, name);
    db_bind_text(st, 3, now);
    return store_result(db_run(st));
}

StoreResult store_channel_slug_owner(Db *db, const char *slug, long long *channel_id) {
    DbStmt *st = db_prepare(db, "SELECT id FROM channels WHERE slug = $1 UNION ALL "
                                "SELECT channel_id FROM channel_slugs WHERE slug = $1");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, slug);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return s == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
    *channel_id = db_col_int(st, 0);
    db_reset_all(db);
    return STORE_OK;
}

StoreResult store_channel_update(Db *db, Arena *a, Channel *c, const char *old_slug, long long expected) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "UPDATE channels SET name = $1, slug = $2, topic = $3, updated_at = $4, "
                                "version = version + 1 WHERE id = $5 AND version = $6");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, c->name);
    db_bind_text(st, 2, c->slug);
    db_bind_text(st, 3, c->topic);
    db_bind_text(st, 4, now);
    db_bind_int(st, 5, c->id);
    db_bind_int(st, 6, expected);
    StoreResult r = store_run_versioned(db, st, a, expected, now, &c->version, &c->updated_at);
    if (r != STORE_OK || strcmp(old_slug, c->slug) == 0) return r;
    st = db_prepare(db, "DELETE FROM channel_slugs WHERE slug = $1 AND channel_id = $2");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, c->slug);
    db_bind_int(st, 2, c->id);
    if ((r = store_result(db_run(st))) != STORE_OK) return r;
    st = db_prepare(db, "INSERT INTO channel_slugs (slug, channel_id, replaced_at) VALUES ($1, $2, $3)");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, old_slug);
    db_bind_int(st, 2, c->id);
    db_bind_text(st, 3, now);
    return store_result(db_run(st));
}

StoreResult store_channel_member_add(Db *db, long long channel_id, long long user_id, bool rejoin, bool *added) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "INSERT INTO channel_members (channel_id, user_id, joined_at) SELECT CAST($1 AS BIGINT), CAST($2 AS BIGINT), $3 "
                                "WHERE NOT EXISTS (SELECT 1 FROM channel_members WHERE channel_id = $1 AND user_id = $2)");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, channel_id);
    db_bind_int(st, 2, user_id);
    db_bind_text(st, 3, now);
    StoreResult r = store_result(db_run(st));
    if (r != STORE_OK) return r;
    bool inserted = db_changes(db) > 0;
    if (added) *added = inserted;
    if (inserted || !rejoin) return STORE_OK;
    st = db_prepare(db, "UPDATE channel_members SET left_at = NULL, joined_at = $3 WHERE channel_id = $1 "
                        "AND user_id = $2 AND left_at IS NOT NULL");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, channel_id);
    db_bind_int(st, 2, user_id);
    db_bind_text(st, 3, now);
    r = store_result(db_run(st));
    if (r == STORE_OK && added) *added = db_changes(db) > 0;
    return r;
}

StoreResult store_channel_member_leave(Db *db, long long channel_id, long long user_id) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "UPDATE channel_members SET left_at = $3 WHERE channel_id = $1 AND user_id = $2 "
                                "AND left_at IS NULL");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, channel_id);
    db_bind_int(st, 2, user_id);
    db_bind_text(st, 3, now);
    if (db_run(st) != DB_OK) return STORE_ERROR;
    return db_changes(db) ? STORE_OK : STORE_NOT_FOUND;
}

StoreResult store_channel_is_member(Db *db, long long channel_id, long long user_id, bool *member) {
    DbStmt *st = db_prepare(db, "SELECT 1 FROM channel_members WHERE channel_id = $1 AND user_id = $2 "
                                "AND left_at IS NULL");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, channel_id);
    db_bind_int(st, 2, user_id);
    DbStatus s = db_step(st);
    if (s != DB_ROW && s != DB_DONE) return STORE_ERROR;
    *member = s == DB_ROW;
    db_reset_all(db);
    return STORE_OK;
}

StoreResult store_channel_members(Db *db, Arena *a, long long channel_id, User **out, int *n) {
    DbStmt *st = db_prepare(db, "SELECT u.id, u.name, u.handle, u.role FROM channel_members m JOIN users u ON "
                                "u.id = m.user_id WHERE m.channel_id = $1 AND m.left_at IS NULL AND u.disabled = 0 "
                                "ORDER BY u.name, u.id");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, channel_id);
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, (size_t)*n, &cap, sizeof **out);
        User *u = &(*out)[(*n)++];
        *u = (User){.id = db_col_int(st, 0)};
        u->name = store_text(a, st, 1);
        u->handle = store_text(a, st, 2);
        u->role = store_text(a, st, 3);
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_channel_mark_read(Db *db, long long channel_id, long long user_id, long long post_id) {
    DbStmt *st = db_prepare(db, "UPDATE channel_members SET last_read_post_id = $3 WHERE channel_id = $1 "
                                "AND user_id = $2 AND last_read_post_id < $3");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, channel_id);
    db_bind_int(st, 2, user_id);
    db_bind_int(st, 3, post_id);
    return store_result(db_run(st));
}

/* Each query lists candidate ids (with repeats); only active accounts remain. */
#define ACTIVE(q) "SELECT DISTINCT w.id FROM (" q ") w JOIN users u ON u.id = w.id WHERE u.disabled = 0 ORDER BY w.id"

StoreResult store_object_workers(Db *db, Arena *a, const char *object_type, long long object_id, long long **ids,
                                 int *n) {
    DbStmt *st = NULL;
    if (strcmp(object_type, "client") == 0)
        st = db_prepare(db, ACTIVE("SELECT owner_id AS id FROM clients WHERE id = $1 UNION ALL "
                                   "SELECT actor_id FROM events WHERE type = 'client.created' AND object_id = $1"));
    else if (strcmp(object_type, "deal") == 0)
        st = db_prepare(db, ACTIVE("SELECT owner_id AS id FROM deals WHERE id = $1 UNION ALL "
                                   "SELECT c.owner_id FROM deals d JOIN clients c ON c.id = d.client_id WHERE d.id = $1 "
                                   "UNION ALL SELECT reviewer_id FROM reviews WHERE deal_id = $1 UNION ALL "
                                   "SELECT actor_id FROM events WHERE type = 'deal.created' AND object_id = $1"));
    else if (strcmp(object_type, "need") == 0)
        st = db_prepare(db, ACTIVE("SELECT created_by AS id FROM needs WHERE id = $1 UNION ALL "
                                   "SELECT c.owner_id FROM needs n JOIN clients c ON c.id = n.client_id WHERE n.id = $1 "
                                   "UNION ALL SELECT d.owner_id FROM deal_needs dn JOIN deals d ON d.id = dn.deal_id "
                                   "WHERE dn.need_id = $1 UNION ALL SELECT r.reviewer_id FROM deal_needs dn JOIN reviews r "
                                   "ON r.deal_id = dn.deal_id WHERE dn.need_id = $1 UNION ALL SELECT actor_id FROM events "
                                   "WHERE type = 'candidacy.created' AND need_id = $1"));
    else {
        *ids = NULL;
        *n = 0;
        return STORE_OK; /* incidents and rituals name their members themselves */
    }
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, object_id);
    return store_read_ids(a, st, ids, n);
}

StoreResult store_channel_for_object(Db *db, Arena *a, const char *object_type, long long object_id, const char *name,
                                     long long created_by, const long long *member_ids, int nmembers,
                                     long long *channel_id) {
    long long id;
    StoreResult r = store_channel_of_object(db, object_type, object_id, &id);
    if (r == STORE_NOT_FOUND) {
        if (!name) return STORE_NOT_FOUND;
        Channel c = {.name = name, .visibility = "public", .object_type = object_type, .object_id = object_id,
                     .created_by = created_by, .slug = arena_printf(a, "%s-%lld", object_type, object_id)};
        r = store_channel_insert(db, a, &c);
        id = c.id;
    } else if (r == STORE_OK && name) {
        r = store_channel_rename(db, id, name);
    }
    for (int i = 0; r == STORE_OK && i < nmembers; i++)
        if (member_ids[i] > 0) r = store_channel_member_add(db, id, member_ids[i], false, NULL);
    if (r == STORE_OK && channel_id) *channel_id = id;
    return r;
}

StoreResult store_channels_for_objects(Db *db, Arena *a) {
    char now[21];
    time_now_iso(now);
    static const char *const inserts[] = {
        "INSERT INTO channels (name, slug, visibility, object_type, object_id, created_at, updated_at) "
        "SELECT name, 'client-' || id, 'public', 'client', id, $1, $1 FROM clients o WHERE NOT EXISTS "
        "(SELECT 1 FROM channels c WHERE c.object_type = 'client' AND c.object_id = o.id)",
        "INSERT INTO channels (name, slug, visibility, object_type, object_id, created_at, updated_at) "
        "SELECT title, 'need-' || id, 'public', 'need', id, $1, $1 FROM needs o WHERE NOT EXISTS "
        "(SELECT 1 FROM channels c WHERE c.object_type = 'need' AND c.object_id = o.id)",
        "INSERT INTO channels (name, slug, visibility, object_type, object_id, created_at, updated_at) "
        "SELECT title, 'deal-' || id, 'public', 'deal', id, $1, $1 FROM deals o WHERE NOT EXISTS "
        "(SELECT 1 FROM channels c WHERE c.object_type = 'deal' AND c.object_id = o.id)",
    };
    for (int i = 0; i < 3; i++) {
        DbStmt *st = db_prepare(db, inserts[i]); /* static text: cached by its address like a literal */
        if (!st) return STORE_ERROR;
        db_bind_text(st, 1, now);
        if (db_run(st) != DB_OK) return STORE_ERROR;
    }
    DbStmt *st = db_prepare(db, "SELECT id, object_type, object_id FROM channels WHERE object_type IN "
                                "('client', 'need', 'deal') ORDER BY id");
    if (!st) return STORE_ERROR;
    typedef struct { long long id, object_id; const char *type; } Owned;
    Owned *owned = NULL;
    size_t cap = 0;
    int n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        owned = arena_grow(a, owned, (size_t)n, &cap, sizeof *owned);
        owned[n++] = (Owned){db_col_int(st, 0), db_col_int(st, 2), store_text(a, st, 1)};
    }
    if (s != DB_DONE) return STORE_ERROR;
    for (int i = 0; i < n; i++) {
        long long *ids;
        int k;
        if (store_object_workers(db, a, owned[i].type, owned[i].object_id, &ids, &k) != STORE_OK) return STORE_ERROR;
        for (int j = 0; j < k; j++)
            if (store_channel_member_add(db, owned[i].id, ids[j], false, NULL) != STORE_OK) return STORE_ERROR;
    }
    return STORE_OK;
}
