/* Text helpers (lib/text.c): UTF-8 validation, trimming, search folding,
 * edit distance and constant-time comparison. */
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "lib/text.h"

#define VALID(lit) text_valid_utf8((lit), sizeof(lit) - 1)

static void test_well_formed_utf8_is_valid(void **state) {
    (void)state;
    assert_true(VALID(""));
    assert_true(VALID("plain ascii"));
    assert_true(VALID("Développeur Java — équipe à Lyon"));
    assert_true(VALID("\xf0\x9f\x9a\x80"));  /* U+1F680, four bytes */
    assert_true(VALID("\xef\xbf\xbd"));      /* U+FFFD */
    assert_true(VALID("\xf4\x8f\xbf\xbf"));  /* U+10FFFF, the last code point */
}

static void test_overlong_encodings_are_invalid(void **state) {
    (void)state;
    assert_false(VALID("\xc0\xaf"));          /* '/' in two bytes */
    assert_false(VALID("\xc1\xbf"));
    assert_false(VALID("\xe0\x80\xaf"));      /* '/' in three bytes */
    assert_false(VALID("\xf0\x80\x80\xaf"));  /* '/' in four bytes */
    assert_false(VALID("\xc0\x80"));          /* "modified UTF-8" NUL */
}

static void test_surrogates_and_out_of_range_code_points_are_invalid(void **state) {
    (void)state;
    assert_false(VALID("\xed\xa0\x80"));      /* U+D800 */
    assert_false(VALID("\xed\xbf\xbf"));      /* U+DFFF */
    assert_false(VALID("\xf4\x90\x80\x80"));  /* U+110000 */
    assert_false(VALID("\xf5\x80\x80\x80"));
    assert_false(VALID("\xff"));
}

static void test_truncated_sequences_are_invalid(void **state) {
    (void)state;
    assert_false(VALID("\xc3"));
    assert_false(VALID("caf\xc3"));
    assert_false(VALID("\xe2\x82"));
    assert_false(VALID("\xf0\x9f\x9a"));
    assert_false(VALID("\x80"));              /* lone continuation byte */
    assert_false(VALID("a\xc3" "b"));         /* lead byte followed by ASCII */
}

static void test_nul_inside_text_is_invalid(void **state) {
    (void)state;
    assert_false(text_valid_utf8("a\0b", 3));
    assert_false(text_valid_utf8("\0", 1));
    assert_true(text_valid_utf8("a\0b", 1)); /* only the given length is read */
}

static void test_length_counts_code_points_not_bytes(void **state) {
    (void)state;
    assert_int_equal(text_utf8_length(""), 0);
    assert_int_equal(text_utf8_length("abc"), 3);
    assert_int_equal(text_utf8_length("é"), 1);
    assert_int_equal(text_utf8_length("Développeur"), 11);
    assert_int_equal(text_utf8_length("\xf0\x9f\x9a\x80!"), 2);
}

static void check_trim(const char *in, const char *expected) {
    char *t = text_trim(in);
    assert_non_null(t);
    assert_string_equal(t, expected);
    free(t);
}

static void test_trim_removes_ascii_spaces_at_both_ends_only(void **state) {
    (void)state;
    check_trim("  Awa Diallo  ", "Awa Diallo");
    check_trim("\t\r\n Lyon \n", "Lyon");
    check_trim("no-space", "no-space");
    check_trim("", "");
    check_trim("   ", "");
    check_trim("a  b", "a  b");
}

static void test_trim_removes_unicode_spaces(void **state) {
    (void)state;
    check_trim("\xc2\xa0" "Paris" "\xc2\xa0", "Paris");          /* U+00A0 no-break space */
    check_trim("\xe2\x80\xaf" "12" "\xe2\x80\xaf", "12");         /* U+202F narrow no-break space */
    check_trim("\xe3\x80\x80" "x" "\xe2\x80\x83", "x");           /* ideographic and em spaces */
    check_trim("\xe2\x80\xa8" "y" "\xe2\x80\xa9", "y");           /* line and paragraph separators */
    check_trim("\xc2\xa0\xc2\xa0", "");
}

static void test_trim_keeps_inner_unicode_spaces_and_accents(void **state) {
    (void)state;
    check_trim(" 550\xc2\xa0€ ", "550\xc2\xa0€");
    check_trim(" Élodie ", "Élodie");
    check_trim("é ", "é");
}

static void check_fold(const char *in, const char *expected) {
    char *f = text_fold(in);
    assert_non_null(f);
    assert_string_equal(f, expected);
    free(f);
}

static void test_fold_strips_accents_and_case(void **state) {
    (void)state;
    check_fold("Développement", "developpement");
    check_fold("ÉLODIE", "elodie");
    check_fold("Ça", "ca");
    check_fold("naïve Noël", "naive noel");
    check_fold("JAVA", "java");
    check_fold("", "");
}

static void test_fold_treats_composed_and_decomposed_accents_alike(void **state) {
    (void)state;
    check_fold("e\xcc\x81t\xc3\xa9", "ete"); /* e + U+0301, then é */
}

static void test_fold_expands_sharp_s(void **state) {
    (void)state;
    check_fold("Straße", "strasse");
    check_fold("STRASSE", "strasse");
}

static void test_fold_refuses_invalid_utf8(void **state) {
    (void)state;
    assert_null(text_fold("caf\xc3"));
    assert_null(text_fold("\xed\xa0\x80"));
}

static void test_distance_counts_edits(void **state) {
    (void)state;
    assert_int_equal(text_distance("kitten", "sitting", 10), 3);
    assert_int_equal(text_distance("java", "java", 10), 0);
    assert_int_equal(text_distance("jaav", "java", 10), 1); /* swapping two neighbours is one edit */
    assert_int_equal(text_distance("pyhton", "python", 10), 1);
    assert_int_equal(text_distance("ab", "ba", 10), 1);
    assert_int_equal(text_distance("abc", "ca", 10), 3);
    assert_int_equal(text_distance("kubernets", "kubernetes", 10), 1);
    assert_int_equal(text_distance("", "abc", 10), 3);
    assert_int_equal(text_distance("abc", "", 10), 3);
    assert_int_equal(text_distance("", "", 10), 0);
}

static void test_distance_is_symmetric(void **state) {
    (void)state;
    const char *w[] = {"java", "javascript", "jaav", "go", "", "postgres", "postgresql"};
    for (size_t i = 0; i < N_ELEMS(w); i++)
        for (size_t k = 0; k < N_ELEMS(w); k++)
            assert_int_equal(text_distance(w[i], w[k], 100), text_distance(w[k], w[i], 100));
}

static void test_distance_stops_at_the_cap(void **state) {
    (void)state;
    assert_int_equal(text_distance("abc", "xyz", 2), 2);
    assert_int_equal(text_distance("abcdefgh", "zyxwvuts", 3), 3);
    assert_int_equal(text_distance("abc", "abd", 2), 1);
    char longer[80];
    memset(longer, 'a', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    assert_int_equal(text_distance(longer, longer, 5), 5); /* over 64 bytes: not compared */
}

static void test_constant_time_equality(void **state) {
    (void)state;
    assert_true(text_equal_ct("token", "token"));
    assert_true(text_equal_ct("", ""));
    assert_false(text_equal_ct("token", "tokem"));
    assert_false(text_equal_ct("token", "token2"));
    assert_false(text_equal_ct("", "x"));
}

static void test_cut_keeps_short_text_and_cuts_long_text_on_a_character(void **state) {
    (void)state;
    char *s = text_cut("Rituel : ", "Daily", 80);
    assert_string_equal(s, "Rituel : Daily");
    free(s);
    s = text_cut("R : ", "éééééé", 8); /* 4 for the prefix, 3 é and the ellipsis */
    assert_string_equal(s, "R : ééé…");
    assert_int_equal(text_utf8_length(s), 8);
    free(s);
    s = text_cut("R : ", "éééé", 8); /* exactly 8: not cut */
    assert_string_equal(s, "R : éééé");
    free(s);
    s = text_cut("Préfixe trop long", "x", 5);
    assert_string_equal(s, "Préfixe trop long…");
    free(s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_well_formed_utf8_is_valid),
        cmocka_unit_test(test_overlong_encodings_are_invalid),
        cmocka_unit_test(test_surrogates_and_out_of_range_code_points_are_invalid),
        cmocka_unit_test(test_truncated_sequences_are_invalid),
        cmocka_unit_test(test_nul_inside_text_is_invalid),
        cmocka_unit_test(test_length_counts_code_points_not_bytes),
        cmocka_unit_test(test_trim_removes_ascii_spaces_at_both_ends_only),
        cmocka_unit_test(test_trim_removes_unicode_spaces),
        cmocka_unit_test(test_trim_keeps_inner_unicode_spaces_and_accents),
        cmocka_unit_test(test_fold_strips_accents_and_case),
        cmocka_unit_test(test_fold_treats_composed_and_decomposed_accents_alike),
        cmocka_unit_test(test_fold_expands_sharp_s),
        cmocka_unit_test(test_fold_refuses_invalid_utf8),
        cmocka_unit_test(test_distance_counts_edits),
        cmocka_unit_test(test_distance_is_symmetric),
        cmocka_unit_test(test_distance_stops_at_the_cap),
        cmocka_unit_test(test_constant_time_equality),
        cmocka_unit_test(test_cut_keeps_short_text_and_cuts_long_text_on_a_character),
    };
    return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
