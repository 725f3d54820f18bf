/* store/needs: client needs with their required skills. */
#ifndef ALLIANCE_STORE_NEEDS_H
#define ALLIANCE_STORE_NEEDS_H
#include "store.h"

typedef struct {
    const char *status;   /* NULL: any */
    long long client_id;  /* -1: any */
    const char *q;        /* NULL: any; else a substring of the title */
} NeedsFilter;

StoreResult store_need_get(Db *db, Arena *a, long long id, Need *n);
StoreResult store_needs_list(Db *db, Arena *a, const NeedsFilter *f, long long before_id, int limit, Need **out,
                             int *count);
StoreResult store_need_insert(Db *db, Arena *a, Need *n, long long created_by);
/* The offers of the careers page: open and published needs, newest
 * publication first, at most limit. */
StoreResult store_careers_list(Db *db, Arena *a, int limit, Need **out, int *count);
StoreResult store_need_update(Db *db, Arena *a, Need *n, long long expected_version);

#endif
