/* people_retention: stored facts to retention ends (see people_retention.h). */
#include "people_retention.h"
#include <string.h>
#include "../lib/timeutil.h"

static long later(long a, long b) { return a > b ? a : b; }

RetentionFacts person_retention_facts(const RetentionRow *r) {
    /* the process ended with the last change of a closed candidacy; someone
     * sourced without one was "in process" from the day they came in */
    long end = later(time_day_of(r->created_at), later(time_day_of(r->closed_at), time_day_of(r->recruitment_at)));
    return (RetentionFacts){
        .consultant = r->kind && strcmp(r->kind, "consultant") == 0,
        .process_open = r->open,
        .process_end = end,
        .last_contact = time_day_of(r->last_contact),
        .pool_consent = time_day_of(r->pool_consent),
    };
}

RetentionEnd person_retention(const RetentionPolicy *pol, const RetentionRow *r) {
    RetentionFacts f = person_retention_facts(r);
    return retention_end(pol, &f);
}

long legal_basis_end(const RetentionPolicy *pol, const RetentionRow *r, const LegalBasis *b) {
    RetentionFacts f = person_retention_facts(r);
    if (b->withdrawn_at) return -1;
    if (strcmp(b->purpose, "recruitment") == 0) return retention_recruitment_end(pol, &f);
    if (strcmp(b->purpose, "talent_pool") != 0) return -1;
    /* this consent's own date, not the latest of the person's consents */
    f.pool_consent = time_day_of(b->renewed_at ? b->renewed_at : b->obtained_at);
    return retention_pool_end(pol, &f);
}
