/* scoring: how well one person fits one need's skill requirements.
 *
 * Each required skill earns its share of 100 points in proportion to its
 * weight. A person at or above the required level earns the whole share;
 * below it, the share times level / required level (level 2 for a
 * required 4 earns half); a missing skill earns nothing.
 * mandatory_met is true when every mandatory skill is held at the required
 * level or above. Ranking: mandatory_met first, then score, then the
 * person's id, so the order is total and repeatable. */
#ifndef ALLIANCE_SCORING_H
#define ALLIANCE_SCORING_H
#include <stdbool.h>
#include "model.h"

typedef struct {
    const char *skill;
    int required_level;
    int level;           /* 0 when the person lacks the skill */
    double contribution; /* points out of 100 */
} SkillScore;

typedef struct {
    long long person_id;
    int index;           /* the person's position in the caller's array */
    double score;        /* 0..100, rounded to 0.1 */
    bool mandatory_met;
    int nmissing;        /* skills the person lacks entirely */
    SkillScore *skills;  /* one per requirement, in requirement order; owned by caller */
} MatchScore;

/* Scores p against reqs; out->skills must hold nreqs entries. */
void score_person(const Requirement *reqs, int nreqs, const Person *p, MatchScore *out);
/* qsort comparator: best first. */
int score_compare(const void *a, const void *b);

#endif
