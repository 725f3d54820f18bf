/* implied: which skills earn credit for a required one, from the
 * reference's `implies` and `broader` columns (data/skills.tsv).
 *
 *  - the skill itself: factor 1;
 *  - a skill that implies it (spring-boot implies java): factor 0.75, and
 *    0.75 x 0.75 through two steps (github-actions -> github -> git);
 *  - a narrower skill (java's broader is computer-programming): factor 0.5.
 *
 * A source through `implies` also counts for a mandatory requirement (whoever
 * does Spring Boot at level 4 writes Java at level 4); a narrower skill does
 * not. Built by skills_load from the loaded reference, read-only afterwards,
 * so any thread may read it without locks. */
#ifndef ALLIANCE_IMPLIED_H
#define ALLIANCE_IMPLIED_H
#include <stdbool.h>

#define IMPLIED_CREDIT 0.75
#define BROADER_CREDIT 0.5

typedef struct {
    int skill;       /* index in the reference (skills_at) */
    double factor;   /* share of the credit a holder earns */
    bool implies;    /* the skill itself or through implies: counts for mandatory */
} SkillSource;

/* Builds the table for the loaded reference; 0 on success. */
int implied_build(void);
void implied_free(void);
/* Sources of the skill at index s: the skill itself first, then the others
 * by decreasing factor (ties by index). *out points into the shared table. */
int implied_sources(int s, const SkillSource **out);

#endif
