/* store/people_scan: every person with their skills in one pass, as the
 * matching index reads them at start (match/index.h). */
#ifndef ALLIANCE_STORE_PEOPLE_SCAN_H
#define ALLIANCE_STORE_PEOPLE_SCAN_H
#include "store.h"

/* Calls fn for each person in id order (strings and skills valid during the
 * call only); stops with STORE_ERROR when fn returns non-zero. */
StoreResult store_people_each(Db *db, int (*fn)(const Person *p, void *arg), void *arg);

#endif
