/* store/channels: channels and their members. Every list and look-up
 * takes a ChannelViewer and answers only what that account may see (a
 * private channel is invisible to non-members: NOT_FOUND, never 403). */
#ifndef ALLIANCE_STORE_CHANNELS_H
#define ALLIANCE_STORE_CHANNELS_H
#include "store.h"

typedef struct {
    const char *q;              /* folded words of the name, NULL none */
    bool mine;                  /* only channels the viewer is a member of */
    const char *object_type;    /* with object_id: that object's channel */
    long long object_id;        /* -1 none */
    const char *slug;           /* the channel going by that slug now or before a rename; NULL none */
    bool team;                  /* only channels no object owns (those people made) */
} ChannelsFilter;

StoreResult store_channel_get(Db *db, Arena *a, const ChannelViewer *v, long long id, Channel *c);
/* The channel whatever the viewer (for the system: posts, members). */
StoreResult store_channel_get_any(Db *db, Arena *a, long long id, Channel *c);
StoreResult store_channel_of_object(Db *db, const char *object_type, long long object_id, long long *id);
StoreResult store_channels_list(Db *db, Arena *a, const ChannelViewer *v, const ChannelsFilter *f, long long before_id,
                                int limit, Channel **out, int *n);
/* Inserts c (id, version, created_at set); CONFLICT when the slug or the
 * object already has a channel. */
StoreResult store_channel_insert(Db *db, Arena *a, Channel *c);
/* Finds or creates (by created_by, -1 none) the public channel of an
 * object, slug "<object_type>-<id>", renames it to name when it differs
 * (name NULL: keeps it; NOT_FOUND when there is none to create), and adds
 * the given accounts as members (someone who left is not added back).
 * *channel_id receives its id (may be NULL). */
StoreResult store_channel_for_object(Db *db, Arena *a, const char *object_type, long long object_id, const char *name,
                                     long long created_by, const long long *member_ids, int nmembers,
                                     long long *channel_id);
/* Renames an object's channel when its object was renamed. */
StoreResult store_channel_rename(Db *db, long long id, const char *name);
/* The channel that goes by slug, now or before a rename; NOT_FOUND when
 * none does (the slug is free for a new channel or a rename). */
StoreResult store_channel_slug_owner(Db *db, const char *slug, long long *channel_id);
/* Writes c's name, slug and topic when its stored version is still
 * expected (STALE otherwise); a slug it leaves (old_slug) stays its alias,
 * and one it takes back stops being one. c's version and updated_at move. */
StoreResult store_channel_update(Db *db, Arena *a, Channel *c, const char *old_slug, long long expected);

/* Adds a member. rejoin: someone who left comes back (an explicit
 * join or add); otherwise a member who left stays out (automatic adds).
 * *added (may be NULL): whether the account became a member now. */
StoreResult store_channel_member_add(Db *db, long long channel_id, long long user_id, bool rejoin, bool *added);
/* NOT_FOUND when the user is not a member. */
StoreResult store_channel_member_leave(Db *db, long long channel_id, long long user_id);
StoreResult store_channel_is_member(Db *db, long long channel_id, long long user_id, bool *member);
/* Current members (active accounts), by name; ids, names, handles, roles. */
StoreResult store_channel_members(Db *db, Arena *a, long long channel_id, User **out, int *n);
/* Marks the channel read up to post_id (never backwards). */
StoreResult store_channel_mark_read(Db *db, long long channel_id, long long user_id, long long post_id);
/* The accounts working on an object: for a client its owner and creator;
 * for a deal its owner, its client's owner, its creator and its
 * reviewers; for a need its creator, its client's owner, its deals'
 * owners and reviewers and the recruiters who proposed candidates. */
StoreResult store_object_workers(Db *db, Arena *a, const char *object_type, long long object_id, long long **ids,
                                 int *n);
/* Gives every client, need and deal without a channel its channel, with
 * the people working on it as members: for objects written outside a
 * request (demo data, imports). In the caller's write transaction. */
StoreResult store_channels_for_objects(Db *db, Arena *a);

#endif
