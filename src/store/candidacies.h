/* store/candidacies: people in the pipeline of needs. */
#ifndef ALLIANCE_STORE_CANDIDACIES_H
#define ALLIANCE_STORE_CANDIDACIES_H
#include "store.h"

/* A candidacy with the names the board shows next to it. */
typedef struct {
    Candidacy c;
    const char *person_name, *person_kind, *need_title;
    long long client_id;  /* the need's client, -1 none */
} CandidacyRow;

typedef struct {
    long long need_id;    /* -1: any */
    long long person_id;  /* -1: any */
    const char *stage;    /* NULL: any */
} CandidaciesFilter;

StoreResult store_candidacy_get(Db *db, Arena *a, long long id, CandidacyRow *c);
StoreResult store_candidacies_list(Db *db, Arena *a, const CandidaciesFilter *f, long long before_id, int limit,
                                   CandidacyRow **out, int *n);
/* CONFLICT when the person is already in the need's pipeline or an id is unknown. */
StoreResult store_candidacy_insert(Db *db, Arena *a, Candidacy *c);
StoreResult store_candidacy_update(Db *db, Arena *a, Candidacy *c, long long expected_version);

#endif
