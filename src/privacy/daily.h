/* daily: the privacy run of `alliance serve`, once a day across all
 * servers (a guarded update of settings.purge_date picks one): the
 * retention warnings due (notice.h), then the purge of expired people
 * (purge.h); what it did goes to stderr and the audit log. Its own
 * thread, whether or not mail is configured (mail then waits in the
 * outbox).
 *   ALLIANCE_PURGE_HOUR     UTC hour from which the day's run may start (3);
 *                           "off": only `alliance purge` erases
 *   ALLIANCE_PURGE_POLL_MS  how often the thread looks (60000) */
#ifndef ALLIANCE_DAILY_H
#define ALLIANCE_DAILY_H
#include <stdbool.h>
#include "../store/db.h"

/* -1 when the run is off. */
int privacy_daily_hour(void);
/* Starts the thread; after_erase runs after each erasure commits (the
 * follower catches up so in-memory indexes forget at once). */
bool privacy_daily_start(void (*after_erase)(Db *db));
void privacy_daily_stop(void);
/* One run now if today's is due and no server did it (the thread's body). */
void privacy_daily_if_due(Db *db, void (*after_erase)(Db *db));

#endif
