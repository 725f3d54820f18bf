/* index: every person's skills in memory, for ranking without SQL.
 *
 * Layout (sizes for a person with k skills):
 *  - one posting list per skill of the reference: uint32 entries, sorted by
 *    slot, each packing slot << 8 | years (5 bits, 31 unknown) << 3 | level
 *    (3 bits): 4 bytes per person-skill;
 *  - one slot per person: id, availability day, rate, location key, kind,
 *    and an offset into two append-only pools: the person's own skills
 *    (4 bytes each, for explanations and the reverse ranking) and the text
 *    shown in a match (name, location, available_from);
 *  - an id -> slot hash table (open addressing);
 *  - for the popular skills, bitsets over slots by level (bitsets.h).
 * A write never moves postings: an edited person gets a new slot at the
 * end (appends keep lists sorted) and the old slot is marked dead; dead
 * slots are dropped by a compaction once they are a quarter of all slots.
 *
 * Thread safety: one reader-writer lock per index; queries (rank.h) hold it
 * shared for their whole duration, writes hold it exclusive for a few
 * microseconds. Writers are preferred, so a stream of queries cannot starve
 * an update.
 *
 * Ownership: the index owns everything it holds; match_index_put copies
 * what it needs from the Person, which stays the caller's. */
#ifndef ALLIANCE_MATCH_INDEX_H
#define ALLIANCE_MATCH_INDEX_H
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include "../domain/model.h"
#include "../lib/arena.h"
#include "bitsets.h"

enum { MATCH_MAX_SLOTS = 1 << 24 }; /* 24 bits of slot in a posting */
#define MATCH_YEARS_UNKNOWN 31

typedef struct {
    long long id;
    int32_t available_day;  /* days since 1970, -1 unknown */
    int32_t rate;           /* -1 unknown */
    uint64_t location;      /* score_location_key, 0 unknown */
    uint32_t skills;        /* offset into the skills pool */
    uint32_t text;          /* offset into the text pool: first\0last\0location\0available_from\0 */
    uint8_t nskills;        /* a person has at most 100 skills (api/people.c) */
    uint8_t consultant;     /* 1 consultant, 0 candidate */
    uint8_t alive;
} MatchSlot;

typedef struct {
    uint32_t *v;
    uint32_t n, cap;
} MatchPostings;

typedef struct MatchIndex {
    pthread_rwlock_t lock;
    MatchPostings *lists;   /* one per skill of the reference */
    int nlists;
    MatchSlot *slots;
    uint32_t nslots, slots_cap, dead;
    uint32_t *pool;         /* skill << 16 | years (255 unknown) << 8 | level */
    size_t npool, pool_cap;
    char *text;
    size_t ntext, text_cap;
    long long *map_keys;    /* id -> slot; key 0 empty (ids start at 1) */
    uint32_t *map_vals;
    size_t map_cap, map_n;
    MatchBits bits;         /* popular skills as bitsets over slots (bitsets.h) */
} MatchIndex;

/* A new empty index for the loaded skills reference; NULL on no memory. */
MatchIndex *match_index_new(void);
void match_index_free(MatchIndex *ix);
/* Adds p, or replaces the person with p's id. Skills outside the reference
 * are ignored. 0 on success, -1 out of memory or too many slots. */
int match_index_put(MatchIndex *ix, const Person *p);
/* Removes the person (no-op when absent). */
void match_index_remove(MatchIndex *ix, long long id);
/* People in the index (alive). */
size_t match_index_count(MatchIndex *ix);
/* Bytes held (postings, slots, pools, hash table), capacity included. */
size_t match_index_bytes(MatchIndex *ix);
/* Rebuilds without dead slots (writes call it by themselves). */
int match_index_compact(MatchIndex *ix);

/* The slot of id, or -1; caller holds the lock. */
long match_index_find(const MatchIndex *ix, long long id);
/* Fills p from slot s with strings and skills from the arena: the person as
 * the index knows it (no e-mail, phone or timestamps). Caller holds the lock. */
void match_index_person(const MatchIndex *ix, uint32_t s, Arena *a, Person *p);

/* The server's index, built at start and kept up to date by
 * api/match_sync.c (NULL until then). */
MatchIndex *match_global(void);
void match_set_global(MatchIndex *ix);

#endif
