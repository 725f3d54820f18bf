/* secret: passwords and tokens, all through libsodium.
 * Passwords: argon2id at the "interactive" cost (about 60 ms and 64 MiB per
 * hash here); at most SECRET_MAX_HASHES run at once so a burst of sign-ins
 * cannot exhaust memory. Tokens: 256 random bits, shown once, stored as a
 * BLAKE2b hash so a leaked database does not leak usable tokens. */
#ifndef ALLIANCE_SECRET_H
#define ALLIANCE_SECRET_H
#include <stdbool.h>

enum { SECRET_TOKEN_LEN = 44, SECRET_HASH_LEN = 65, SECRET_MAX_HASHES = 2 };

int secret_init(void);  /* sodium_init; 0 on success */
/* out receives an argon2id string (crypto_pwhash_STRBYTES); 0 on success. */
int secret_password_hash(const char *password, char out[128]);
bool secret_password_verify(const char *hash, const char *password);
/* A fresh random token, URL-safe base64 without padding. */
void secret_token(char out[SECRET_TOKEN_LEN]);
/* Hex BLAKE2b-256 of a token, for storage and look-up. */
void secret_token_hash(const char *token, char out[SECRET_HASH_LEN]);
/* HMAC-SHA-256 of message under key (a secret text such as a
 * secret_token), URL-safe base64 without padding: 43 characters. The same
 * key and message give the same answer on every server. */
void secret_mac(const char *key, const char *message, char out[SECRET_TOKEN_LEN]);

#endif
