/* Sales rules (domain/sales.c): SIRET, client name keys, the won gate,
 * need qualification, and the new permission rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "domain/permissions.h"
#include "domain/sales.h"

static void test_siret_is_fourteen_digits_with_a_luhn_check_digit(void **state) {
    (void)state;
    assert_true(siret_valid("73282932000074"));  /* a published SIRET */
    assert_false(siret_valid("73282932000075"));
    assert_false(siret_valid("7328293200007"));
    assert_false(siret_valid("732829320000740"));
    assert_false(siret_valid("7328293200007A"));
    assert_false(siret_valid(""));
    assert_false(siret_valid(NULL));
}

static void test_check_digit_completes_a_valid_siret(void **state) {
    (void)state;
    const char *bases[] = {"4420183650001", "0000000000000", "9999999999999", "1234567890123"};
    for (size_t i = 0; i < N_ELEMS(bases); i++) {
        char s[15];
        snprintf(s, sizeof s, "%s%d", bases[i], siret_check_digit(bases[i]));
        assert_true(siret_valid(s));
    }
}

static void test_la_poste_establishments_use_the_sum_of_digits(void **state) {
    (void)state;
    assert_true(siret_valid("35600000000048"));  /* digits sum to 20 */
}

static void assert_key(const char *name, const char *expected) {
    char *k = client_name_key(name);
    assert_non_null(k);
    assert_string_equal(k, expected);
    free(k);
}

static void test_client_names_fold_case_accents_spaces_and_legal_forms(void **state) {
    (void)state;
    assert_key("Société Générale", "societe generale");
    assert_key("  SOCIETE   generale SA ", "societe generale");
    assert_key("Société Générale S.A.S.", "societe generale");
    assert_key("Société Générale, SARL", "societe generale");
    assert_key("Énergie-Verte", "energie verte");
    assert_key("SA", "sa"); /* only legal forms: the name itself is the key */
    assert_key("S.A.S.", "sas");
}

static void test_won_needs_a_positive_latest_review(void **state) {
    (void)state;
    assert_int_equal(deal_check_won(NULL), WON_REVIEW_REQUIRED);
    assert_int_equal(deal_check_won("no_go"), WON_NO_GO);
    assert_int_equal(deal_check_won("go"), WON_OK);
    assert_int_equal(deal_check_won("go_with_conditions"), WON_OK);
}

static void test_qualification_lists_every_missing_field(void **state) {
    (void)state;
    Need n = {.status = "draft", .remote = "none", .client_id = -1};
    const char *m[QUAL_MAX_MISSING];
    assert_int_equal(need_qualification_missing(&n, "qualified", false, false, m), 4);
    assert_string_equal(m[0], "skills");
    assert_string_equal(m[1], "start_date");
    assert_string_equal(m[2], "location");
    assert_string_equal(m[3], "client_id");
    Requirement r = {"java", 3, 1, false};
    n = (Need){.status = "qualified", .remote = "full", .client_id = 1, .start_date = "2027-01-01", .skills = &r, .nskills = 1};
    assert_int_equal(need_qualification_missing(&n, "qualified", true, false, m), 0);
    assert_int_equal(need_qualification_missing(&n, "open", false, false, m), 0);
    assert_int_equal(need_qualification_missing(&n, "open", true, false, m), 1);
    assert_string_equal(m[0], "review");
    assert_int_equal(need_qualification_missing(&n, "open", true, true, m), 0);
    assert_int_equal(need_qualification_missing(&n, "closed", true, false, m), 0);
}

static void test_next_gate_follows_the_status(void **state) {
    (void)state;
    assert_string_equal(need_next_gate("draft"), "qualified");
    assert_string_equal(need_next_gate("qualified"), "open");
    assert_null(need_next_gate("open"));
    assert_null(need_next_gate("closed"));
}

static void test_only_tech_leads_and_managers_record_reviews(void **state) {
    (void)state;
    const char *yes[] = {"manager", "tech"}, *no[] = {"admin", "sales", "recruiter", "consultant"};
    for (int i = 0; i < 2; i++) assert_true(permission_allows(yes[i], "reviews.write"));
    for (int i = 0; i < 4; i++) assert_false(permission_allows(no[i], "reviews.write"));
    assert_true(permission_allows("sales", "deals.write"));
    assert_false(permission_allows("tech", "deals.write"));
    assert_false(permission_allows("consultant", "deals.read"));
    assert_false(permission_allows("consultant", "capabilities.read"));
    assert_true(permission_allows("recruiter", "capabilities.read"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_siret_is_fourteen_digits_with_a_luhn_check_digit),
        cmocka_unit_test(test_check_digit_completes_a_valid_siret),
        cmocka_unit_test(test_la_poste_establishments_use_the_sum_of_digits),
        cmocka_unit_test(test_client_names_fold_case_accents_spaces_and_legal_forms),
        cmocka_unit_test(test_won_needs_a_positive_latest_review),
        cmocka_unit_test(test_qualification_lists_every_missing_field),
        cmocka_unit_test(test_next_gate_follows_the_status),
        cmocka_unit_test(test_only_tech_leads_and_managers_record_reviews),
    };
    return cmocka_run_group_tests_name("sales rules", tests, NULL, NULL);
}
