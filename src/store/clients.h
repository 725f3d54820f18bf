/* store/clients: the firm's clients (a name for now; the sales issue adds
 * SIRET, contacts and the rest). */
#ifndef ALLIANCE_STORE_CLIENTS_H
#define ALLIANCE_STORE_CLIENTS_H
#include "store.h"

StoreResult store_client_get(Db *db, Arena *a, long long id, Client *c);
/* Newest first, like every list. */
StoreResult store_clients_list(Db *db, Arena *a, long long before_id, int limit, Client **out, int *n);
StoreResult store_client_insert(Db *db, Client *c);

#endif
