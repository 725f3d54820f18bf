/* Duplicate keys and the name rule (domain/dedupe.c), the merge of skills
 * and the candidacy ranks that decide which twin a merge keeps. */
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "domain/dedupe.h"

static void assert_key(char *(*fn)(const char *), const char *in, const char *want) {
    char *k = fn(in);
    if (!want) assert_null(k);
    else {
        assert_non_null(k);
        assert_string_equal(k, want);
    }
    free(k);
}

static void test_phone_numbers_written_nationally_or_internationally_share_a_key(void **state) {
    (void)state;
    assert_key(dedupe_phone_key, "+33 6 12 34 56 78", "0612345678");
    assert_key(dedupe_phone_key, "06 12 34 56 78", "0612345678");
    assert_key(dedupe_phone_key, "06.12.34.56.78", "0612345678");
    assert_key(dedupe_phone_key, "0033 6 12 34 56 78", "0612345678");
    assert_key(dedupe_phone_key, "+33 (0)6 12 34 56 78", "0612345678");
    assert_key(dedupe_phone_key, "+33612345678", "0612345678");
}

static void test_foreign_numbers_keep_their_country_and_short_numbers_have_no_key(void **state) {
    (void)state;
    assert_key(dedupe_phone_key, "+44 20 7946 0958", "00442079460958");
    assert_key(dedupe_phone_key, "0044 20 7946 0958", "00442079460958");
    assert_key(dedupe_phone_key, "12 34", NULL);
    assert_key(dedupe_phone_key, "n/a", NULL);
    assert_key(dedupe_phone_key, "", NULL);
    assert_key(dedupe_phone_key, NULL, NULL);
    assert_key(dedupe_phone_key, "+", NULL);
}

static void test_emails_compare_trimmed_and_in_lower_case(void **state) {
    (void)state;
    assert_key(dedupe_email_key, "  Awa.Diallo@Example.ORG ", "awa.diallo@example.org");
    assert_key(dedupe_email_key, "   ", NULL);
    assert_key(dedupe_email_key, NULL, NULL);
}

static void name_key_is(const char *first, const char *last, const char *want) {
    char *k = dedupe_name_key(first, last);
    assert_non_null(k);
    assert_string_equal(k, want);
    free(k);
}

static void test_name_keys_ignore_case_accents_punctuation_and_word_order(void **state) {
    (void)state;
    name_key_is("Awa", "Diallo", "awa diallo");
    name_key_is("DIALLO", "awa", "awa diallo");
    name_key_is("Jean-Éric", "L'Hôte", "eric hote jean l");
    name_key_is("  Zoé ", " Ñúñez  ", "nunez zoe");
    char *k = dedupe_name_key("", "---");
    assert_null(k);
}

static bool similar(const char *a, const char *b) {
    char *ka = dedupe_words_key(a, true), *kb = dedupe_words_key(b, true);
    bool s = dedupe_names_similar(ka, kb);
    free(ka);
    free(kb);
    return s;
}

static void test_very_similar_names_are_one_or_two_edits_apart_by_length(void **state) {
    (void)state;
    assert_true(similar("Awa Diallo", "Awa Dialo"));                  /* 9 bytes: one edit */
    assert_true(similar("Awa Diallo", "Awa Dialol"));                 /* a swap of neighbours is one */
    assert_false(similar("Awa Diallo", "Ava Dialo"));                 /* two edits on a short name */
    assert_true(similar("Jean-Baptiste Delacroix", "Jean Baptist Delacroi")); /* 16+: two edits */
    assert_false(similar("Li Wu", "Li Xu"));                          /* short names must be equal */
    assert_true(similar("Li Wu", "WU Li"));
    assert_false(similar("Marie Curie", "Pierre Curie"));
}

static void test_a_name_within_a_longer_one_is_similar_from_two_words(void **state) {
    (void)state;
    assert_true(similar("Jean Martin", "Jean Pierre Martin"));
    assert_false(similar("Martin", "Jean Pierre Martin"));            /* one word is not enough */
    assert_false(similar("Jean Martine", "Jean Pierre Martin"));
    assert_false(dedupe_names_similar(NULL, "a b"));
}

static void test_a_merge_keeps_every_skill_with_the_higher_level_and_years(void **state) {
    (void)state;
    PersonSkill a[] = {{"java", 2, 8}, {"sql", 4, -1}};
    PersonSkill b[] = {{"java", 5, 3}, {"docker", 3, -1}, {"sql", 1, 2}};
    PersonSkill out[5];
    int n = dedupe_merge_skills(a, 2, b, 3, out);
    assert_int_equal(n, 3);
    assert_string_equal(out[0].skill, "java");
    assert_int_equal(out[0].level, 5);
    assert_int_equal(out[0].years, 8);
    assert_string_equal(out[1].skill, "sql");
    assert_int_equal(out[1].level, 4);
    assert_int_equal(out[1].years, 2);
    assert_string_equal(out[2].skill, "docker");
    assert_int_equal(dedupe_merge_skills(NULL, 0, b, 3, out), 3);
}

static void test_an_open_candidacy_ranks_above_an_exit_and_hired_above_all(void **state) {
    (void)state;
    assert_true(dedupe_stage_rank("hired") > dedupe_stage_rank("offer"));
    assert_true(dedupe_stage_rank("offer") > dedupe_stage_rank("client_interview"));
    assert_true(dedupe_stage_rank("client_interview") > dedupe_stage_rank("interview"));
    assert_true(dedupe_stage_rank("contacted") > dedupe_stage_rank("sourced"));
    assert_true(dedupe_stage_rank("sourced") > dedupe_stage_rank("rejected"));
    assert_int_equal(dedupe_stage_rank("rejected"), dedupe_stage_rank("withdrawn"));
    assert_int_equal(dedupe_stage_rank(NULL), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_phone_numbers_written_nationally_or_internationally_share_a_key),
        cmocka_unit_test(test_foreign_numbers_keep_their_country_and_short_numbers_have_no_key),
        cmocka_unit_test(test_emails_compare_trimmed_and_in_lower_case),
        cmocka_unit_test(test_name_keys_ignore_case_accents_punctuation_and_word_order),
        cmocka_unit_test(test_very_similar_names_are_one_or_two_edits_apart_by_length),
        cmocka_unit_test(test_a_name_within_a_longer_one_is_similar_from_two_words),
        cmocka_unit_test(test_a_merge_keeps_every_skill_with_the_higher_level_and_years),
        cmocka_unit_test(test_an_open_candidacy_ranks_above_an_exit_and_hired_above_all),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
