/* match_sync: keeps the server's matching index (match/index.h) equal to
 * the store. The index subscribes to the event log (http/follower.h): each
 * person event, written by this server or another one on the same
 * database, reloads that person from the store into the index (or removes
 * them), so every server's matches follow every write. */
#ifndef ALLIANCE_MATCH_SYNC_H
#define ALLIANCE_MATCH_SYNC_H
#include "../store/db.h"

/* Before follower_start. */
void match_sync_subscribe(void);
/* After follower_start: builds the index from the store, then applies the
 * person events delivered while it was being built (each reloads the
 * person, so their order does not matter). 0 on success (message printed
 * otherwise). */
int match_sync_build(Db *db);
/* After follower_stop: frees the index. */
void match_sync_stop(void);

#endif
