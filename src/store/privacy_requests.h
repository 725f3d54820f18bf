/* store/privacy_requests: people's requests about their data, tracked
 * until answered (domain/model.h PrivacyRequest). */
#ifndef ALLIANCE_STORE_PRIVACY_REQUESTS_H
#define ALLIANCE_STORE_PRIVACY_REQUESTS_H
#include "store.h"

StoreResult store_privacy_request_insert(Db *db, Arena *a, PrivacyRequest *r, long long created_by);
StoreResult store_privacy_request_get(Db *db, Arena *a, long long id, PrivacyRequest *r);
/* Newest first; open_only: not answered yet (then oldest due first). */
StoreResult store_privacy_requests_list(Db *db, Arena *a, bool open_only, long long before_id, int limit,
                                        PrivacyRequest **out, int *n);
StoreResult store_privacy_request_update(Db *db, Arena *a, PrivacyRequest *r, long long expected_version);
/* Marks the person's open requests of that kind answered on today with
 * answer (an erasure answers an erasure request); *n how many. */
StoreResult store_privacy_requests_answer(Db *db, long long person_id, const char *kind, const char *today,
                                          const char *answer, int *n);

#endif
