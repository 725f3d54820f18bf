/* store/application_links: the private links a candidate follows to see
 * the state of their application (/applications/{token}). A candidacy may
 * have several live links (one is minted for each message sent, because a
 * link cannot be rebuilt from its stored hash); only hashes are stored. */
#ifndef ALLIANCE_STORE_APPLICATION_LINKS_H
#define ALLIANCE_STORE_APPLICATION_LINKS_H
#include "../lib/secret.h"
#include "store.h"

/* Mints a link for the candidacy: token receives the token to put in the
 * address (shown once, never stored). */
StoreResult store_application_link_create(Db *db, long long candidacy_id, char token[SECRET_TOKEN_LEN]);
/* The candidacy a token opens; NOT_FOUND for an unknown or revoked token. */
StoreResult store_application_link_find(Db *db, const char *token, long long *candidacy_id);
/* Forgets every link of a candidacy (e.g. the person is erased). */
StoreResult store_application_links_revoke(Db *db, long long candidacy_id);

#endif
