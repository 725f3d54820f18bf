/* store/legal_bases: on which legal basis, for which purpose, since when
 * and how the firm holds a person's data (one row each time it is
 * obtained: an application, a consent to the talent pool, a contract),
 * the facts the retention rule reads (domain/retention.h), the links of the
 * warning mail that let a person renew their consent, and the warnings
 * sent. Rows are never deleted while the person exists: a renewal or a
 * withdrawal is a date on the row. */
#ifndef ALLIANCE_STORE_LEGAL_BASES_H
#define ALLIANCE_STORE_LEGAL_BASES_H
#include "../lib/secret.h"
#include "store.h"

typedef struct LegalBasis {
    long long id, version, person_id, candidacy_id, recorded_by; /* -1: none */
    const char *purpose, *basis, *source;
    const char *obtained_at, *renewed_at, *withdrawn_at; /* renewed, withdrawn: NULL when not */
    const char *note, *created_at, *updated_at;
} LegalBasis;

/* Inserts b (obtained_at defaults to now); sets id, version, timestamps. */
StoreResult store_legal_basis_insert(Db *db, Arena *a, LegalBasis *b);
StoreResult store_legal_basis_get(Db *db, Arena *a, long long id, LegalBasis *b);
/* A person's records, oldest first. */
StoreResult store_legal_bases_of(Db *db, Arena *a, long long person_id, LegalBasis **out, int *n);
/* The latest talent-pool consent of a person not withdrawn; NOT_FOUND when none. */
StoreResult store_pool_consent_of(Db *db, Arena *a, long long person_id, LegalBasis *b);
/* Sets renewed_at (withdrawn false) or withdrawn_at (true) to now on b when
 * its version is still b->version; STALE otherwise. b follows. */
StoreResult store_legal_basis_mark(Db *db, Arena *a, LegalBasis *b, bool withdrawn, const char *now);

/* What the retention rule needs of a person not erased (timestamps as
 * stored, NULL when none). */
typedef struct {
    long long person_id;
    const char *kind, *first_name, *last_name, *email, *language, *created_at;
    bool open;                    /* a candidacy neither rejected nor withdrawn */
    const char *closed_at;        /* the latest change of a closed candidacy */
    const char *recruitment_at;   /* the latest recruitment basis obtained */
    const char *last_contact;     /* the latest message to them */
    const char *pool_consent;     /* the latest talent-pool consent given or renewed */
} RetentionRow;

/* Rows of one person (person_id > 0) or of everyone, by id. */
StoreResult store_retention_rows(Db *db, Arena *a, long long person_id, RetentionRow **out, int *n);

/* Whether the warning of the end date until ("YYYY-MM-DD") went to the
 * person; recording it twice is refused (CONFLICT), so one is sent. */
StoreResult store_retention_notice_find(Db *db, long long person_id, const char *until, const char **sent_at, Arena *a);
StoreResult store_retention_notice_add(Db *db, long long person_id, const char *until, const char *now);

/* A link for the person's renewal page (/privacy/{token}) valid `days`;
 * token receives the text to put in the address. */
StoreResult store_privacy_link_create(Db *db, long long person_id, int days, char token[SECRET_TOKEN_LEN]);
/* The person a live link opens; NOT_FOUND when unknown or expired. */
StoreResult store_privacy_link_find(Db *db, const char *token, const char *now, long long *person_id);

#endif
