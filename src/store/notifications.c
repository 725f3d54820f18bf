/* store/notifications: notifications and the look-ups that feed them (see .h). */
#include "notifications.h"
#include <string.h>
#include "../lib/timeutil.h"

#define NOTIF_COLS \
    "n.id, n.user_id, n.kind, n.actor_id, u.name, n.object_type, n.object_id, n.channel_id, n.post_id, n.text, " \
    "n.created_at, n.read_at FROM notifications n LEFT JOIN users u ON u.id = n.actor_id "

StoreResult store_notification_add(Db *db, Arena *a, Notification *n) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "INSERT INTO notifications (user_id, kind, actor_id, object_type, object_id, "
                                "channel_id, post_id, text, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                                "RETURNING id");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, n->user_id);
    db_bind_text(st, 2, n->kind);
    store_bind_opt_int(st, 3, n->actor_id);
    db_bind_text(st, 4, n->object_type);
    store_bind_opt_int(st, 5, n->object_id);
    store_bind_opt_int(st, 6, n->channel_id);
    store_bind_opt_int(st, 7, n->post_id);
    db_bind_text(st, 8, n->text);
    db_bind_text(st, 9, now);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return store_result(s);
    n->id = db_col_int(st, 0);
    n->created_at = arena_strdup(a, now);
    n->read_at = NULL;
    db_reset_all(db);
    return STORE_OK;
}

StoreResult store_notifications_list(Db *db, Arena *a, long long user_id, bool unread_only, long long before_id,
                                     int limit, Notification **out, int *n) {
    DbStmt *st = db_prepare(db, "SELECT " NOTIF_COLS "WHERE n.user_id = $1 AND ($2 = 0 OR n.read_at IS NULL) "
                                "AND ($3 = 0 OR n.id < $3) ORDER BY n.id DESC LIMIT $4");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, user_id);
    db_bind_int(st, 2, unread_only);
    db_bind_int(st, 3, before_id);
    db_bind_int(st, 4, limit);
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, (size_t)*n, &cap, sizeof **out);
        Notification *x = &(*out)[(*n)++];
        x->id = db_col_int(st, 0);
        x->user_id = db_col_int(st, 1);
        x->kind = store_text(a, st, 2);
        x->actor_id = store_opt_int(st, 3);
        x->actor_name = store_text(a, st, 4);
        x->object_type = store_text(a, st, 5);
        x->object_id = store_opt_int(st, 6);
        x->channel_id = store_opt_int(st, 7);
        x->post_id = store_opt_int(st, 8);
        x->text = store_text(a, st, 9);
        x->created_at = store_text(a, st, 10);
        x->read_at = store_text(a, st, 11);
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_notifications_unread(Db *db, long long user_id, long long *count) {
    DbStmt *st = db_prepare(db, "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, user_id);
    if (db_step(st) != DB_ROW) return STORE_ERROR;
    *count = db_col_int(st, 0);
    db_reset_all(db);
    return STORE_OK;
}

StoreResult store_notification_sent(Db *db, long long user_id, const char *kind, long long post_id, bool *sent) {
    DbStmt *st = db_prepare(db, "SELECT 1 FROM notifications WHERE user_id = $1 AND kind = $2 AND post_id = $3");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, user_id);
    db_bind_text(st, 2, kind);
    db_bind_int(st, 3, post_id);
    DbStatus s = db_step(st);
    if (s != DB_ROW && s != DB_DONE) return STORE_ERROR;
    *sent = s == DB_ROW;
    db_reset_all(db);
    return STORE_OK;
}

StoreResult store_notification_mark_read(Db *db, long long user_id, long long id) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "UPDATE notifications SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND user_id = $2");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, user_id);
    db_bind_text(st, 3, now);
    if (db_run(st) != DB_OK) return STORE_ERROR;
    return db_changes(db) ? STORE_OK : STORE_NOT_FOUND;
}

StoreResult store_notifications_mark_all_read(Db *db, long long user_id) {
    char now[21];
    time_now_iso(now);
    DbStmt *st = db_prepare(db, "UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, user_id);
    db_bind_text(st, 2, now);
    return store_result(db_run(st));
}

StoreResult store_users_with_role(Db *db, Arena *a, const char *role, long long **ids, int *n) {
    DbStmt *st = db_prepare(db, "SELECT id FROM users WHERE role = $1 AND disabled = 0 ORDER BY id");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, role);
    return store_read_ids(a, st, ids, n);
}

StoreResult store_deal_need_ids(Db *db, Arena *a, long long deal_id, long long **ids, int *n) {
    DbStmt *st = db_prepare(db, "SELECT need_id FROM deal_needs WHERE deal_id = $1 ORDER BY need_id");
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, deal_id);
    return store_read_ids(a, st, ids, n);
}

StoreResult store_object_name(Db *db, Arena *a, const char *object_type, long long object_id, const char **name) {
    DbStmt *st;
    if (!strcmp(object_type, "client")) st = db_prepare(db, "SELECT name FROM clients WHERE id = $1");
    else if (!strcmp(object_type, "need")) st = db_prepare(db, "SELECT title FROM needs WHERE id = $1");
    else if (!strcmp(object_type, "deal")) st = db_prepare(db, "SELECT title FROM deals WHERE id = $1");
    else return STORE_NOT_FOUND;
    if (!st) return STORE_ERROR;
    db_bind_int(st, 1, object_id);
    DbStatus s = db_step(st);
    if (s != DB_ROW) return s == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
    *name = store_text(a, st, 0);
    db_reset_all(db);
    return STORE_OK;
}

StoreResult store_object_owner(Db *db, const char *object_type, long long object_id, long long *owner_id) {
    *owner_id = -1;
    DbStmt *st = !strcmp(object_type, "client") ? db_prepare(db, "SELECT owner_id FROM clients WHERE id = $1")
                 : !strcmp(object_type, "deal") ? db_prepare(db, "SELECT owner_id FROM deals WHERE id = $1")
                                                : NULL;
    if (!st) return STORE_OK;
    db_bind_int(st, 1, object_id);
    DbStatus s = db_step(st);
    if (s == DB_ROW) *owner_id = store_opt_int(st, 0);
    db_reset_all(db);
    return s == DB_ROW || s == DB_DONE ? STORE_OK : STORE_ERROR;
}
