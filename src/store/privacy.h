/* store/privacy: the right to erasure (GDPR art. 17) and what the right of
 * access (art. 15) reads besides the person itself. */
#ifndef ALLIANCE_STORE_PRIVACY_H
#define ALLIANCE_STORE_PRIVACY_H
#include "audit.h"
#include "store.h"

typedef struct {
    long long id, person_id, actor_id;
    const char *at, *reason;
} Erasure;

/* Erases a person's personal data everywhere in one go, keeping the facts
 * (the row with its id and kind, candidacies with their stages and dates)
 * so that counts stay true: the name becomes a placeholder, contact
 * details, skills, rates and reasons go, status links are deleted; an
 * erasure row records who, when and why. NOT_FOUND for no such person,
 * CONFLICT when already erased. Events are redacted by the caller. */
StoreResult store_person_erase(Db *db, long long id, long long actor_id, const char *reason, const char *now);
/* When the person was erased (NULL if not). */
StoreResult store_person_erased_at(Db *db, Arena *a, long long id, const char **at);
/* Audit rows about the person (object_type "person"), oldest first. */
StoreResult store_audit_of_person(Db *db, Arena *a, long long id, AuditEntry **out, int *n);
StoreResult store_erasures_of_person(Db *db, Arena *a, long long id, Erasure **out, int *n);

#endif
