/* scoring: the score as a sum of explained parts (see scoring.h). */
#include "scoring.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "../lib/text.h"
#include "../lib/timeutil.h"
#include "implied.h"
#include "skills.h"

const char *const FACTOR_NAMES[NFACTORS] = {"skills", "experience", "availability", "location", "rate"};
static const double BASE_WEIGHT[NFACTORS] = {70, 10, 10, 5, 5};

void scorer_init(Scorer *sc, const Need *need) {
    memset(sc, 0, sizeof *sc);
    sc->need = need;
    sc->nreqs = need->nskills < SCORE_MAX_REQS ? need->nskills : SCORE_MAX_REQS;
    sc->start_day = need->start_date ? time_date_days(need->start_date) : -1;
    sc->location = score_location_key(need->location);
    sc->remote = need->remote && strcmp(need->remote, "full") == 0      ? 2
                 : need->remote && strcmp(need->remote, "partial") == 0 ? 1
                                                                         : 0;
    sc->rate_max = need->daily_rate_max;
    bool applies[NFACTORS] = {sc->nreqs > 0, sc->nreqs > 0, sc->start_day >= 0, sc->location && sc->remote != 2,
                              sc->rate_max >= 0};
    double total = 0;
    for (int f = 0; f < NFACTORS; f++) total += applies[f] ? BASE_WEIGHT[f] : 0;
    for (int f = 0; f < NFACTORS; f++) sc->weight[f] = applies[f] ? 100.0 * BASE_WEIGHT[f] / total : 0;
    int wsum = 0;
    for (int i = 0; i < sc->nreqs; i++) wsum += need->skills[i].weight > 0 ? need->skills[i].weight : 1;
    for (int i = 0; i < sc->nreqs; i++) {
        double share = (double)(need->skills[i].weight > 0 ? need->skills[i].weight : 1) / wsum;
        sc->req_skill[i] = sc->weight[FACTOR_SKILLS] * share;
        sc->req_exp[i] = sc->weight[FACTOR_EXPERIENCE] * share;
    }
}

double score_level_credit(int level, int required) {
    if (level <= 0) return 0;
    if (required <= 0 || level >= required) return 1;
    return (double)level / required;
}

double score_years_credit(int years) {
    if (years < 0) return 0.5;
    return years >= YEARS_FOR_FULL_CREDIT ? 1 : (double)years / YEARS_FOR_FULL_CREDIT;
}

double score_availability_credit(long available_day, long start_day) {
    if (start_day < 0 || available_day < 0 || available_day <= start_day) return 1;
    double late = (double)(available_day - start_day) / AVAILABILITY_GRACE_DAYS;
    return late >= 1 ? 0 : 1 - late;
}

double score_location_credit(uint64_t person, uint64_t need, int remote) {
    if (!need || remote == 2) return 1;
    if (!person) return 0.5;
    if (person == need) return 1;
    return remote == 1 ? 0.5 : 0;
}

double score_rate_credit(long long rate, long long rate_max) {
    if (rate_max < 0) return 1;
    if (rate < 0) return 0.5;
    if (rate <= rate_max) return 1;
    if (rate_max == 0) return 0;
    double over = (double)(rate - rate_max) / (RATE_TOLERANCE * (double)rate_max);
    return over >= 1 ? 0 : 1 - over;
}

uint64_t score_location_key(const char *location) {
    if (!location) return 0;
    char *t = text_trim(location), *f = t ? text_fold(t) : NULL;
    free(t);
    if (!f || !*f) {
        free(f);
        return 0;
    }
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)f; *p; p++) h = (h ^ *p) * 1099511628211ULL;
    free(f);
    return h ? h : 1;
}

PersonTerms score_person_terms(const Person *p) {
    return (PersonTerms){p->available_from ? time_date_days(p->available_from) : -1, score_location_key(p->location),
                         p->daily_rate};
}

long long score_micro(double points) { return llround(points * 1e6); }

int score_tenths(long long micro) { return (int)((micro + 50000) / 100000); }

long long scorer_req_micro(const Scorer *sc, int i, int level, int years, double factor, long long *level_micro) {
    long long lm = 0, em = 0;
    if (level > 0) {
        lm = score_micro(factor * sc->req_skill[i] * score_level_credit(level, sc->need->skills[i].min_level));
        em = score_micro(factor * sc->req_exp[i] * score_years_credit(years));
    }
    if (level_micro) *level_micro = lm;
    return lm + em;
}

long long scorer_terms_micro(const Scorer *sc, const PersonTerms *t) {
    return score_micro(sc->weight[FACTOR_AVAILABILITY] * score_availability_credit(t->available_day, sc->start_day)) +
           score_micro(sc->weight[FACTOR_LOCATION] * score_location_credit(t->location, sc->location, sc->remote)) +
           score_micro(sc->weight[FACTOR_RATE] * score_rate_credit(t->rate, sc->rate_max));
}

void scorer_finish(const Scorer *sc, const Evidence *ev, const PersonTerms *t, MatchScore *out) {
    long long skills = 0, total = 0;
    out->mandatory_met = true;
    out->nmissing = 0;
    for (int i = 0; i < sc->nreqs; i++) {
        const Requirement *r = &sc->need->skills[i];
        const Evidence *e = &ev[i];
        long long lm;
        total += scorer_req_micro(sc, i, e->level, e->years, e->factor, &lm);
        skills += lm;
        out->skills[i] = (SkillScore){r->skill, r->min_level, e->via ? 0 : e->level, e->via, e->via ? e->level : 0,
                                      e->level > 0 ? e->years : -1, score_tenths(lm) / 10.0};
        if (e->level <= 0) out->nmissing++;
        if (r->mandatory && !e->meets) out->mandatory_met = false;
    }
    long long exp = total - skills;
    total += scorer_terms_micro(sc, t);
    double w;
    out->factors[FACTOR_SKILLS] = (FactorScore){(w = sc->weight[FACTOR_SKILLS]) ? skills / 1e6 / w : 0, w};
    out->factors[FACTOR_EXPERIENCE] = (FactorScore){(w = sc->weight[FACTOR_EXPERIENCE]) ? exp / 1e6 / w : 0, w};
    out->factors[FACTOR_AVAILABILITY] =
        (FactorScore){score_availability_credit(t->available_day, sc->start_day), sc->weight[FACTOR_AVAILABILITY]};
    out->factors[FACTOR_LOCATION] =
        (FactorScore){score_location_credit(t->location, sc->location, sc->remote), sc->weight[FACTOR_LOCATION]};
    out->factors[FACTOR_RATE] = (FactorScore){score_rate_credit(t->rate, sc->rate_max), sc->weight[FACTOR_RATE]};
    out->tenths = score_tenths(total);
    out->score = out->tenths / 10.0;
}

/* The reference index of each of p's skills (-1 outside it), into idx. */
static void skill_indexes(const Person *p, int *idx) {
    for (int k = 0; k < p->nskills; k++) idx[k] = skills_index(skills_get(p->skills[k].skill));
}

/* The best evidence for requirement i; idx holds p's skill indexes. */
static Evidence evidence(const Scorer *sc, int i, const Person *p, const int *idx) {
    const Requirement *r = &sc->need->skills[i];
    Evidence best = {0, -1, 0, NULL, false};
    long long best_pts = 0;
    bool meets = false;
    const SkillSource *src;
    int ri = skills_index(skills_get(r->skill)), n = implied_sources(ri, &src);
    if (!n) { /* a skill outside the reference: only itself */
        for (int k = 0; k < p->nskills; k++)
            if (strcmp(p->skills[k].skill, r->skill) == 0 && p->skills[k].level > 0)
                return (Evidence){p->skills[k].level, p->skills[k].years, 1, NULL, p->skills[k].level >= r->min_level};
        return best;
    }
    for (int j = 0; j < n; j++) {
        const PersonSkill *h = NULL;
        for (int k = 0; k < p->nskills && !h; k++)
            if (idx[k] == src[j].skill) h = &p->skills[k];
        if (!h || h->level <= 0) continue;
        Evidence e = {h->level, h->years, src[j].factor, j ? skills_at((size_t)src[j].skill)->id : NULL, false};
        long long pts = scorer_req_micro(sc, i, e.level, e.years, e.factor, NULL);
        if (src[j].implies && h->level >= r->min_level) meets = true;
        if (!best.level || pts > best_pts) { /* sources come best factor first: ties keep the closer skill */
            best = e;
            best_pts = pts;
        }
    }
    best.meets = meets;
    return best;
}

Evidence score_evidence(const Scorer *sc, int i, const Person *p) {
    int idx[256];
    Person q = *p;
    if (q.nskills > 256) q.nskills = 256;
    skill_indexes(&q, idx);
    return evidence(sc, i, &q, idx);
}

void score_person(const Scorer *sc, const Person *p, MatchScore *out) {
    Evidence ev[SCORE_MAX_REQS];
    int idx[256];
    Person q = *p;
    if (q.nskills > 256) q.nskills = 256;
    skill_indexes(&q, idx);
    for (int i = 0; i < sc->nreqs; i++) ev[i] = evidence(sc, i, &q, idx);
    PersonTerms t = score_person_terms(p);
    out->person_id = p->id;
    scorer_finish(sc, ev, &t, out);
}

int score_compare(const void *a, const void *b) {
    const MatchScore *x = a, *y = b;
    if (x->mandatory_met != y->mandatory_met) return x->mandatory_met ? -1 : 1;
    if (x->tenths != y->tenths) return x->tenths > y->tenths ? -1 : 1;
    return (x->person_id > y->person_id) - (x->person_id < y->person_id);
}
