/* Server messages in French and English (lib/i18n.c). */
#include <string.h>
#include "unit.h"
#include "lib/i18n.h"

static void test_french_is_the_default(void **state) {
    (void)state;
    assert_int_equal(i18n_lang_from_header(NULL), LANG_FR);
    assert_int_equal(i18n_lang_from_header(""), LANG_FR);
    assert_int_equal(i18n_lang_from_header("fr"), LANG_FR);
    assert_int_equal(i18n_lang_from_header("fr-FR,fr;q=0.9,en;q=0.8"), LANG_FR);
    assert_int_equal(i18n_lang_from_header("de-DE"), LANG_FR);
    assert_int_equal(i18n_lang_from_header("*"), LANG_FR);
}

static void test_english_when_listed_first(void **state) {
    (void)state;
    assert_int_equal(i18n_lang_from_header("en"), LANG_EN);
    assert_int_equal(i18n_lang_from_header("en-GB,en;q=0.9"), LANG_EN);
    assert_int_equal(i18n_lang_from_header("en-US"), LANG_EN);
    assert_int_equal(i18n_lang_from_header("EN-us"), LANG_EN);
    assert_int_equal(i18n_lang_from_header("  en"), LANG_EN);
}

static void test_messages_exist_in_both_languages(void **state) {
    (void)state;
    assert_string_equal(i18n(LANG_FR, "not_found"), "Introuvable");
    assert_string_equal(i18n(LANG_EN, "not_found"), "Not found");
    assert_string_equal(i18n(LANG_EN, "validation"), "Some fields are invalid");
    const char *keys[] = {"bad_request", "conflict", "csrf", "forbidden", "invalid_utf8", "malformed_json",
                          "not_signed_in", "precondition_failed", "precondition_required", "required",
                          "storage_unavailable", "too_large", "too_many_attempts", "unsupported_media",
                          "validation", "wrong_credentials", "unknown_field", "unknown_skill"};
    for (size_t i = 0; i < N_ELEMS(keys); i++) {
        const char *fr = i18n(LANG_FR, keys[i]), *en = i18n(LANG_EN, keys[i]);
        if (strcmp(fr, keys[i]) == 0 || strcmp(en, keys[i]) == 0) fail_msg("no message for %s", keys[i]);
        if (strcmp(fr, en) == 0) fail_msg("%s is not translated", keys[i]);
    }
}

static void test_unknown_key_comes_back_as_the_key(void **state) {
    (void)state;
    assert_string_equal(i18n(LANG_FR, "no_such_key"), "no_such_key");
    assert_string_equal(i18n(LANG_EN, "no_such_key"), "no_such_key");
    assert_string_equal(i18n(LANG_EN, ""), "");
}

/* The conversions of a message, in order ("%d%s" for "x %d y %s"). */
static void conversions(const char *msg, char *out, size_t cap) {
    size_t n = 0;
    for (const char *p = msg; *p && n + 4 < cap; p++) {
        if (*p != '%') continue;
        p++;
        if (*p == '%') continue;
        while (*p == 'l' || *p == 'h') out[n++] = *p++;
        out[n++] = *p;
    }
    out[n] = '\0';
}

/* Callers pass printf arguments for these keys: both languages must take
 * exactly the same ones, or vsnprintf reads the wrong type. */
static void test_both_languages_take_the_same_printf_arguments(void **state) {
    (void)state;
    const struct {
        const char *key, *expected;
    } formats[] = {
        {"must_be_one_of", "s"},      {"must_be_between", "lldlld"}, {"password_too_short", "d"},
        {"too_long", "d"},            {"unknown_skill_suggest", "s"}, {"not_found", ""},
    };
    for (size_t i = 0; i < N_ELEMS(formats); i++) {
        char fr[32], en[32];
        conversions(i18n(LANG_FR, formats[i].key), fr, sizeof fr);
        conversions(i18n(LANG_EN, formats[i].key), en, sizeof en);
        if (strcmp(fr, formats[i].expected) || strcmp(en, formats[i].expected))
            fail_msg("%s: fr takes %%%s, en takes %%%s, callers pass %s", formats[i].key, fr, en, formats[i].expected);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_french_is_the_default),
        cmocka_unit_test(test_english_when_listed_first),
        cmocka_unit_test(test_messages_exist_in_both_languages),
        cmocka_unit_test(test_unknown_key_comes_back_as_the_key),
        cmocka_unit_test(test_both_languages_take_the_same_printf_arguments),
    };
    return cmocka_run_group_tests_name("i18n", tests, NULL, NULL);
}
