/* store/settings: the firm's settings, one versioned row. Until a manager
 * changes something the defaults apply, with version 1. */
#ifndef ALLIANCE_STORE_SETTINGS_H
#define ALLIANCE_STORE_SETTINGS_H
#include "../domain/retention.h"
#include "store.h"

enum { SETTINGS_DEFAULT_SLA_DAYS = 5 };

typedef struct {
    long long version;
    int response_sla_days;      /* working days a candidate may wait for an answer */
    RetentionPolicy retention;  /* privacy: how long people's data is kept */
    const char *updated_at;     /* NULL: defaults */
} Settings;

StoreResult store_settings_get(Db *db, Arena *a, Settings *s);
/* Writes s when the stored version is still expected; STALE otherwise. */
StoreResult store_settings_update(Db *db, Arena *a, Settings *s, long long expected);
/* True in *mine when this caller is the one to send today's digest
 * (date "YYYY-MM-DD"): a guarded update, so among several servers one
 * sends it. Run inside a write transaction. */
StoreResult store_settings_claim_digest(Db *db, const char *date, bool *mine);
/* The same for the day's privacy run (retention warnings, then the purge). */
StoreResult store_settings_claim_purge(Db *db, const char *date, bool *mine);
/* The last day the privacy run was claimed (NULL: never), read without a lock. */
StoreResult store_settings_purge_date(Db *db, Arena *a, const char **date);

#endif
