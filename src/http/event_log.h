/* event_log: how a handler records a business change in the event log
 * (store/events.h). Events are kept with the request and written by the
 * dispatcher just before COMMIT: in the same transaction as the change, as
 * the last writes, so the commit-order lock they take (db_order_commits)
 * is held only for an instant and never waits behind another row lock. A
 * failed request writes none. */
#ifndef ALLIANCE_EVENT_LOG_H
#define ALLIANCE_EVENT_LOG_H
#include "http.h"

/* Records "type" on an object for the signed-in caller (or nobody on a
 * public route). before/after are stolen (NULL for none). */
void event_record(Request *rq, const char *type, const char *object_type, long long object_id, EventRefs refs,
                  json_t *before, json_t *after);
/* No refs: every id -1. */
EventRefs event_refs_none(void);
/* Writes the request's events; called by the dispatcher. */
bool event_log_flush(Request *rq);

#endif
