/* rank: ranks people for a need with domain/scoring.c. This first version
 * scores the people the store returns for the need's skills; the in-memory
 * skill index (issue "matching engine") takes its place behind the same
 * function. */
#ifndef ALLIANCE_RANK_H
#define ALLIANCE_RANK_H
#include "../domain/scoring.h"
#include "../lib/arena.h"

/* Scores every person, sorts best first; returns an arena array of n scores. */
MatchScore *rank_people(Arena *a, const Need *need, const Person *people, int n);

#endif
