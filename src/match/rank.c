/* rank: score and sort (see rank.h). */
#include "rank.h"
#include <stdlib.h>

MatchScore *rank_people(Arena *a, const Need *need, const Person *people, int n) {
    MatchScore *scores = arena_alloc(a, (size_t)(n ? n : 1) * sizeof *scores);
    for (int i = 0; i < n; i++) {
        scores[i].skills = arena_alloc(a, (size_t)(need->nskills ? need->nskills : 1) * sizeof *scores[i].skills);
        score_person(need->skills, need->nskills, &people[i], &scores[i]);
        scores[i].index = i;
    }
    qsort(scores, (size_t)n, sizeof *scores, score_compare);
    return scores;
}
