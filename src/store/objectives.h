/* store/objectives: shared objectives (model.h Objective). */
#ifndef ALLIANCE_STORE_OBJECTIVES_H
#define ALLIANCE_STORE_OBJECTIVES_H
#include "store.h"

StoreResult store_objective_get(Db *db, Arena *a, long long id, Objective *o);
/* Newest first, ids below before_id (0: from the newest). */
StoreResult store_objectives_list(Db *db, Arena *a, long long before_id, int limit, Objective **out, int *n);
StoreResult store_objective_insert(Db *db, Arena *a, Objective *o);
/* STALE when the version is no longer expected. */
StoreResult store_objective_update(Db *db, Arena *a, Objective *o, long long expected);
StoreResult store_objective_delete(Db *db, long long id);

#endif
