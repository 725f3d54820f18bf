/* duplicates: flags likely duplicates when a person is created, changed or
 * imported (rules in domain/dedupe.h), for every path that writes people. */
#ifndef ALLIANCE_API_DUPLICATES_H
#define ALLIANCE_API_DUPLICATES_H
#include <jansson.h>
#include "../domain/model.h"
#include "../lib/arena.h"
#include "../store/store.h"

typedef struct {
    long long other_id;
    const char *reasons;  /* "email", "phone", "name", comma-separated */
} DuplicateHit;

/* Records p's keys, then flags every other person p is a likely duplicate
 * of; *hits (from a, may be NULL) lists them. Call it after p is written,
 * inside the same transaction. */
StoreResult duplicates_check(Db *db, Arena *a, const Person *p, DuplicateHit **hits, int *n);
/* ["email", "phone"] from "email,phone". */
json_t *duplicate_reasons_json(const char *reasons);
/* Keys (and flags) for people written before keys existed; at start. */
StoreResult duplicates_backfill(Db *db);

#endif
