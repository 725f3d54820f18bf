/* store/events: the event log, one row per business change, appended and
 * never rewritten. Ids increase in commit order on every engine
 * (db_order_commits), so "the events after id N" is a complete answer: the
 * live stream resumes from it and other servers catch up with it. */
#ifndef ALLIANCE_STORE_EVENTS_H
#define ALLIANCE_STORE_EVENTS_H
#include "store.h"

/* Appends e (at: now when NULL; id ignored) inside the caller's write
 * transaction and wakes other servers on commit; *id receives its id. */
StoreResult store_event_add(Db *db, const Event *e, long long *id);
/* Events with an id above after_id, oldest first, at most limit. */
StoreResult store_events_after(Db *db, Arena *a, long long after_id, int limit, Event **out, int *n);
/* The id of the newest event, 0 when there is none. */
StoreResult store_events_last_id(Db *db, long long *id);
/* One object's events, oldest first (its history). */
StoreResult store_events_of(Db *db, Arena *a, const char *object_type, long long object_id, int limit, Event **out,
                            int *n);
/* The events the home feed shows, newest first; sees[]: whether the reader
 * may see needs, deals, candidacies, incidents. */
StoreResult store_events_feed(Db *db, Arena *a, const bool sees[4], int limit, Event **out, int *n);

#endif
