/* store/people: candidates and consultants with their skills. */
#ifndef ALLIANCE_STORE_PEOPLE_H
#define ALLIANCE_STORE_PEOPLE_H
#include "store.h"

typedef struct {
    const char *kind;   /* NULL: any */
    const char *q;      /* NULL: any; else a substring of the name or e-mail */
    const char *skill;  /* NULL: any; else people holding this skill id */
    long long person_id; /* 0: any; else only this person (-1: nobody), for a viewer who sees their own */
} PeopleFilter;

StoreResult store_person_get(Db *db, Arena *a, long long id, Person *p);
StoreResult store_people_list(Db *db, Arena *a, const PeopleFilter *f, long long before_id, int limit,
                              Person **out, int *n);
/* Inserts p and its skills; p->id, version, timestamps are set. */
StoreResult store_person_insert(Db *db, Arena *a, Person *p);
/* Replaces every field and the skills when p->version is still expected_version. */
StoreResult store_person_update(Db *db, Arena *a, Person *p, long long expected_version);
StoreResult store_person_delete(Db *db, long long id);
/* Every person holding at least one of the skills, with all their skills. */
StoreResult store_people_with_skills(Db *db, Arena *a, const char *const *skills, int nskills, Person **out,
                                     int *n);

#endif
