/* store/server_keys: secrets the servers of one firm share through the
 * database (the key that derives calendar feed addresses), so every
 * server behind a load balancer computes the same thing. A key is made
 * once, by the first server that starts, and copied by `alliance migrate`
 * and backups like any row: the addresses it derived keep working. */
#ifndef ALLIANCE_STORE_SERVER_KEYS_H
#define ALLIANCE_STORE_SERVER_KEYS_H
#include "store.h"

/* Makes the key `name` when there is none (a fresh secret_token); servers
 * starting together agree on the first one written. Opens and commits its
 * own write transaction. */
StoreResult store_server_key_ensure(Db *db, const char *name);
/* The key (arena copy); NOT_FOUND before any server made it. */
StoreResult store_server_key_get(Db *db, Arena *a, const char *name, const char **secret);

#endif
