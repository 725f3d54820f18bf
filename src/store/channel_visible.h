/* channel_visible: the SQL condition "the viewer may see channel c", for
 * queries over channels c LEFT JOIN channel_members m (m: the viewer's
 * row). Parameters: $1 the viewer; $2..$6 whether the viewer's role sees
 * public channels of clients, needs, deals, incidents, rituals (the rule
 * itself is domain/channels.c; this is its SQL form). Private to store/. */
#ifndef ALLIANCE_STORE_CHANNEL_VISIBLE_H
#define ALLIANCE_STORE_CHANNEL_VISIBLE_H
#include "store.h"

#define CHANNEL_VISIBLE \
    "(m.left_at IS NULL AND m.user_id IS NOT NULL OR c.visibility = 'public' AND (c.object_type IS NULL " \
    "OR c.object_type = 'client' AND $2 = 1 OR c.object_type = 'need' AND $3 = 1 OR c.object_type = 'deal' AND $4 = 1 " \
    "OR c.object_type = 'incident' AND $5 = 1 OR c.object_type = 'ritual' AND $6 = 1))"
#define CHANNEL_VIEWER_JOIN " LEFT JOIN channel_members m ON m.channel_id = c.id AND m.user_id = $1 "

static inline void channel_bind_viewer(DbStmt *st, const ChannelViewer *v) {
    db_bind_int(st, 1, v->user_id);
    for (int i = 0; i < 5; i++) db_bind_int(st, 2 + i, v->sees[i]);
}

#endif
