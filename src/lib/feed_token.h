/* feed_token: the secret part of a personal feed's address (the calendar
 * feed, GET /calendar/{token}.ics), derived instead of stored:
 *     "<user id>-<HMAC-SHA-256(key, "calendar:<user id>:<generation>")>"
 * Every server holding the key computes the same address, so several
 * servers behind a load balancer agree, and GET /api/v1/me can show it at
 * any time. Raising the generation gives a new address; the old one no
 * longer matches. Pure functions, no I/O. */
#ifndef ALLIANCE_FEED_TOKEN_H
#define ALLIANCE_FEED_TOKEN_H
#include <stdbool.h>

/* 18 digits, '-', 43 characters of MAC: fits a path token (http.h MAX_PATH_TOKEN). */
enum { FEED_TOKEN_MAX = 62 };

/* The token of user_id's generation under key (any secret text). */
void feed_token_make(const char *key, long long user_id, long long generation, char out[FEED_TOKEN_MAX + 1]);
/* The user id a token names; false when the token does not have the form above. */
bool feed_token_user(const char *token, long long *user_id);
/* True when token is exactly the token of user_id's generation under key
 * (compared in constant time). */
bool feed_token_valid(const char *key, const char *token, long long user_id, long long generation);

#endif
