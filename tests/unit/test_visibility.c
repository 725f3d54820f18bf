/* Row and field visibility (domain/visibility.c): who sees which rows, and
 * who sees money. */
#include <string.h>
#include "unit.h"
#include "domain/visibility.h"

static const Viewer CONSULTANT = {.user_id = 6, .role = "consultant", .person_id = 12, .client_id = -1};
static const Viewer UNLINKED = {.user_id = 8, .role = "consultant", .person_id = -1, .client_id = -1};
static const Viewer CLIENT = {.user_id = 7, .role = "client", .person_id = -1, .client_id = 3};
static const Viewer RECRUITER = {.user_id = 4, .role = "recruiter", .person_id = -1, .client_id = -1};

static void test_staff_see_every_row_of_every_kind(void **state) {
    (void)state;
    const char *staff[] = {"admin", "manager", "sales", "recruiter", "tech"};
    for (size_t r = 0; r < N_ELEMS(staff); r++)
        for (RowKind k = ROW_NONE; k <= ROW_INCIDENT; k++) {
            Viewer v = {.role = staff[r], .person_id = -1, .client_id = -1};
            assert_int_equal(visibility_scope(&v, k), SCOPE_ALL);
            assert_int_equal(visibility_row(&v, k, &(RowFacts){99, 99, "sourced"}), ACCESS_OK);
        }
}

static void test_a_consultant_sees_their_own_profile_and_documents_only(void **state) {
    (void)state;
    assert_int_equal(visibility_scope(&CONSULTANT, ROW_PERSON), SCOPE_OWN);
    assert_int_equal(visibility_row(&CONSULTANT, ROW_PERSON, &(RowFacts){12, -1, NULL}), ACCESS_OK);
    assert_int_equal(visibility_row(&CONSULTANT, ROW_PERSON, &(RowFacts){13, -1, NULL}), ACCESS_HIDDEN);
    assert_int_equal(visibility_row(&CONSULTANT, ROW_DOCUMENT, &(RowFacts){12, -1, NULL}), ACCESS_OK);
    assert_int_equal(visibility_row(&CONSULTANT, ROW_DOCUMENT, &(RowFacts){13, -1, NULL}), ACCESS_HIDDEN);
}

static void test_a_consultant_sees_their_missions_not_their_other_candidacies(void **state) {
    (void)state;
    assert_int_equal(visibility_row(&CONSULTANT, ROW_CANDIDACY, &(RowFacts){12, 1, "hired"}), ACCESS_OK);
    assert_int_equal(visibility_row(&CONSULTANT, ROW_INTERVIEW, &(RowFacts){12, 1, "hired"}), ACCESS_OK);
    assert_int_equal(visibility_row(&CONSULTANT, ROW_CANDIDACY, &(RowFacts){12, 1, "rejected"}), ACCESS_HIDDEN);
    assert_int_equal(visibility_row(&CONSULTANT, ROW_CANDIDACY, &(RowFacts){13, 1, "hired"}), ACCESS_HIDDEN);
    assert_int_equal(visibility_row(&CONSULTANT, ROW_CANDIDACY, &(RowFacts){12, 1, NULL}), ACCESS_HIDDEN);
}

static void test_a_consultant_without_a_profile_sees_no_person(void **state) {
    (void)state;
    assert_int_equal(visibility_row(&UNLINKED, ROW_PERSON, &(RowFacts){-1, -1, NULL}), ACCESS_HIDDEN);
    assert_int_equal(visibility_row(&UNLINKED, ROW_CANDIDACY, &(RowFacts){-1, -1, "hired"}), ACCESS_HIDDEN);
}

static void test_incidents_are_for_everyone_concerned_and_a_client_sees_their_own(void **state) {
    (void)state;
    assert_int_equal(visibility_scope(&CONSULTANT, ROW_INCIDENT), SCOPE_ALL);
    assert_int_equal(visibility_scope(&CLIENT, ROW_INCIDENT), SCOPE_OWN);
    assert_int_equal(visibility_row(&CLIENT, ROW_INCIDENT, &(RowFacts){-1, 3, NULL}), ACCESS_OK);
    assert_int_equal(visibility_row(&CLIENT, ROW_INCIDENT, &(RowFacts){-1, 4, NULL}), ACCESS_HIDDEN);
    Viewer orphan = CLIENT;
    orphan.client_id = -1; /* their client was deleted */
    assert_int_equal(visibility_row(&orphan, ROW_INCIDENT, &(RowFacts){-1, -1, NULL}), ACCESS_HIDDEN);
}

static void test_a_client_contact_sees_no_person_candidacy_or_document(void **state) {
    (void)state;
    const RowKind kinds[] = {ROW_PERSON, ROW_DOCUMENT, ROW_CANDIDACY, ROW_INTERVIEW};
    for (size_t k = 0; k < N_ELEMS(kinds); k++) {
        assert_int_equal(visibility_scope(&CLIENT, kinds[k]), SCOPE_NONE);
        assert_int_equal(visibility_row(&CLIENT, kinds[k], &(RowFacts){-1, 3, "hired"}), ACCESS_FORBIDDEN);
    }
}

static void test_channels_and_posts_follow_the_channel_rule_row_by_row(void **state) {
    (void)state;
    Viewer sales = {.role = "sales", .person_id = -1, .client_id = -1};
    const RowFacts priv = {-1, -1, NULL, "private", NULL, false}, member = {-1, -1, NULL, "private", NULL, true};
    const RowFacts deal = {-1, -1, NULL, "public", "deal", false};
    for (RowKind k = ROW_CHANNEL; k <= ROW_POST; k++) {
        assert_int_equal(visibility_scope(&sales, k), SCOPE_OWN);
        assert_int_equal(visibility_row(&sales, k, &priv), ACCESS_HIDDEN);
        assert_int_equal(visibility_row(&sales, k, &member), ACCESS_OK);
        assert_int_equal(visibility_row(&sales, k, &deal), ACCESS_OK);
        assert_int_equal(visibility_row(&CONSULTANT, k, &deal), ACCESS_HIDDEN); /* consultants read no deal */
        assert_int_equal(visibility_scope(&CLIENT, k), SCOPE_NONE);
        assert_int_equal(visibility_row(&CLIENT, k, &member), ACCESS_FORBIDDEN);
    }
}

static void test_only_sales_managers_and_admins_see_money(void **state) {
    (void)state;
    assert_true(visibility_sees_money("admin"));
    assert_true(visibility_sees_money("manager"));
    assert_true(visibility_sees_money("sales"));
    const char *others[] = {"recruiter", "tech", "consultant", "client", "", "SALES", NULL};
    for (size_t r = 0; r < N_ELEMS(others); r++) assert_false(visibility_sees_money(others[r]));
}

static void test_money_fields_are_the_rates_and_salaries_not_ratios(void **state) {
    (void)state;
    const char *money[] = {"daily_rate", "daily_rate_max", "daily_rate_min", "salary", "salary_min", "salary_max",
                           "rate_max"};
    for (size_t i = 0; i < N_ELEMS(money); i++) assert_true(visibility_money_field(money[i]));
    const char *not_money[] = {"rate", "win_rate", "fill_rate", "reason", "id", "status", "", NULL};
    for (size_t i = 0; i < N_ELEMS(not_money); i++) assert_false(visibility_money_field(not_money[i]));
    assert_false(visibility_field("recruiter", "daily_rate"));
    assert_true(visibility_field("recruiter", "first_name"));
    assert_true(visibility_field("sales", "daily_rate"));
}

static void test_masking_clears_money_for_who_may_not_see_it(void **state) {
    (void)state;
    Person p = {.daily_rate = 600};
    Need n = {.daily_rate_max = 650, .salary_min = 45000, .salary_max = 55000};
    visibility_mask_person("sales", &p);
    visibility_mask_need("manager", &n);
    assert_int_equal(p.daily_rate, 600);
    assert_int_equal(n.daily_rate_max, 650);
    visibility_mask_person(RECRUITER.role, &p);
    visibility_mask_need("tech", &n);
    assert_int_equal(p.daily_rate, -1);
    assert_int_equal(n.daily_rate_max, -1);
    assert_int_equal(n.salary_min, -1);
    assert_int_equal(n.salary_max, -1);
}

static void test_viewer_of_an_account_keeps_its_links(void **state) {
    (void)state;
    User u = {.id = 6, .role = "consultant", .person_id = 12, .client_id = 0};
    Viewer v = viewer_of(&u);
    assert_int_equal(v.user_id, 6);
    assert_int_equal(v.person_id, 12);
    assert_int_equal(v.client_id, -1); /* 0 is no link */
    assert_string_equal(v.role, "consultant");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_staff_see_every_row_of_every_kind),
        cmocka_unit_test(test_a_consultant_sees_their_own_profile_and_documents_only),
        cmocka_unit_test(test_a_consultant_sees_their_missions_not_their_other_candidacies),
        cmocka_unit_test(test_a_consultant_without_a_profile_sees_no_person),
        cmocka_unit_test(test_incidents_are_for_everyone_concerned_and_a_client_sees_their_own),
        cmocka_unit_test(test_a_client_contact_sees_no_person_candidacy_or_document),
        cmocka_unit_test(test_channels_and_posts_follow_the_channel_rule_row_by_row),
        cmocka_unit_test(test_only_sales_managers_and_admins_see_money),
        cmocka_unit_test(test_money_fields_are_the_rates_and_salaries_not_ratios),
        cmocka_unit_test(test_masking_clears_money_for_who_may_not_see_it),
        cmocka_unit_test(test_viewer_of_an_account_keeps_its_links),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
