/* purge: erases the people whose retention ended (the CNIL's durations,
 * as the firm set them: store/settings.h), through the one erasure path
 * (erase.h), each in a transaction of its own with its event and a row of
 * the audit log ("purge", no user). `alliance purge` and the daily run of
 * `serve` (daily.h) use it; --dry-run only lists. */
#ifndef ALLIANCE_PURGE_H
#define ALLIANCE_PURGE_H
#include "../domain/retention.h"
#include "../store/store.h"

typedef struct {
    long long person_id;
    const char *kind, *first_name, *last_name;
    RetentionEnd end;
} Expired;

/* The people whose retention ended before day today (days since
 * 1970-01-01), by id. */
StoreResult purge_find(Db *db, Arena *a, long today, Expired **out, int *n);

typedef struct {
    int erased, skipped, files_deleted; /* skipped: no longer expired when their turn came */
    long long elapsed_us;
} PurgeResult;

/* Erases each of list that is still expired on day today. after_erase
 * (may be NULL) runs after each commit (serve: the follower catches up so
 * the matching index forgets them at once). Ends with one compaction of
 * the search indexes and a checkpoint. */
StoreResult purge_run(Db *db, long today, const Expired *list, int n, void (*after_erase)(Db *db),
                      PurgeResult *out);

/* One row of the audit log for a whole run (who: the system). */
StoreResult purge_audit(Db *db, const char *action);

#endif
