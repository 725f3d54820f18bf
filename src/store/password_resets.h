/* store/password_resets: single-use, expiring tokens that let a user set a
 * new password (the link of a reset e-mail, or one an admin hands over with
 * `alliance user reset-link`). Only the hash of a token is stored. */
#ifndef ALLIANCE_STORE_PASSWORD_RESETS_H
#define ALLIANCE_STORE_PASSWORD_RESETS_H
#include "../lib/secret.h"
#include "store.h"

enum { RESET_MINUTES = 60 };  /* how long a link works */

/* Records a new token for user_id valid until expires_at; the user's
 * earlier unused tokens stop working (only the latest link counts). */
StoreResult store_reset_create(Db *db, long long user_id, const char *token_hash, const char *now,
                               const char *expires_at);
/* Makes a new token for user_id (valid RESET_MINUTES, replacing earlier
 * ones) and records it: the one door for the reset e-mail and the CLI.
 * token receives the text to put in the link. */
StoreResult store_reset_issue(Db *db, long long user_id, char token[SECRET_TOKEN_LEN]);
/* Uses a token: marks it used at now and gives its user, if it exists, is
 * unused, unexpired and its user enabled; NOT_FOUND otherwise (all alike).
 * Atomic: of two requests with one token, one wins. */
StoreResult store_reset_take(Db *db, const char *token_hash, const char *now, long long *user_id);

/* Whether store_reset_take would succeed now (checked before the slow
 * password hash, so that a wrong token costs nothing). */
StoreResult store_reset_valid(Db *db, const char *token_hash, const char *now);

#endif
