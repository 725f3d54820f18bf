/* rank: the ranking of people for a need over the in-memory index
 * (index.h), and of needs for a person; the score itself is
 * domain/scoring.h.
 *
 * match_rank returns exactly the first `limit` people of the full order
 * (mandatory_met, score, id) among those with credit for at least one
 * requirement, without scoring everyone:
 *  1. When the need has mandatory skills, their posting lists are
 *     intersected first, driven by the shortest one (galloping search in
 *     the others): everyone meeting them all is found and scored. When they
 *     are at least `limit`, nobody else can enter the answer.
 *  2. Otherwise the rest is ranked document-at-a-time with upper-bound
 *     pruning (MaxScore): requirements are ordered by the most points they
 *     can give; once the answer holds `limit` people, the requirements
 *     whose bounds together (plus the person-side factors) cannot reach the
 *     last score stop driving the scan and are only probed, and a person is
 *     dropped as soon as what remains cannot reach it.
 *  3. When the lists are long against the number of people (popular
 *     skills: the common case at a million profiles), the bitsets of
 *     the popular skills give everyone a bound at once, 256 people per step
 *     (rank_bits.c), and only the people whose bound can reach the k-th
 *     score are scored; when that would still be too many, each list is
 *     read once in sequence into one accumulator per person.
 * Scores are summed in millionths (scoring.h), so the order does not
 * depend on the order of summing. */
#ifndef ALLIANCE_RANK_H
#define ALLIANCE_RANK_H
#include <stdbool.h>
#include <stdint.h>
#include "../domain/scoring.h"
#include "../lib/arena.h"
#include "index.h"

enum { MATCH_MAX_LIMIT = 200 };

typedef struct {
    long long id;
    bool consultant;
    long available_day;   /* -1 unknown */
    uint64_t location;    /* score_location_key, 0 unknown */
} MatchCandidate;

typedef struct {
    int limit;                      /* 1..MATCH_MAX_LIMIT (more is cut) */
    int offset;                     /* skip the first ones (pages of a search) */
    bool (*accept)(const MatchCandidate *c, void *arg);  /* NULL: everyone */
    void *accept_arg;
    bool only_mandatory_met;        /* a filter: people who meet every mandatory skill */
    bool count_total;               /* fill total (one more pass over the lists) */
    int path;                       /* 0: chosen by list lengths; else one of the three below (tests) */
} MatchQuery;
enum { MATCH_DOCUMENT_AT_A_TIME = 1, MATCH_TERM_AT_A_TIME = 2, MATCH_BITSETS = 3 };

typedef struct {
    Person person;      /* as the index knows it, from the arena */
    MatchScore score;   /* skills[] from the arena */
} MatchHit;

typedef struct {
    MatchHit *hits;     /* best first, from the arena */
    int n;
    long total;         /* people with credit for some requirement; -1 when not counted */
    long mandatory_met; /* people meeting every mandatory skill (when the need has some), else -1 */
    uint64_t entries;   /* posting entries the cursors went over (for the benchmark; a bitset word counts 2) */
    int path;           /* the path that answered (MATCH_DOCUMENT_AT_A_TIME...) */
} MatchResult;

/* Ranks the index's people for need. 0 on success, -1 out of memory. */
int match_rank(MatchIndex *ix, Arena *a, const Need *need, const MatchQuery *q, MatchResult *out);

/* Scores every person of an array and sorts best first (the order of
 * match_rank); an arena array of n scores. For the reverse ranking and
 * tests. */
MatchScore *rank_people(Arena *a, const Need *need, const Person *people, int n);

/* Scores one person against each need, sorted best first by
 * (mandatory_met, score, need id); index is the need's position. */
MatchScore *rank_needs(Arena *a, const Person *p, const Need *needs, int n);

#endif
