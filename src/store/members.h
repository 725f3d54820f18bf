/* store/members: the users named on an object (incident participants,
 * ritual participants), kept in a (object id, user_id) table. The SQL of
 * each table is passed in as string literals, so one function serves them
 * all and statements stay cached. */
#ifndef ALLIANCE_STORE_MEMBERS_H
#define ALLIANCE_STORE_MEMBERS_H
#include "store.h"

/* select_sql: "SELECT u.id, u.name ... WHERE x.<object> = $1 ORDER BY ...". */
StoreResult store_members_load(Db *db, Arena *a, const char *select_sql, long long object_id, Members *m);
/* Deletes the object's rows (delete_sql, $1 = object id) and inserts m's
 * (insert_sql, $1 object id, $2 user id). */
StoreResult store_members_replace(Db *db, const char *delete_sql, const char *insert_sql, long long object_id,
                                  const Members *m);
/* Every id names an enabled user; *bad receives the first that does not. */
StoreResult store_users_exist(Db *db, const long long *ids, int n, long long *bad);

#endif
