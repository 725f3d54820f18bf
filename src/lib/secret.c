/* secret: password hashing and tokens (see secret.h). */
#include "secret.h"
#include <pthread.h>
#include <semaphore.h>
#include <string.h>
#include <sodium.h>

static sem_t g_hash_slots;

int secret_init(void) {
    if (sodium_init() < 0) return -1;
    static bool done;
    if (!done) {
        sem_init(&g_hash_slots, 0, SECRET_MAX_HASHES);
        done = true;
    }
    return 0;
}

int secret_password_hash(const char *password, char out[128]) {
    _Static_assert(crypto_pwhash_STRBYTES <= 128, "hash buffer");
    /* OWASP Password Storage Cheat Sheet's minimum for argon2id: 19 MiB,
     * 2 passes, 1 lane. libsodium's "interactive" cost is 64 MiB, 2 passes,
     * 1 lane: above it on memory, equal on passes. */
    _Static_assert(crypto_pwhash_MEMLIMIT_INTERACTIVE >= 19u * 1024 * 1024, "argon2id memory below OWASP's minimum");
    _Static_assert(crypto_pwhash_OPSLIMIT_INTERACTIVE >= 2, "argon2id passes below OWASP's minimum");
    sem_wait(&g_hash_slots);
    int rc = crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                               crypto_pwhash_MEMLIMIT_INTERACTIVE);
    sem_post(&g_hash_slots);
    return rc;
}

bool secret_password_verify(const char *hash, const char *password) {
    sem_wait(&g_hash_slots);
    bool ok = crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
    sem_post(&g_hash_slots);
    return ok;
}

void secret_token(char out[SECRET_TOKEN_LEN]) {
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(out, SECRET_TOKEN_LEN, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void secret_token_hash(const char *token, char out[SECRET_HASH_LEN]) {
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(out, SECRET_HASH_LEN, h, sizeof h);
}

void secret_mac(const char *key, const char *message, char out[SECRET_TOKEN_LEN]) {
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, (const unsigned char *)key, strlen(key));
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)message, strlen(message));
    crypto_auth_hmacsha256_final(&st, mac);
    sodium_bin2base64(out, SECRET_TOKEN_LEN, mac, sizeof mac, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}
