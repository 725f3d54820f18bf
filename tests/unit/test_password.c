/* The rules for a new password (domain/password.c) with the shipped list,
 * and the argon2id cost stated in the hash (lib/secret.c). */
#include <stdio.h>
#include <string.h>
#include "unit.h"
#include "domain/password.h"
#include "lib/embedded.h"
#include "lib/secret.h"

static int setup(void **state) {
    (void)state;
    const EmbeddedFile *f = embedded_find("data/common-passwords.txt");
    return f && !secret_init() ? password_load((const char *)f->data, f->len) : -1;
}

static void test_twelve_characters_are_enough_eleven_are_not(void **state) {
    (void)state;
    assert_string_equal(password_problem("kq8#Lm2@vX9"), "password_too_short");
    assert_null(password_problem("kq8#Lm2@vX9!"));
    assert_string_equal(password_problem(""), "password_too_short");
    assert_string_equal(password_problem(NULL), "password_too_short");
}

static void test_length_counts_characters_not_bytes(void **state) {
    (void)state;
    assert_string_equal(password_problem("éééééééééé"), "password_too_short"); /* 20 bytes, 10 characters */
    assert_null(password_problem("été à Montréal"));
}

static void test_listed_words_and_their_digit_suffixes_are_common(void **state) {
    (void)state;
    const char *common[] = {"motdepasse123", "Motdepasse2026!", "PASSWORD123456", "azertyuiop1234", "alliance-demo",
                            "Alliance-demo!!", "iloveyou2024!!", "123456789012"};
    for (size_t i = 0; i < sizeof common / sizeof common[0]; i++)
        assert_string_equal(password_problem(common[i]), "password_common");
}

static void test_runs_and_repetitions_are_common(void **state) {
    (void)state;
    const char *common[] = {"aaaaaaaaaaaaaaaa", "azertyuiopqsdf", "qwertyuiopas", "0987654321098", "abcdefghijklm",
                            "mlkjhgfdsqpoiu"};
    for (size_t i = 0; i < sizeof common / sizeof common[0]; i++)
        assert_string_equal(password_problem(common[i]), "password_common");
}

static void test_passphrases_pass(void **state) {
    (void)state;
    assert_null(password_problem("correct horse battery staple"));
    assert_null(password_problem("soleil sur la Loire"));  /* a listed word inside a longer phrase */
    assert_null(password_problem("2026 motdepasse"));      /* digits first: not the suffix pattern */
}

static void test_over_1024_bytes_is_too_long(void **state) {
    (void)state;
    char big[PASSWORD_MAX + 2];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    big[0] = 'y';
    assert_string_equal(password_problem(big), "password_too_long");
}

static void test_hash_states_argon2id_at_or_above_owasp_minimum(void **state) {
    (void)state;
    char h[128];
    assert_int_equal(secret_password_hash("correct horse battery staple", h), 0);
    long m = 0, t = 0, p = 0;
    assert_int_equal(sscanf(h, "$argon2id$v=19$m=%ld,t=%ld,p=%ld$", &m, &t, &p), 3);
    assert_true(m >= 19 * 1024); /* KiB */
    assert_true(t >= 2);
    assert_int_equal(p, 1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_twelve_characters_are_enough_eleven_are_not),
        cmocka_unit_test(test_length_counts_characters_not_bytes),
        cmocka_unit_test(test_listed_words_and_their_digit_suffixes_are_common),
        cmocka_unit_test(test_runs_and_repetitions_are_common),
        cmocka_unit_test(test_passphrases_pass),
        cmocka_unit_test(test_over_1024_bytes_is_too_long),
        cmocka_unit_test(test_hash_states_argon2id_at_or_above_owasp_minimum),
    };
    return cmocka_run_group_tests_name("password", tests, setup, NULL);
}
