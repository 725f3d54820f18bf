/* notifications: an account's notifications (mentions, replies in its
 * threads, assignments, review requests, overdue candidacies), how other
 * code creates them (channels.h), and marking them read. Each one records
 * notification.created, so the live stream tells its owner at once. */
#include <stdlib.h>
#include <string.h>
#include "../http/event_log.h"
#include "../store/events.h"
#include "../store/notifications.h"
#include "api.h"
#include "channels.h"

static json_t *notification_json(const Notification *n) {
    return json_pack("{s:I, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:s, s:o, s:b}", "id", n->id, "kind", n->kind,
                     "actor_id", json_int_or_null(n->actor_id), "actor_name", json_str_or_null(n->actor_name),
                     "object_type", json_str_or_null(n->object_type), "object_id", json_int_or_null(n->object_id),
                     "channel_id", json_int_or_null(n->channel_id), "post_id", json_int_or_null(n->post_id), "text",
                     n->text, "created_at", n->created_at, "read_at", json_str_or_null(n->read_at), "read",
                     n->read_at != NULL);
}

/* The event of a notification: whom it is for, never its text. */
static json_t *notification_fact(const Notification *n) {
    return json_pack("{s:I, s:s}", "user_id", n->user_id, "kind", n->kind);
}

StoreResult notify_user(Request *rq, long long user_id, const char *kind, const char *object_type, long long object_id,
                        long long channel_id, long long post_id, const char *text) {
    if (rq->signed_in && user_id == rq->user.id) return STORE_OK;
    Notification n = {.user_id = user_id, .kind = kind, .actor_id = rq->signed_in ? rq->user.id : -1,
                      .object_type = object_type, .object_id = object_id, .channel_id = channel_id,
                      .post_id = post_id, .text = text ? text : ""};
    StoreResult r = store_notification_add(rq->db, &rq->arena, &n);
    if (r != STORE_OK) return r;
    event_record(rq, "notification.created", "notification", n.id, (EventRefs){-1, -1, -1}, NULL,
                 notification_fact(&n));
    return STORE_OK;
}

StoreResult notify_user_db(Db *db, long long user_id, const char *kind, const char *object_type, long long object_id,
                           const char *text) {
    Arena a = {0};
    Notification n = {.user_id = user_id, .kind = kind, .actor_id = -1, .object_type = object_type,
                      .object_id = object_id, .channel_id = -1, .post_id = -1, .text = text ? text : ""};
    StoreResult r = store_notification_add(db, &a, &n);
    if (r == STORE_OK) {
        json_t *fact = notification_fact(&n);
        char *after = json_dumps(fact, JSON_COMPACT | JSON_SORT_KEYS);
        json_decref(fact);
        Event e = {.actor_id = -1, .type = "notification.created", .object_type = "notification", .object_id = n.id,
                   .refs = {-1, -1, -1}, .after = after};
        long long id;
        r = after ? store_event_add(db, &e, &id) : STORE_ERROR;
        free(after);
    }
    arena_free(&a);
    return r;
}

StoreResult notify_overdue_candidacy(Db *db, long long user_id, long long candidacy_id, const char *text) {
    return notify_user_db(db, user_id, "overdue", "candidacy", candidacy_id, text);
}

void notifications_list(Request *rq, Response *rs) {
    int limit;
    long long before;
    if (!req_page(rq, rs, &limit, &before)) return;
    const char *unread = req_query(rq, "unread");
    if (unread && strcmp(unread, "1") && strcmp(unread, "true") && strcmp(unread, "0") && strcmp(unread, "false"))
        return reply_problem(rq, rs, 400, "bad-filter", "bad_request", "unread");
    bool only = unread && (!strcmp(unread, "1") || !strcmp(unread, "true"));
    Notification *ns;
    int n;
    long long count;
    if (store_notifications_list(rq->db, &rq->arena, rq->user.id, only, before, limit, &ns, &n) != STORE_OK ||
        store_notifications_unread(rq->db, rq->user.id, &count) != STORE_OK)
        return reply_db_error(rq, rs);
    json_t *items = json_array();
    for (int i = 0; i < n; i++) json_array_append_new(items, notification_json(&ns[i]));
    json_t *body = page_body(items, limit, n ? ns[n - 1].id : 0);
    json_object_set_new(body, "unread", json_integer(count));
    reply_json(rs, 200, body);
}

void notifications_read_one(Request *rq, Response *rs) {
    StoreResult r = store_notification_mark_read(rq->db, rq->user.id, rq->ids[0]);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    rs->audit_type = "notification";
    reply_empty(rs, 204);
}

void notifications_read_all(Request *rq, Response *rs) {
    if (store_notifications_mark_all_read(rq->db, rq->user.id) != STORE_OK) return reply_db_error(rq, rs);
    rs->audit_type = "notification";
    reply_empty(rs, 204);
}
