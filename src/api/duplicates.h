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
    long long pair_id;    /* once recorded */
} DuplicateHit;

/* Records p's keys, then flags every other person p is a likely duplicate
 * of; *hits (from a, may be NULL) lists them. Call it after p is written,
 * inside the same transaction. */
StoreResult duplicates_check(Db *db, Arena *a, const Person *p, DuplicateHit **hits, int *n);
/* duplicates_check in two halves, for a person being created: find reads
 * only (p->id may still be 0), record writes once p exists. Creating then
 * takes one statement more than the insert, keeping the time between a
 * person's id and its commit short (event ids follow commit order). */
StoreResult duplicates_find(Db *db, Arena *a, const Person *p, DuplicateHit **hits, int *n);
StoreResult duplicates_record(Db *db, Arena *a, const Person *p, DuplicateHit *hits, int n);
/* [{pair_id, person_id, reasons}], as person_duplicates_json. */
json_t *duplicate_hits_json(const DuplicateHit *hits, int n);
/* ["email", "phone"] from "email,phone". */
json_t *duplicate_reasons_json(const char *reasons);
/* Keys (and flags) for people written before keys existed; at start. */
StoreResult duplicates_backfill(Db *db);

#endif
