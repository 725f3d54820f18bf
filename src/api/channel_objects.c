/* channel_objects: the channels of clients, needs and deals follow the
 * request's events (channels.h channels_follow_request). Called once per
 * request by the dispatcher, before the events are written, inside the
 * request's transaction: a failure fails the request. */
#include <string.h>
#include "../store/channels.h"
#include "../store/notifications.h"
#include "channels.h"

static bool starts(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

/* The object's channel exists, named after it, with the people working on
 * it (and the caller when it created something of it); a new owner is told. */
static StoreResult sync_object(Request *rq, const char *type, long long id, bool caller_works_on_it) {
    const char *name;
    StoreResult r = store_object_name(rq->db, &rq->arena, type, id, &name);
    if (r == STORE_NOT_FOUND) return STORE_OK; /* gone in the same request */
    if (r != STORE_OK) return r;
    long long *workers;
    int n;
    if (store_object_workers(rq->db, &rq->arena, type, id, &workers, &n) != STORE_OK) return STORE_ERROR;
    long long owner;
    if (store_object_owner(rq->db, type, id, &owner) != STORE_OK) return STORE_ERROR;
    /* the owner is added last, on its own, to learn whether it is new */
    int k = 0;
    for (int i = 0; i < n; i++)
        if (workers[i] != owner) workers[k++] = workers[i];
    long long cid;
    long long caller = caller_works_on_it && rq->signed_in ? rq->user.id : -1;
    r = channel_for_object(rq, type, id, name, workers, k, &cid);
    if (r == STORE_OK && caller != owner) r = channel_for_object(rq, type, id, NULL, &caller, 1, NULL);
    if (r != STORE_OK || owner < 1) return r;
    bool added = false;
    r = store_channel_member_add(rq->db, cid, owner, false, &added);
    if (r == STORE_OK && added) r = notify_user(rq, owner, "assignment", type, id, cid, -1, name);
    return r;
}

static StoreResult sync_deal(Request *rq, long long deal_id, bool caller_works_on_it) {
    StoreResult r = sync_object(rq, "deal", deal_id, caller_works_on_it);
    long long *needs;
    int n;
    if (r == STORE_OK) r = store_deal_need_ids(rq->db, &rq->arena, deal_id, &needs, &n);
    for (int i = 0; r == STORE_OK && i < n; i++) r = sync_object(rq, "need", needs[i], false);
    return r;
}

/* Tech leads judge feasibility: each is told of a review asked for. */
static StoreResult notify_reviewers(Request *rq, long long deal_id) {
    const char *title;
    StoreResult r = store_object_name(rq->db, &rq->arena, "deal", deal_id, &title);
    if (r != STORE_OK) return r == STORE_NOT_FOUND ? STORE_OK : r;
    long long cid = -1, *ids;
    int n;
    if (store_channel_of_object(rq->db, "deal", deal_id, &cid) == STORE_ERROR) return STORE_ERROR;
    if (store_users_with_role(rq->db, &rq->arena, "tech", &ids, &n) != STORE_OK) return STORE_ERROR;
    for (int i = 0; r == STORE_OK && i < n; i++) r = notify_user(rq, ids[i], "review_requested", "deal", deal_id, cid, -1, title);
    return r;
}

static StoreResult follow(Request *rq, const Event *e) {
    bool created = strstr(e->type, ".created") != NULL;
    if (starts(e->type, "client.")) return sync_object(rq, "client", e->object_id, created);
    if (starts(e->type, "need.")) return sync_object(rq, "need", e->object_id, created);
    if (starts(e->type, "deal.")) return sync_deal(rq, e->object_id, created);
    if (!strcmp(e->type, "review.created")) return sync_deal(rq, e->object_id, true);
    if (!strcmp(e->type, "review.requested")) {
        StoreResult r = sync_deal(rq, e->object_id, false);
        return r == STORE_OK ? notify_reviewers(rq, e->object_id) : r;
    }
    if (!strcmp(e->type, "candidacy.created") && e->refs.need_id > 0)
        return sync_object(rq, "need", e->refs.need_id, true); /* the recruiter who proposed */
    return STORE_OK;
}

bool channels_follow_request(Request *rq) {
    int n = rq->nevents; /* the events recorded here (notifications) need no following */
    for (int i = 0; i < n; i++) {
        Event e = rq->events[i]; /* a copy: recording more events may move the array */
        if (follow(rq, &e) != STORE_OK) return false;
    }
    return true;
}
