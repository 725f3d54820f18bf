/* feed_token: derived feed addresses (see feed_token.h). */
#include "feed_token.h"
#include <stdio.h>
#include <string.h>
#include "secret.h"
#include "text.h"

void feed_token_make(const char *key, long long user_id, long long generation, char out[FEED_TOKEN_MAX + 1]) {
    char message[64], mac[SECRET_TOKEN_LEN];
    snprintf(message, sizeof message, "calendar:%lld:%lld", user_id, generation);
    secret_mac(key, message, mac);
    snprintf(out, FEED_TOKEN_MAX + 1, "%lld-%s", user_id, mac);
}

bool feed_token_user(const char *token, long long *user_id) {
    long long id = 0;
    int digits = 0;
    const char *p = token;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (++digits > 18) return false;
        id = id * 10 + (*p - '0');
    }
    if (!digits || id < 1 || *token == '0' || *p != '-' || strlen(p + 1) != SECRET_TOKEN_LEN - 1) return false;
    *user_id = id;
    return true;
}

bool feed_token_valid(const char *key, const char *token, long long user_id, long long generation) {
    long long named;
    if (!feed_token_user(token, &named) || named != user_id) return false;
    char expected[FEED_TOKEN_MAX + 1];
    feed_token_make(key, user_id, generation, expected);
    return text_equal_ct(expected, token);
}
