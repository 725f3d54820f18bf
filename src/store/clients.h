/* store/clients: the firm's clients, with their account owner, and their
 * contacts. Duplicates are found by SIRET or by the name key
 * (domain/sales.h client_name_key). */
#ifndef ALLIANCE_STORE_CLIENTS_H
#define ALLIANCE_STORE_CLIENTS_H
#include "store.h"

typedef struct {
    const char *q;        /* NULL: any; else a substring of the name, SIRET or sector */
    long long owner_id;   /* -1: any */
} ClientsFilter;

StoreResult store_client_get(Db *db, Arena *a, long long id, Client *c);
/* Newest first, like every list. */
StoreResult store_clients_list(Db *db, Arena *a, const ClientsFilter *f, long long before_id, int limit,
                               Client **out, int *n);
/* The id of a client with that SIRET (when not NULL) or that name key,
 * other than except_id; NOT_FOUND when none. */
StoreResult store_client_find_duplicate(Db *db, const char *siret, const char *name_key, long long except_id,
                                        long long *id);
/* name_key: the duplicate key of c->name, computed by the caller. */
StoreResult store_client_insert(Db *db, Arena *a, Client *c, const char *name_key);
StoreResult store_client_update(Db *db, Arena *a, Client *c, const char *name_key, long long expected_version);
/* Gives rows that have no name key yet (clients created before migration
 * 2) their key, computed by key (caller frees its result), and search text. */
StoreResult store_clients_fill_keys(Db *db, char *(*key)(const char *name));

StoreResult store_contact_get(Db *db, Arena *a, long long id, Contact *c);
StoreResult store_contacts_list(Db *db, Arena *a, long long client_id, Contact **out, int *n);
StoreResult store_contact_insert(Db *db, Arena *a, Contact *c);
StoreResult store_contact_update(Db *db, Arena *a, Contact *c, long long expected_version);

#endif
