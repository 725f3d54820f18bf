/* store/duplicates: the keys people are compared by (domain/dedupe.h), the
 * pairs flagged as likely duplicates, free-text tags and merge records. */
#ifndef ALLIANCE_STORE_DUPLICATES_H
#define ALLIANCE_STORE_DUPLICATES_H
#include "store.h"

typedef struct {
    long long person_id;
    const char *email, *phone, *city, *first, *last, *name;  /* NULL: no key */
} PersonKeys;

typedef struct {
    long long id, low_id, high_id;
    const char *reasons;      /* "email,phone,name" (some of them) */
    const char *created_at;
} DuplicatePair;

/* Inserts or replaces the keys of k->person_id. */
StoreResult store_person_keys_put(Db *db, const PersonKeys *k);
/* Other people sharing k's e-mail or phone key, or its city and one name
 * word key (first or last, either way round): the candidates the name rule
 * is then applied to. At most 200. */
StoreResult store_person_keys_near(Db *db, Arena *a, const PersonKeys *k, PersonKeys **out, int *n);
/* Records the pair (either order) with its reasons; a pair dismissed
 * before stays dismissed. */
StoreResult store_duplicate_flag(Db *db, long long a_id, long long b_id, const char *reasons, long long *pair_id);
/* Pairs not dismissed, newest first, cursor on the pair id. */
StoreResult store_duplicates_list(Db *db, Arena *a, long long before_id, int limit, DuplicatePair **out, int *n);
/* Pairs (not dismissed) that include person_id. */
StoreResult store_duplicates_of(Db *db, Arena *a, long long person_id, DuplicatePair **out, int *n);
/* NOT_FOUND when no such pair is waiting. */
StoreResult store_duplicate_dismiss(Db *db, long long pair_id);
/* People who have no keys yet (created before keys existed), oldest first,
 * with id and the fields keys are made of. */
StoreResult store_people_without_keys(Db *db, Arena *a, Person **out, int *n);

/* Free-text tags of a person, sorted. */
StoreResult store_person_tags(Db *db, Arena *a, long long person_id, const char ***out, int *n);
StoreResult store_person_tag_add(Db *db, long long person_id, const char *tag);

#endif
