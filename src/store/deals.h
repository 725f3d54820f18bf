/* store/deals: deals, the needs they cover, and their feasibility reviews.
 * A deal row keeps the id of its latest review, so the won gate and the
 * need qualification read one row. */
#ifndef ALLIANCE_STORE_DEALS_H
#define ALLIANCE_STORE_DEALS_H
#include "store.h"

typedef struct {
    const char *stage;    /* NULL: any */
    long long client_id;  /* -1: any */
} DealsFilter;

/* With need_ids and the latest review. */
StoreResult store_deal_get(Db *db, Arena *a, long long id, Deal *d);
StoreResult store_deals_list(Db *db, Arena *a, const DealsFilter *f, long long before_id, int limit, Deal **out,
                             int *n);
/* Deals waiting for a review, oldest request first. */
StoreResult store_deals_review_requested(Db *db, Arena *a, Deal **out, int *n);
StoreResult store_deal_insert(Db *db, Arena *a, Deal *d);
/* Replaces the fields and the need_ids when the version matches. */
StoreResult store_deal_update(Db *db, Arena *a, Deal *d, long long expected_version);
StoreResult store_deal_request_review(Db *db, long long id);

/* Inserts r (deal_id, verdict, effort_days, risks, conditions, reviewer_id),
 * makes it the deal's latest and clears the deal's review request. */
StoreResult store_review_insert(Db *db, Arena *a, Review *r);
/* Newest first. */
StoreResult store_reviews_list(Db *db, Arena *a, long long deal_id, Review **out, int *n);

/* For a need: whether it belongs to a deal, and whether one of those deals
 * has a positive latest review (go or go_with_conditions). */
StoreResult store_need_deal_review(Db *db, long long need_id, bool *in_deal, bool *reviewed);

#endif
