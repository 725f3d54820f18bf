/* store/audit: the audit log, one row per write (who, what, when, from where). */
#ifndef ALLIANCE_STORE_AUDIT_H
#define ALLIANCE_STORE_AUDIT_H
#include "store.h"

typedef struct {
    long long id, user_id, object_id;
    const char *at, *action, *object_type, *address;
} AuditEntry;

/* user_id and object_id may be -1 (none). */
StoreResult store_audit_add(Db *db, long long user_id, const char *action, const char *object_type,
                            long long object_id, const char *address);
/* Newest first; before_id 0 means from the newest. */
StoreResult store_audit_list(Db *db, Arena *a, long long before_id, int limit, AuditEntry **out, int *n);

#endif
