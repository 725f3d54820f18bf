/* store/merge: the rows that move when one person is merged into another
 * (the rules that decide what moves are in api/merge.c). */
#ifndef ALLIANCE_STORE_MERGE_H
#define ALLIANCE_STORE_MERGE_H
#include "store.h"

/* Gives candidacy_id to person into_id (version + 1). */
StoreResult store_candidacy_reassign(Db *db, long long candidacy_id, long long into_id);
/* Deletes a candidacy whose twin is kept; its status links move to kept_id
 * first, so the candidate's link keeps working. */
StoreResult store_candidacy_fold(Db *db, long long candidacy_id, long long kept_id);
/* Copies the tags of from_id to into_id (twins once). */
StoreResult store_person_tags_merge(Db *db, long long into_id, long long from_id);
/* The documents of from_id join into_id. */
StoreResult store_person_documents_merge(Db *db, long long into_id, long long from_id);
/* Keeps what the merged person was (JSON text) for the history. */
StoreResult store_person_merge_record(Db *db, long long into_id, long long from_id, const char *merged_json,
                                      long long user_id, long long *id);

#endif
