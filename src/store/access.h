/* store/access: what a row says about whose it is (domain/visibility.h
 * RowFacts), for the access checks of http/access.c. */
#ifndef ALLIANCE_STORE_ACCESS_H
#define ALLIANCE_STORE_ACCESS_H
#include "../domain/visibility.h"
#include "store.h"

/* The facts of row id of kind, as seen by account viewer_id (whether they
 * are a member of a channel); NOT_FOUND when there is no such row.
 * Strings come from a. */
StoreResult store_row_facts(Db *db, Arena *a, RowKind kind, long long id, long long viewer_id, RowFacts *out);

#endif
