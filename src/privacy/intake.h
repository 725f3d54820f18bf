/* intake: the legal basis recorded where a person's data comes in — the
 * careers form (with the talent-pool box), an import, the API, a recruiter,
 * the demo — so that every person has one from their first day
 * (domain/retention.h legal_intake decides purpose and basis). */
#ifndef ALLIANCE_INTAKE_H
#define ALLIANCE_INTAKE_H
#include "../store/legal_bases.h"

/* source: "careers_form", "import", "api" or "recruiter"; candidacy_id the
 * application (-1: none); recorded_by the user (-1: the person themself or
 * the system); talent_pool: they also consented to the talent pool. */
StoreResult privacy_intake(Db *db, Arena *a, const Person *p, const char *source, long long candidacy_id,
                           long long recorded_by, bool talent_pool);

/* The person says again they want to stay in the talent pool: their
 * consent is renewed, or given when they had none (source e.g.
 * "renewal_page"); out receives the record, *given whether it is new. */
StoreResult privacy_pool_renew(Db *db, Arena *a, long long person_id, const char *source, LegalBasis *out,
                               bool *given);

#endif
