/* erase: the one path of the right to erasure (GDPR art. 17), taken by
 * POST /api/v1/people/{id}/erase and by the retention purge (`alliance
 * purge`, the daily run of `serve`). In the caller's write transaction:
 *   - the person's personal data goes from every table (store/privacy.c),
 *     the facts stay (the row as a placeholder, candidacies and stages), so
 *     counts and KPIs stay true;
 *   - the full-text index is rebuilt for them at once;
 *   - events that mention them keep only their facts (stages, statuses);
 *   - posts, earlier versions of posts, notifications and privacy requests
 *     that named them keep "[personne effacée]" instead;
 *   - their open erasure requests are answered.
 * The caller records the "person.erased" event (so the matching index
 * forgets them) and, once committed, calls erase_after_commit: the files
 * no one else names leave the disk and the search indexes and the SQLite
 * file keep no trace (store/scrub.h: FTS compaction, WAL checkpoint, with
 * secure_delete on). */
#ifndef ALLIANCE_PRIVACY_ERASE_H
#define ALLIANCE_PRIVACY_ERASE_H
#include "../store/store.h"

#define ERASED_PLACEHOLDER "[personne effacée]"

typedef struct {
    int events_redacted, requests_answered, texts_redacted;
    const char **orphan_files; /* content hashes to delete after the commit (arena) */
    int norphans;
} ErasureReport;

/* NOT_FOUND, CONFLICT (already erased), ERROR or OK with out filled.
 * actor_id -1 for the purge; reason is kept with the erasure. */
StoreResult erase_person(Db *db, Arena *a, long long id, long long actor_id, const char *reason, ErasureReport *out);
/* The files among hashes that no row names any more (the rows of their
 * person just went: an erasure, a deletion, a merge), into out. */
StoreResult erase_orphans(Db *db, Arena *a, const char *const *hashes, int n, ErasureReport *out);
/* After the commit: deletes the orphan files, then compacts the search
 * indexes and checkpoints the SQLite file (skipped when compact is false:
 * a purge compacts once at the end). Returns the number of files deleted. */
int erase_after_commit(Db *db, const ErasureReport *r, bool compact);
/* The compaction alone (the end of a purge). */
void erase_compact(Db *db);

#endif
