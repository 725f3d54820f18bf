/* Dates and timestamps (lib/timeutil.c): real calendar dates only, leap
 * years, day counts, ISO 8601 formatting. */
#include <string.h>
#include "unit.h"
#include "lib/timeutil.h"

static void test_real_dates_are_valid(void **state) {
    (void)state;
    const char *ok[] = {"2026-01-01", "2026-12-31", "2026-04-30", "2026-02-28", "1970-01-01", "1900-01-01",
                        "9999-12-31"};
    for (size_t i = 0; i < N_ELEMS(ok); i++)
        if (!time_valid_date(ok[i])) fail_msg("%s should be valid", ok[i]);
}

static void test_february_29_only_in_leap_years(void **state) {
    (void)state;
    assert_true(time_valid_date("2024-02-29"));
    assert_true(time_valid_date("2000-02-29"));  /* divisible by 400 */
    assert_true(time_valid_date("2028-02-29"));
    assert_false(time_valid_date("2026-02-29"));
    assert_false(time_valid_date("1900-02-29")); /* divisible by 100, not 400 */
    assert_false(time_valid_date("2100-02-29"));
}

static void test_impossible_or_malformed_dates_are_invalid(void **state) {
    (void)state;
    const char *bad[] = {"2026-02-30", "2026-13-01", "2026-00-10", "2026-01-00", "2026-04-31", "2026-01-32",
                         "26-01-01",   "2026-1-01",  "2026-01-1",  "2026/01/01", "20260101",   "2026-01-01T00:00:00Z",
                         "",           "abcd-ef-gh", "2026-0a-01", " 2026-01-01", "2026-01-01 ", "+026-01-01",
                         "1899-12-31"};
    for (size_t i = 0; i < N_ELEMS(bad); i++)
        if (time_valid_date(bad[i])) fail_msg("\"%s\" should be invalid", bad[i]);
}

static void test_day_counts_start_at_the_epoch(void **state) {
    (void)state;
    assert_int_equal(time_date_days("1970-01-01"), 0);
    assert_int_equal(time_date_days("1970-01-02"), 1);
    assert_int_equal(time_date_days("1971-01-01"), 365);
    assert_int_equal(time_date_days("2000-03-01"), 11017);
    assert_int_equal(time_date_days("2026-11-22") - time_date_days("2026-11-21"), 1);
}

static void test_day_counts_cross_month_and_leap_day(void **state) {
    (void)state;
    assert_int_equal(time_date_days("2026-03-01") - time_date_days("2026-02-28"), 1);
    assert_int_equal(time_date_days("2024-03-01") - time_date_days("2024-02-28"), 2);
    assert_int_equal(time_date_days("2027-01-01") - time_date_days("2026-01-01"), 365);
    assert_int_equal(time_date_days("2025-01-01") - time_date_days("2024-01-01"), 366);
    assert_int_equal(time_date_days("2027-01-05") - time_date_days("2026-12-01"), 35);
}

static void test_day_count_of_an_invalid_date_is_minus_one(void **state) {
    (void)state;
    assert_int_equal(time_date_days("2026-02-30"), -1);
    assert_int_equal(time_date_days("tomorrow"), -1);
}

static void test_timestamps_are_iso_8601_utc(void **state) {
    (void)state;
    char out[21];
    time_iso(0, out);
    assert_string_equal(out, "1970-01-01T00:00:00Z");
    time_iso(1700000000, out);
    assert_string_equal(out, "2023-11-14T22:13:20Z");
    time_iso(951782400, out); /* 2000-02-29, a leap day */
    assert_string_equal(out, "2000-02-29T00:00:00Z");
}

static void test_now_is_a_well_formed_timestamp(void **state) {
    (void)state;
    char out[21];
    time_now_iso(out);
    assert_int_equal(strlen(out), 20);
    assert_int_equal(out[10], 'T');
    assert_int_equal(out[19], 'Z');
    out[10] = '\0';
    assert_true(time_valid_date(out));
}

static void test_monotonic_clock_never_goes_back(void **state) {
    (void)state;
    long long a = time_monotonic_us(), b = time_monotonic_us();
    assert_true(a > 0);
    assert_true(b >= a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_dates_are_valid),
        cmocka_unit_test(test_february_29_only_in_leap_years),
        cmocka_unit_test(test_impossible_or_malformed_dates_are_invalid),
        cmocka_unit_test(test_day_counts_start_at_the_epoch),
        cmocka_unit_test(test_day_counts_cross_month_and_leap_day),
        cmocka_unit_test(test_day_count_of_an_invalid_date_is_minus_one),
        cmocka_unit_test(test_timestamps_are_iso_8601_utc),
        cmocka_unit_test(test_now_is_a_well_formed_timestamp),
        cmocka_unit_test(test_monotonic_clock_never_goes_back),
    };
    return cmocka_run_group_tests_name("time", tests, NULL, NULL);
}
