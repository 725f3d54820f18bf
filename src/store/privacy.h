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
 * CONFLICT when already erased. Events are redacted by the caller. An
 * account that stands for the person (a consultant's) goes too: disabled,
 * its name a placeholder, its e-mail and handle made up from its id, its
 * sessions and API tokens ended. */
StoreResult store_person_erase(Db *db, long long id, long long actor_id, const char *reason, const char *now);
/* When the person was erased (NULL if not). */
StoreResult store_person_erased_at(Db *db, Arena *a, long long id, const char **at);
/* Audit rows about the person (object_type "person"), oldest first. */
StoreResult store_audit_of_person(Db *db, Arena *a, long long id, AuditEntry **out, int *n);
StoreResult store_erasures_of_person(Db *db, Arena *a, long long id, Erasure **out, int *n);

/* Free text that may name an erased person, to be redacted by the caller
 * (lib/redact.h): posts, their earlier versions, notifications, and the
 * requester of privacy requests. */
typedef enum { REDACT_POSTS, REDACT_REVISIONS, REDACT_NOTIFICATIONS, REDACT_REQUESTS, REDACT_TARGETS } RedactTarget;
enum { REDACT_KEYS = 5 };
typedef struct {
    long long id;
    const char *text;
} TextRow;
/* Rows of target whose text holds one of the patterns (LIKE patterns,
 * store.h; NULL: none), in one scan: posts by their folded text (patterns
 * from store_search_pattern), the others by their lower-cased text. */
StoreResult store_redact_candidates(Db *db, Arena *a, RedactTarget t, const char *const patterns[REDACT_KEYS],
                                    TextRow **out, int *n);
/* Writes the redacted text (for posts also its html and folded search). */
StoreResult store_redact_write(Db *db, RedactTarget t, long long id, const char *text, const char *html,
                               const char *search);
/* The handle of the account that stands for the person (a consultant's),
 * NULL when none. */
StoreResult store_person_account_handle(Db *db, Arena *a, long long person_id, const char **handle);
/* How many other people not erased bear this last name (any case). */
StoreResult store_people_named(Db *db, const char *last_name, long long except_id, long long *n);
/* The content hashes of a person's documents (each once). */
StoreResult store_person_file_hashes(Db *db, Arena *a, long long person_id, const char ***hashes, int *n);
/* Whether a document or an attachment still names the file. */
StoreResult store_file_in_use(Db *db, const char *hash, bool *used);
/* How many people each processing of the register concerns. */
typedef struct {
    long long candidates, talent_pool, consultants, contacts, users, erased;
} RegisterCounts;
StoreResult store_register_counts(Db *db, RegisterCounts *c);

#endif
