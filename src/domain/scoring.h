/* scoring: how well one person fits one need, as a sum of explained parts.
 *
 * The score is out of 100. Five factors share it; each has a base weight,
 * and a factor the need does not ask about drops out (the others are scaled
 * back to 100), so a need that names only skills is scored on skills alone:
 *
 *   factor        base  applies when                 value (0..1)
 *   skills          70  the need has skills          per requirement, see below
 *   experience      10  the need has skills          per requirement: years, 5+ = 1, unknown 0.5
 *   availability    10  the need has a start date    available on or before it (or no date
 *                                                    given): 1; later: fades to 0 over 60 days
 *   location         5  a location, not full remote  same place 1; unknown 0.5; elsewhere:
 *                                                    partial remote 0.5, none 0
 *   rate             5  a maximum daily rate         within it 1; unknown 0.5; above it:
 *                                                    fades to 0 at 20 % over
 *
 * Skills and experience are split between the requirements in proportion
 * to their weight (1..5). For one requirement, the person's best evidence
 * counts: the skill itself, or a related skill of the reference
 * (domain/implied.h: a skill that implies it earns 0.75 of the credit, a
 * narrower one 0.5). Level credit: 1 at or above the required level, else
 * level / required (level 2 of a required 4 earns half); years of the skill
 * that gave the credit, times the same factor.
 *
 * mandatory_met: every mandatory requirement is held at its level, by the
 * skill itself or one that implies it. Ranking: mandatory_met first, then
 * the score (rounded to 0.1), then the person's id, so the order is total
 * and repeatable. */
#ifndef ALLIANCE_SCORING_H
#define ALLIANCE_SCORING_H
#include <stdbool.h>
#include <stdint.h>
#include "model.h"

enum { SCORE_MAX_REQS = 50 };  /* a need has at most 50 skills (api/needs.c) */

typedef enum { FACTOR_SKILLS, FACTOR_EXPERIENCE, FACTOR_AVAILABILITY, FACTOR_LOCATION, FACTOR_RATE, NFACTORS } FactorKind;
extern const char *const FACTOR_NAMES[NFACTORS];

#define AVAILABILITY_GRACE_DAYS 60
#define RATE_TOLERANCE 0.2
#define YEARS_FOR_FULL_CREDIT 5

/* The need side, computed once per ranking. */
typedef struct {
    const Need *need;               /* borrowed */
    double weight[NFACTORS];        /* points of each factor; 0 when it does not apply */
    double req_skill[SCORE_MAX_REQS], req_exp[SCORE_MAX_REQS]; /* points of each requirement */
    int nreqs;                      /* min(need->nskills, SCORE_MAX_REQS) */
    long start_day;                 /* days since 1970, -1 none */
    uint64_t location;              /* score_location_key, 0 none */
    int remote;                     /* 0 none, 1 partial, 2 full */
    long long rate_max;             /* -1 none */
} Scorer;

/* What a person brings to one requirement: the best of its sources. */
typedef struct {
    int level;          /* level of the skill that gave the credit, 0 none */
    int years;          /* its years, -1 unknown */
    double factor;      /* 1 the skill itself, less for a related one */
    const char *via;    /* the related skill's id, NULL for the skill itself */
    bool meets;         /* some source counting for mandatory is at the required level */
} Evidence;

/* The person's side beyond skills. */
typedef struct {
    long available_day; /* days since 1970, -1 unknown (counted as available) */
    uint64_t location;  /* score_location_key, 0 unknown */
    long long rate;     /* -1 unknown */
} PersonTerms;

typedef struct {
    const char *skill;
    int required_level;
    int level;           /* the person's own level, 0 when they lack the skill */
    const char *via;     /* related skill that gave the credit, or NULL */
    int via_level;
    int years;           /* of the skill that counted, -1 unknown */
    double contribution; /* skill points earned, rounded to 0.1 */
} SkillScore;

typedef struct {
    double value;        /* 0..1 */
    double weight;       /* points it is worth; 0 when it does not apply */
} FactorScore;

typedef struct {
    long long person_id;
    int index;           /* the person's position in the caller's array */
    double score;        /* 0..100, rounded to 0.1 */
    int tenths;          /* the same score in tenths, compared exactly */
    bool mandatory_met;
    int nmissing;        /* requirements the person has no credit for */
    SkillScore *skills;  /* one per requirement, in requirement order; owned by caller */
    FactorScore factors[NFACTORS];
} MatchScore;

void scorer_init(Scorer *sc, const Need *need);

double score_level_credit(int level, int required);
double score_years_credit(int years);
double score_availability_credit(long available_day, long start_day);
double score_location_credit(uint64_t person, uint64_t need, int remote);
double score_rate_credit(long long rate, long long rate_max);
/* Folded location as a key ("Lyon " = "lyon"); 0 for NULL or blank. */
uint64_t score_location_key(const char *location);
PersonTerms score_person_terms(const Person *p);

/* Points are summed in millionths, each part rounded on its own, so that
 * any order of summing (the index sums in its own order) gives the same
 * total, and the total rounds to the same tenths. */
long long score_micro(double points);
int score_tenths(long long micro);
/* Millionths requirement i earns from a source at level and years with
 * factor; *level_micro (may be NULL) gets the skill part alone. */
long long scorer_req_micro(const Scorer *sc, int i, int level, int years, double factor, long long *level_micro);
/* Millionths the person-side factors earn (availability, location, rate). */
long long scorer_terms_micro(const Scorer *sc, const PersonTerms *t);
/* Fills out from the evidence of each requirement (ev[sc->nreqs]) and the
 * person's terms; out->skills must hold sc->nreqs entries. */
void scorer_finish(const Scorer *sc, const Evidence *ev, const PersonTerms *t, MatchScore *out);
/* The best evidence p has for requirement i. */
Evidence score_evidence(const Scorer *sc, int i, const Person *p);
/* Scores p (evidence from its skills list); out->skills holds sc->nreqs entries. */
void score_person(const Scorer *sc, const Person *p, MatchScore *out);
/* qsort comparator: best first. */
int score_compare(const void *a, const void *b);

#endif
