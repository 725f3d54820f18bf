/* channels: what other resources use of channels and notifications.
 *
 * Every client, need and deal has a channel (created by
 * channels_follow_request from the request's events); incidents and
 * rituals make theirs with channel_for_object. A channel owned by an
 * object has the slug "<object_type>-<id>", is public to the roles that
 * may read the object, and is found with GET /api/v1/channels?<type>_id=. */
#ifndef ALLIANCE_API_CHANNELS_H
#define ALLIANCE_API_CHANNELS_H
#include "../http/http.h"
#include "../store/store.h"

/* Finds or creates the channel of an object (object_type: client, need,
 * deal, incident, ritual), renames it to name when it differs (name NULL:
 * keeps it; required on creation), and adds the given accounts as members
 * (someone who left the channel is not added back). *channel_id receives
 * its id (may be NULL). Runs in the request's write transaction. */
StoreResult channel_for_object(Request *rq, const char *object_type, long long object_id, const char *name,
                               const long long *member_ids, int nmembers, long long *channel_id);
/* A post by the system (no author) in a channel: Markdown rendered like
 * any post, "@handle" mentions notify, event post.created recorded. */
StoreResult channel_system_post(Request *rq, long long channel_id, const char *markdown);

/* Notifications (kind: mention, reply, assignment, review_requested,
 * overdue) for user_id about an object, with a short text (a title, an
 * excerpt). Records notification.created for the live stream. Nobody is
 * notified of what they did themselves (user_id == the caller). */
StoreResult notify_user(Request *rq, long long user_id, const char *kind, const char *object_type, long long object_id,
                        long long channel_id, long long post_id, const char *text);
/* The same outside a request (a job): the notification and its event in
 * db's current write transaction. */
StoreResult notify_user_db(Db *db, long long user_id, const char *kind, const char *object_type, long long object_id,
                           const char *text);
/* An overdue candidacy (no answer in time): notifies user_id. For jobs. */
StoreResult notify_overdue_candidacy(Db *db, long long user_id, long long candidacy_id, const char *text);

/* The viewer a signed-in account reads channels as. */
ChannelViewer channel_viewer(const User *u);
/* Called by the dispatcher before the request's events are written: the
 * channels of the clients, needs and deals the request created or changed
 * exist and have the people working on them as members; assignments and
 * review requests notify. False on a storage error (the request fails). */
bool channels_follow_request(Request *rq);

#endif
