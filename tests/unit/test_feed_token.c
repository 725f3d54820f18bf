/* Calendar feed addresses derived from a server key (lib/feed_token.c). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "unit.h"
#include "lib/feed_token.h"
#include "lib/secret.h"

static const char *KEY = "k3y-of-the-firm-shared-by-every-server-0123";

static int setup(void **state) {
    (void)state;
    return secret_init();
}

static void test_a_token_names_its_user_then_43_url_safe_characters(void **state) {
    (void)state;
    char t[FEED_TOKEN_MAX + 1];
    feed_token_make(KEY, 42, 1, t);
    assert_true(strncmp(t, "42-", 3) == 0);
    assert_int_equal(strlen(t), 3 + 43);
    for (const char *p = t + 3; *p; p++) assert_true(isalnum((unsigned char)*p) || *p == '-' || *p == '_');
    long long id = 0;
    assert_true(feed_token_user(t, &id));
    assert_int_equal(id, 42);
}

static void test_the_same_key_user_and_generation_give_the_same_token(void **state) {
    (void)state;
    char a[FEED_TOKEN_MAX + 1], b[FEED_TOKEN_MAX + 1];
    feed_token_make(KEY, 7, 3, a);
    feed_token_make(KEY, 7, 3, b);
    assert_string_equal(a, b); /* two servers holding the key agree */
    assert_true(feed_token_valid(KEY, a, 7, 3));
}

static void test_another_generation_user_or_key_gives_another_token(void **state) {
    (void)state;
    char base[FEED_TOKEN_MAX + 1], other[FEED_TOKEN_MAX + 1];
    feed_token_make(KEY, 7, 3, base);
    feed_token_make(KEY, 7, 4, other);
    assert_string_not_equal(base, other);
    assert_false(feed_token_valid(KEY, base, 7, 4)); /* a new generation revokes the old address */
    feed_token_make(KEY, 8, 3, other);
    assert_string_not_equal(base + 2, other + 2);
    feed_token_make("another-key", 7, 3, other);
    assert_string_not_equal(base, other);
    assert_false(feed_token_valid("another-key", base, 7, 3));
}

static void test_a_borrowed_or_altered_token_is_refused(void **state) {
    (void)state;
    char t[FEED_TOKEN_MAX + 1], bad[FEED_TOKEN_MAX + 8];
    feed_token_make(KEY, 12, 1, t);
    /* my MAC under someone else's id */
    snprintf(bad, sizeof bad, "13%s", t + 2);
    assert_false(feed_token_valid(KEY, bad, 13, 1));
    assert_false(feed_token_valid(KEY, t, 13, 1));
    /* one character changed, one missing, one more */
    strcpy(bad, t);
    bad[10] = bad[10] == 'A' ? 'B' : 'A';
    assert_false(feed_token_valid(KEY, bad, 12, 1));
    strcpy(bad, t);
    bad[strlen(bad) - 1] = '\0';
    assert_false(feed_token_valid(KEY, bad, 12, 1));
    snprintf(bad, sizeof bad, "%sA", t);
    assert_false(feed_token_valid(KEY, bad, 12, 1));
    /* the same id written with a leading zero */
    snprintf(bad, sizeof bad, "0%s", t);
    assert_false(feed_token_valid(KEY, bad, 12, 1));
}

static void test_malformed_tokens_name_nobody(void **state) {
    (void)state;
    long long id = -5;
    const char *bad[] = {"", "-", "12", "12-", "abc-xyz", "0-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                         "-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "1234567890123456789-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                         "12-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "12_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_false(feed_token_user(bad[i], &id));
        assert_false(feed_token_valid(KEY, bad[i], 12, 1));
    }
    assert_int_equal(id, -5);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_token_names_its_user_then_43_url_safe_characters),
        cmocka_unit_test(test_the_same_key_user_and_generation_give_the_same_token),
        cmocka_unit_test(test_another_generation_user_or_key_gives_another_token),
        cmocka_unit_test(test_a_borrowed_or_altered_token_is_refused),
        cmocka_unit_test(test_malformed_tokens_name_nobody),
    };
    return cmocka_run_group_tests_name("feed tokens", tests, setup, NULL);
}
