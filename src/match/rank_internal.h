/* rank_internal: what rank.c and rank_bits.c share (not for other folders). */
#ifndef ALLIANCE_RANK_INTERNAL_H
#define ALLIANCE_RANK_INTERNAL_H
#include "rank.h"

#define END UINT32_MAX

enum { TAB_SIZE = 256 }; /* indexed by a posting's low byte: years code << 3 | level */

typedef struct {
    const uint32_t *v;
    uint32_t n, pos;
    const int32_t *tab;    /* millionths earned, for this source's factor (at most 10^8) */
    bool implies;
    int skill;             /* reference index of the source's skill */
} Src;

typedef struct {
    Src *src;
    int nsrc, req, min_level;
    bool mandatory;
    long long ub;          /* the most this requirement can give */
    uint64_t size;         /* entries of all its sources */
    uint32_t doc;          /* smallest current slot of its sources, END when done */
    int skill;             /* reference index of the required skill, -1 outside it */
} Cur;

typedef struct {
    int tenths;
    long long id;
    uint32_t slot;
} Entry;

/* A bounded heap of the k best entries, the worst on top. */
typedef struct {
    Entry *e;
    int n, k;
} Heap;

typedef struct {
    MatchIndex *ix;
    const Scorer *sc;
    const MatchQuery *q;
    Cur *cur;
    int m;
    long long terms_ub;    /* the most availability, location and rate can give */
    uint64_t entries;
    long total;            /* counted by the term-at-a-time pass when asked, else -1 */
} Ctx;

void rank_heap_push(Heap *h, Entry x);
/* Below this many millionths a person cannot enter a full heap. */
long long rank_heap_floor(const Heap *h);
/* The slot is alive and the caller's filter accepts it. */
bool rank_admissible(const Ctx *x, uint32_t slot);
/* Millionths of availability, location and rate for the slot. */
long long rank_slot_terms(const Ctx *x, uint32_t slot);

/* The bitset path (rank_bits.c): the k best of one population into h;
 * false when it would score too many people (the caller then reads the
 * lists term at a time). */
typedef enum { RANK_EVERYONE, RANK_MANDATORY_MET, RANK_MANDATORY_NOT_MET } RankPopulation;
bool rank_bits(Ctx *x, Arena *a, Heap *h, RankPopulation who);
/* The requirements can all be answered from bitsets or short lists. */
bool rank_bits_usable(const Ctx *x);
/* People meeting every mandatory requirement / with credit for some requirement. */
long rank_bits_count(Ctx *x, Arena *a, RankPopulation who);

#endif
