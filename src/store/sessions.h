/* store/sessions: browser sessions, API tokens and sign-in failures.
 * Only hashes of session and API tokens are stored. */
#ifndef ALLIANCE_STORE_SESSIONS_H
#define ALLIANCE_STORE_SESSIONS_H
#include "store.h"

typedef struct {
    long long id;
    const char *label, *created_at, *revoked_at;
} ApiToken;

StoreResult store_session_create(Db *db, const char *token_hash, long long user_id, const char *csrf,
                                 const char *expires_at, long long *id);
/* The active (unexpired, user enabled) session for a token hash. */
StoreResult store_session_lookup(Db *db, Arena *a, const char *token_hash, const char *now, User *u,
                                 const char **csrf, long long *session_id);
StoreResult store_session_delete(Db *db, long long session_id);
/* Forgets sessions past their expiry and sign-in failures older than
 * failures_before (they no longer count towards a limit). */
StoreResult store_sessions_purge_expired(Db *db, const char *now, const char *failures_before);

StoreResult store_token_create(Db *db, const char *token_hash, long long user_id, const char *label, long long *id);
StoreResult store_token_lookup(Db *db, Arena *a, const char *token_hash, User *u);
StoreResult store_token_revoke(Db *db, long long id, const char *now);
StoreResult store_tokens_list(Db *db, Arena *a, long long user_id, ApiToken **out, int *n);

/* Failed sign-ins since a time, by e-mail and by address. */
StoreResult store_signin_failures(Db *db, const char *email, const char *address, const char *since,
                                  int *by_email, int *by_address);
StoreResult store_signin_failure_add(Db *db, const char *email, const char *address, const char *now);

#endif
