/* feed: the home page's feed, GET /api/v1/feed: the posts of the caller's
 * channels and the events worth seeing (a need opened, a deal won, a
 * candidate hired, an incident opened) that the caller's role may see,
 * newest first, with the unread counts of the caller's channels. */
#include <string.h>
#include "../domain/permissions.h"
#include "../store/channels.h"
#include "../store/events.h"
#include "../store/notifications.h"
#include "../store/posts.h"
#include "api.h"
#include "channels.h"

static json_t *event_item(Request *rq, const Event *e) {
    const char *title = NULL;
    if (e->refs.need_id > 0) store_object_name(rq->db, &rq->arena, "need", e->refs.need_id, &title);
    else if (strcmp(e->object_type, "deal") == 0) store_object_name(rq->db, &rq->arena, "deal", e->object_id, &title);
    json_t *after = e->after ? json_loads(e->after, 0, NULL) : NULL;
    return json_pack("{s:s, s:s, s:{s:I, s:s, s:s, s:I, s:o, s:o, s:o, s:o}}", "kind", "event", "at", e->at, "event",
                     "id", e->id, "type", e->type, "object_type", e->object_type, "object_id", e->object_id,
                     "client_id", json_int_or_null(e->refs.client_id), "need_id", json_int_or_null(e->refs.need_id),
                     "title", json_str_or_null(title), "after", after ? after : json_null());
}

static json_t *unread_json(Request *rq, const ChannelViewer *v) {
    ChannelsFilter f = {.mine = true, .object_id = -1};
    Channel *cs;
    int n;
    long long notes = 0, total = 0;
    if (store_channels_list(rq->db, &rq->arena, v, &f, 0, 200, &cs, &n) != STORE_OK ||
        store_notifications_unread(rq->db, rq->user.id, &notes) != STORE_OK)
        return NULL;
    json_t *channels = json_array();
    for (int i = 0; i < n; i++) {
        if (!cs[i].unread) continue;
        total += cs[i].unread;
        json_array_append_new(channels, json_pack("{s:I, s:s, s:I}", "id", cs[i].id, "name", cs[i].name, "unread",
                                                  cs[i].unread));
    }
    return json_pack("{s:o, s:I, s:I}", "channels", channels, "posts", total, "notifications", notes);
}

void feed_get(Request *rq, Response *rs) {
    int limit;
    long long before;
    if (!req_page(rq, rs, &limit, &before)) return;
    ChannelViewer v = channel_viewer(&rq->user);
    const bool sees[4] = {permission_allows(rq->user.role, "needs.read"), permission_allows(rq->user.role, "deals.read"),
                          permission_allows(rq->user.role, "candidacies.read"),
                          permission_allows(rq->user.role, "incidents.read")};
    Post *ps;
    Event *es;
    int np, ne;
    if (store_posts_feed(rq->db, &rq->arena, &v, before, limit, &ps, &np) != STORE_OK ||
        store_events_feed(rq->db, &rq->arena, sees, limit, &es, &ne) != STORE_OK)
        return reply_db_error(rq, rs);
    json_t *unread = unread_json(rq, &v);
    if (!unread) return reply_db_error(rq, rs);
    /* both lists are newest first: merge them by time */
    json_t *items = json_array();
    int i = 0, j = 0;
    while ((i < np || j < ne) && (int)json_array_size(items) < limit) {
        bool take_post = j >= ne || (i < np && strcmp(ps[i].created_at, es[j].at) >= 0);
        if (take_post) {
            json_array_append_new(items, json_pack("{s:s, s:s, s:o}", "kind", "post", "at", ps[i].created_at, "post",
                                                   post_json(&ps[i])));
            i++;
        } else {
            json_array_append_new(items, event_item(rq, &es[j++]));
        }
    }
    reply_json(rs, 200, json_pack("{s:o, s:o}", "items", items, "unread", unread));
}
