/* store/calendar_feeds: the state of each user's personal calendar feed.
 * The address itself is never stored (lib/feed_token.h derives it from the
 * server key, the user and the generation). A user without a row has
 * generation 1, active: everyone has an address from the start. */
#ifndef ALLIANCE_STORE_CALENDAR_FEEDS_H
#define ALLIANCE_STORE_CALENDAR_FEEDS_H
#include "store.h"

/* The server key (store/server_keys.h) the addresses are derived from. */
#define CALENDAR_KEY "calendar"

typedef struct {
    long long generation;   /* part of the address: a new one makes a new address */
    bool active;            /* false: revoked, no address works */
    const char *changed_at; /* NULL: the first address, never changed */
} CalendarFeed;

StoreResult store_calendar_feed_get(Db *db, Arena *a, long long user_id, CalendarFeed *f);
/* A new generation, active (active true: a new address) or revoked
 * (false: none works until the next new address); f receives the state. */
StoreResult store_calendar_feed_renew(Db *db, Arena *a, long long user_id, bool active, CalendarFeed *f);

#endif
