/* store/notifications: what an account is told about (a mention, a reply
 * in its thread, an assignment, a review asked for, an overdue candidacy).
 * An account reads and marks only its own. */
#ifndef ALLIANCE_STORE_NOTIFICATIONS_H
#define ALLIANCE_STORE_NOTIFICATIONS_H
#include "store.h"

/* Inserts n (id and created_at set). */
StoreResult store_notification_add(Db *db, Arena *a, Notification *n);
/* user_id's notifications, newest first (unread_only: read_at IS NULL). */
StoreResult store_notifications_list(Db *db, Arena *a, long long user_id, bool unread_only, long long before_id,
                                     int limit, Notification **out, int *n);
StoreResult store_notifications_unread(Db *db, long long user_id, long long *count);
/* Whether user_id was already told of post_id with that kind ("mention"). */
StoreResult store_notification_sent(Db *db, long long user_id, const char *kind, long long post_id, bool *sent);
/* NOT_FOUND unless the notification is user_id's. */
StoreResult store_notification_mark_read(Db *db, long long user_id, long long id);
StoreResult store_notifications_mark_all_read(Db *db, long long user_id);
/* Active accounts with a role ("tech"), for notifying a team. */
StoreResult store_users_with_role(Db *db, Arena *a, const char *role, long long **ids, int *n);
/* The name of a client, the title of a need or deal; NOT_FOUND otherwise. */
StoreResult store_object_name(Db *db, Arena *a, const char *object_type, long long object_id, const char **name);
/* The owner of a client or deal (-1 none or another type). */
StoreResult store_object_owner(Db *db, const char *object_type, long long object_id, long long *owner_id);
/* The needs of a deal. */
StoreResult store_deal_need_ids(Db *db, Arena *a, long long deal_id, long long **ids, int *n);

#endif
