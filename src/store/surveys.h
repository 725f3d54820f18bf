/* store/surveys: satisfaction surveys sent to client contacts. Only the
 * hash of a survey's link token is stored. */
#ifndef ALLIANCE_STORE_SURVEYS_H
#define ALLIANCE_STORE_SURVEYS_H
#include "store.h"

/* s: client, contact, need, created_at and expires_at set; id and version are filled. */
StoreResult store_survey_insert(Db *db, Survey *s, const char *token_hash, long long created_by);
StoreResult store_survey_by_token(Db *db, Arena *a, const char *token_hash, Survey *s);
/* Records the answer unless one is already there (CONFLICT then). */
StoreResult store_survey_answer(Db *db, long long id, int score, const char *comment, const char *now);
/* Newest first; client_id -1 for all. */
StoreResult store_surveys_list(Db *db, Arena *a, long long client_id, long long before_id, int limit, Survey **out,
                               int *n);

#endif
