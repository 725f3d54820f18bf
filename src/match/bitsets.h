/* bitsets: for the popular skills, one bit per slot saying who holds the
 * skill at level >= 1, 2, 3, 4, 5, with 5 years or more, and who holds it
 * or any skill that earns credit for it (domain/implied.h: spring-boot for
 * java); plus one bitset of the live slots.
 *
 * Why: a need made of popular skills has posting lists of hundreds of
 * thousands of entries at a million profiles; reading them all for every
 * query costs milliseconds. With these bitsets the ranking (rank_bits.c)
 * finds who can still reach a score by AND-ing 16 KiB per 128k people per
 * requirement, and scores only those people.
 *
 * A skill gets bitsets once its list holds at least one slot in
 * MATCH_BITS_DENSITY (and MATCH_BITS_MIN entries): below that the list
 * itself is smaller than a bitset. Bits of dead slots stay set (the live
 * bitset is cleared); compaction rebuilds everything.
 *
 * Memory: 7 bits per slot per popular skill (about 100 skills at a million
 * profiles: 90 MB, 6 bytes per person-skill). Caller holds the index's
 * write lock for every function here. */
#ifndef ALLIANCE_MATCH_BITSETS_H
#define ALLIANCE_MATCH_BITSETS_H
#include <stddef.h>
#include <stdint.h>

struct MatchIndex;

enum {
    MATCH_BITS_LEVELS = 5,                        /* sets 0..4: level >= 1..5 */
    MATCH_BITS_YEARS = MATCH_BITS_LEVELS,         /* set 5: years >= YEARS_FOR_FULL_CREDIT, known */
    MATCH_BITS_CREDIT = MATCH_BITS_YEARS + 1,     /* set 6: holds the skill or one of its sources */
    MATCH_BITS_PER_SKILL = MATCH_BITS_CREDIT + 1,
    MATCH_BITS_DENSITY = 64,
    MATCH_BITS_MIN = 256,
};

typedef struct {
    uint64_t **sets;   /* per skill of the reference: NULL, or MATCH_BITS_PER_SKILL bitsets of `words` each */
    uint64_t *alive;   /* live slots */
    size_t words;      /* 64-bit words per bitset: capacity for words * 64 slots */
    int **credits;     /* per skill: the skills it earns credit for (itself included), -1 ended */
} MatchBits;

/* Set i of skill si (NULL when the skill has no bitsets). */
static inline const uint64_t *match_bits_set(const MatchBits *b, int si, int i) {
    return b->sets[si] ? b->sets[si] + (size_t)i * b->words : NULL;
}

/* The bitset array for n skills; -1 out of memory. */
int match_bits_init(MatchBits *b, int nskills);
void match_bits_free(MatchBits *b, int nskills);
/* Room for slot (grows every bitset); -1 out of memory. */
int match_bits_reserve(struct MatchIndex *ix, uint32_t slot);
/* Slot holds skill si at level with years (-1 unknown). */
void match_bits_add(MatchBits *b, uint32_t slot, int si, int level, int years);
void match_bits_set_alive(MatchBits *b, uint32_t slot, int alive);
/* Gives skill si bitsets when its list has become dense enough. */
void match_bits_consider(struct MatchIndex *ix, int si);
/* Rebuilds every bitset from the lists and slots (after a compaction). */
int match_bits_rebuild(struct MatchIndex *ix);
size_t match_bits_bytes(const MatchBits *b, int nskills);

#endif
