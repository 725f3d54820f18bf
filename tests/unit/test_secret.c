/* Passwords and tokens (lib/secret.c, libsodium). argon2id is slow on
 * purpose (~60 ms, more under ASan): this file runs it four times. */
#include <ctype.h>
#include <string.h>
#include "unit.h"
#include "lib/secret.h"

static char g_hash[128];

static int setup(void **state) {
    (void)state;
    if (secret_init()) return -1;
    return secret_password_hash("correct horse battery staple", g_hash);
}

static void test_init_can_be_called_again(void **state) {
    (void)state;
    assert_int_equal(secret_init(), 0);
}

static void test_password_hash_is_an_argon2id_string(void **state) {
    (void)state;
    assert_true(strncmp(g_hash, "$argon2id$", 10) == 0);
    assert_null(strstr(g_hash, "correct horse"));
}

static void test_right_password_verifies(void **state) {
    (void)state;
    assert_true(secret_password_verify(g_hash, "correct horse battery staple"));
}

static void test_wrong_password_is_refused(void **state) {
    (void)state;
    assert_false(secret_password_verify(g_hash, "Correct horse battery staple"));
}

static void test_same_password_hashes_differently_each_time(void **state) {
    (void)state;
    char again[128];
    assert_int_equal(secret_password_hash("correct horse battery staple", again), 0);
    assert_string_not_equal(again, g_hash); /* a fresh salt every time */
}

static void test_garbage_hash_never_verifies(void **state) {
    (void)state;
    assert_false(secret_password_verify("", "x"));
    assert_false(secret_password_verify("not a hash", "not a hash"));
    assert_false(secret_password_verify("$argon2id$v=19$m=1,t=1,p=1$AAAA$AAAA", "x"));
}

static void test_token_is_43_url_safe_characters(void **state) {
    (void)state;
    char t[SECRET_TOKEN_LEN];
    secret_token(t);
    assert_int_equal(strlen(t), 43); /* 32 random bytes in base64 without padding */
    for (const char *p = t; *p; p++) assert_true(isalnum((unsigned char)*p) || *p == '-' || *p == '_');
}

static void test_tokens_do_not_repeat(void **state) {
    (void)state;
    enum { N = 200 };
    static char t[N][SECRET_TOKEN_LEN];
    for (int i = 0; i < N; i++) secret_token(t[i]);
    for (int i = 0; i < N; i++)
        for (int k = i + 1; k < N; k++) assert_string_not_equal(t[i], t[k]);
}

static void test_token_hash_is_64_lowercase_hex(void **state) {
    (void)state;
    char t[SECRET_TOKEN_LEN], h[SECRET_HASH_LEN];
    secret_token(t);
    secret_token_hash(t, h);
    assert_int_equal(strlen(h), 64);
    for (const char *p = h; *p; p++) assert_true(isdigit((unsigned char)*p) || (*p >= 'a' && *p <= 'f'));
}

static void test_token_hash_is_blake2b_256(void **state) {
    (void)state;
    char h[SECRET_HASH_LEN];
    secret_token_hash("abc", h);
    assert_string_equal(h, "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
    secret_token_hash("", h);
    assert_string_equal(h, "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
}

static void test_token_hash_is_stable_and_tells_tokens_apart(void **state) {
    (void)state;
    char a[SECRET_TOKEN_LEN], b[SECRET_TOKEN_LEN], ha[SECRET_HASH_LEN], ha2[SECRET_HASH_LEN], hb[SECRET_HASH_LEN];
    secret_token(a);
    secret_token(b);
    secret_token_hash(a, ha);
    secret_token_hash(a, ha2);
    secret_token_hash(b, hb);
    assert_string_equal(ha, ha2);
    assert_string_not_equal(ha, hb);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_can_be_called_again),
        cmocka_unit_test(test_password_hash_is_an_argon2id_string),
        cmocka_unit_test(test_right_password_verifies),
        cmocka_unit_test(test_wrong_password_is_refused),
        cmocka_unit_test(test_same_password_hashes_differently_each_time),
        cmocka_unit_test(test_garbage_hash_never_verifies),
        cmocka_unit_test(test_token_is_43_url_safe_characters),
        cmocka_unit_test(test_tokens_do_not_repeat),
        cmocka_unit_test(test_token_hash_is_64_lowercase_hex),
        cmocka_unit_test(test_token_hash_is_blake2b_256),
        cmocka_unit_test(test_token_hash_is_stable_and_tells_tokens_apart),
    };
    return cmocka_run_group_tests_name("secrets", tests, setup, NULL);
}
