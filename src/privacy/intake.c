/* intake: the first legal basis of a person (see intake.h). */
#include "intake.h"
#include "../domain/retention.h"
#include "../lib/timeutil.h"
#include "../store/legal_bases.h"

StoreResult privacy_intake(Db *db, Arena *a, const Person *p, const char *source, long long candidacy_id,
                           long long recorded_by, bool talent_pool) {
    LegalBasis b = {.person_id = p->id, .candidacy_id = candidacy_id, .source = source, .recorded_by = recorded_by};
    legal_intake(p->kind, source, &b.purpose, &b.basis);
    StoreResult r = store_legal_basis_insert(db, a, &b);
    if (r != STORE_OK || !talent_pool) return r;
    LegalBasis pool = {.person_id = p->id, .candidacy_id = candidacy_id, .purpose = "talent_pool", .basis = "consent",
                       .source = source, .recorded_by = recorded_by};
    return store_legal_basis_insert(db, a, &pool);
}

StoreResult privacy_pool_renew(Db *db, Arena *a, long long person_id, const char *source, LegalBasis *out,
                               bool *given) {
    StoreResult r = store_pool_consent_of(db, a, person_id, out);
    *given = r == STORE_NOT_FOUND;
    if (r == STORE_OK) {
        char now[21];
        time_now_iso(now);
        return store_legal_basis_mark(db, a, out, false, now);
    }
    if (r != STORE_NOT_FOUND) return r;
    *out = (LegalBasis){.person_id = person_id, .candidacy_id = -1, .purpose = "talent_pool", .basis = "consent",
                        .source = source, .recorded_by = -1};
    return store_legal_basis_insert(db, a, out);
}
