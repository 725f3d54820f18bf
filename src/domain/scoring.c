/* scoring: level-aware score of a person for a need (see scoring.h). */
#include "scoring.h"
#include <math.h>
#include <string.h>

static int person_level(const Person *p, const char *skill) {
    for (int i = 0; i < p->nskills; i++)
        if (strcmp(p->skills[i].skill, skill) == 0) return p->skills[i].level;
    return 0;
}

void score_person(const Requirement *reqs, int nreqs, const Person *p, MatchScore *out) {
    int total_weight = 0;
    for (int i = 0; i < nreqs; i++) total_weight += reqs[i].weight;
    out->person_id = p->id;
    out->score = 0;
    out->mandatory_met = true;
    out->nmissing = 0;
    for (int i = 0; i < nreqs; i++) {
        const Requirement *r = &reqs[i];
        int level = person_level(p, r->skill);
        double credit = level >= r->min_level ? 1.0 : (double)level / r->min_level;
        double share = total_weight ? 100.0 * r->weight / total_weight : 0;
        SkillScore *s = &out->skills[i];
        s->skill = r->skill;
        s->required_level = r->min_level;
        s->level = level;
        s->contribution = round(share * credit * 10) / 10;
        out->score += share * credit;
        if (level == 0) out->nmissing++;
        if (r->mandatory && level < r->min_level) out->mandatory_met = false;
    }
    out->score = round(out->score * 10) / 10;
}

int score_compare(const void *a, const void *b) {
    const MatchScore *x = a, *y = b;
    if (x->mandatory_met != y->mandatory_met) return x->mandatory_met ? -1 : 1;
    if (x->score != y->score) return x->score > y->score ? -1 : 1;
    return (x->person_id > y->person_id) - (x->person_id < y->person_id);
}
