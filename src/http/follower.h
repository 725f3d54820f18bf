/* follower: every server follows the event log (store/events.h) and hands
 * each committed event, in order and once, to the subscribers that keep
 * state in memory (the matching index, the live stream).
 *
 * Events reach it two ways: the request that wrote them calls
 * follower_catch_up right after its COMMIT (so its next request already
 * sees the effect), and a thread of its own waits for other servers'
 * commits (PostgreSQL LISTEN/NOTIFY; a one-second poll where the engine has
 * no notifications), reading "the events after the last one seen", which
 * also catches up after a lost connection. Subscribers run one at a time. */
#ifndef ALLIANCE_FOLLOWER_H
#define ALLIANCE_FOLLOWER_H
#include "../domain/model.h"
#include "../store/db.h"

/* db is in a read transaction, for subscribers that reload what changed. */
typedef void (*FollowerFn)(Db *db, const Event *e, void *arg);

/* Before follower_start: subscribers are called for events after the
 * start, so they load their initial state from the store first. */
void follower_subscribe(FollowerFn fn, void *arg);
/* Starts following from the newest event; false when the database cannot
 * be read. */
bool follower_start(void);
void follower_stop(void);
/* Delivers every event committed since the last delivery; db must not be
 * in a transaction. */
void follower_catch_up(Db *db);
/* The id of the last event delivered (for tests and metrics). */
long long follower_last_id(void);

#endif
