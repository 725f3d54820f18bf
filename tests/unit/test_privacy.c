/* The deadline of a person's request about their data (domain/privacy_request.c). */
#include <string.h>
#include "unit.h"
#include "domain/privacy_request.h"

static void check(const char *received, const char *due) {
    char out[11];
    assert_true(privacy_due_on(received, out));
    assert_string_equal(out, due);
}

static void test_the_answer_is_due_one_month_later_same_day(void **state) {
    (void)state;
    check("2026-12-01", "2027-01-01");
    check("2026-12-31", "2027-01-31");
    check("2027-03-15", "2027-04-15");
}

static void test_a_day_the_next_month_lacks_becomes_its_last_day(void **state) {
    (void)state;
    check("2027-01-31", "2027-02-28");
    check("2028-01-30", "2028-02-29"); /* leap year */
    check("2027-03-31", "2027-04-30");
}

static void test_invalid_dates_have_no_deadline(void **state) {
    (void)state;
    char out[11];
    assert_false(privacy_due_on("2027-02-30", out));
    assert_false(privacy_due_on("yesterday", out));
    assert_false(privacy_due_on("", out));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_answer_is_due_one_month_later_same_day),
        cmocka_unit_test(test_a_day_the_next_month_lacks_becomes_its_last_day),
        cmocka_unit_test(test_invalid_dates_have_no_deadline),
    };
    return cmocka_run_group_tests_name("privacy", tests, NULL, NULL);
}
