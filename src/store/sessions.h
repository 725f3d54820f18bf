/* store/sessions: browser sessions, API tokens and sign-in failures.
 * Only hashes of session and API tokens are stored. */
#ifndef ALLIANCE_STORE_SESSIONS_H
#define ALLIANCE_STORE_SESSIONS_H
#include "store.h"

typedef struct {
    long long id;
    const char *label, *created_at, *revoked_at;
} ApiToken;

/* A session created (and last used) at now, ending at expires_at. */
StoreResult store_session_create(Db *db, const char *token_hash, long long user_id, const char *csrf, const char *now,
                                 const char *expires_at, long long *id);
/* The active session for a token hash: before its absolute expiry (now <
 * expires_at), used since idle_since, its user enabled. *last_seen is when
 * it was last marked used (store_session_touch). */
StoreResult store_session_lookup(Db *db, Arena *a, const char *token_hash, const char *now, const char *idle_since,
                                 User *u, const char **csrf, long long *session_id, const char **last_seen);
/* Marks a session used at now (its idle expiry starts again). */
StoreResult store_session_touch(Db *db, long long session_id, const char *now);
StoreResult store_session_delete(Db *db, long long session_id);
/* Ends a session by its token hash (sign-in rotates the caller's old one);
 * NOT_FOUND is not an error here. */
StoreResult store_session_delete_by_hash(Db *db, const char *token_hash);
/* Ends every session of a user ("sign out everywhere"); *n how many. */
StoreResult store_sessions_delete_user(Db *db, long long user_id, int *n);
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
/* Password reset requests (api/password_reset.c), counted the same way;
 * those before a time are forgotten. */
StoreResult store_reset_requests(Db *db, const char *email, const char *address, const char *since, int *by_email,
                                 int *by_address);
StoreResult store_reset_request_add(Db *db, const char *email, const char *address, const char *now);
StoreResult store_reset_requests_purge(Db *db, const char *before);

#endif
