/* Rituals in Europe/Paris (domain/paris_time.c, domain/ritual_schedule.c):
 * the next occurrence across the DST changes of late March and late
 * October, the rules of each frequency, HH:MM times, working days, and the
 * EU rule compared with the system's tz database hour by hour. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "unit.h"
#include "domain/paris_time.h"
#include "domain/ritual_schedule.h"
#include "lib/timeutil.h"

/* A UTC instant from "YYYY-MM-DDTHH:MM:SSZ". */
static time_t at(const char *iso) {
    time_t t;
    assert_true(time_parse_iso(iso, &t));
    return t;
}

static void assert_instant(time_t t, const char *iso) {
    char got[21];
    time_iso(t, got);
    assert_string_equal(got, iso);
}

static RitualRule rule(const char *freq, const char *hhmm, int weekday, int month_day) {
    RitualRule r = {.frequency = freq, .duration_minutes = 30, .weekday = weekday, .month_day = month_day,
                    .starts_on = -1};
    assert_true(ritual_time_parse(hhmm, &r.minute));
    return r;
}

static void test_paris_is_utc_plus_one_in_winter_and_two_in_summer(void **state) {
    (void)state;
    assert_int_equal(paris_offset(at("2027-01-15T12:00:00Z")), 3600);
    assert_int_equal(paris_offset(at("2027-07-15T12:00:00Z")), 7200);
    /* 2027: last Sunday of March is the 28th, of October the 31st; 01:00 UTC */
    assert_int_equal(paris_offset(at("2027-03-28T00:59:59Z")), 3600);
    assert_int_equal(paris_offset(at("2027-03-28T01:00:00Z")), 7200);
    assert_int_equal(paris_offset(at("2027-10-31T00:59:59Z")), 7200);
    assert_int_equal(paris_offset(at("2027-10-31T01:00:00Z")), 3600);
}

/* The EU rule agrees with glibc's Europe/Paris every hour from 2000 to 2040. */
static void test_the_rule_matches_the_tz_database(void **state) {
    (void)state;
    setenv("TZ", "Europe/Paris", 1);
    tzset();
    struct tm probe;
    time_t summer = at("2027-07-01T12:00:00Z");
    localtime_r(&summer, &probe);
    if (probe.tm_gmtoff != 7200) skip(); /* no tz database on this machine */
    for (time_t t = at("2000-01-01T00:00:00Z"); t < at("2040-01-01T00:00:00Z"); t += 3600) {
        struct tm tm;
        localtime_r(&t, &tm);
        if (tm.tm_gmtoff != paris_offset(t)) {
            char iso[21];
            time_iso(t, iso);
            fail_msg("%s: tz database says %ld, rule says %d", iso, tm.tm_gmtoff, paris_offset(t));
        }
    }
}

static void test_a_daily_0930_before_and_after_the_march_change(void **state) {
    (void)state;
    RitualRule r = rule("daily", "09:30", 0, 0);
    /* Friday 26 March 2027, before the change: 09:30 CET is 08:30 UTC */
    assert_instant(ritual_next(&r, at("2027-03-26T06:00:00Z")), "2027-03-26T08:30:00Z");
    /* after it on Friday: the next working day is Monday 29, 09:30 CEST = 07:30 UTC */
    assert_instant(ritual_next(&r, at("2027-03-26T10:00:00Z")), "2027-03-29T07:30:00Z");
    /* asked on the very Sunday of the change */
    assert_instant(ritual_next(&r, at("2027-03-28T01:30:00Z")), "2027-03-29T07:30:00Z");
}

static void test_a_daily_0930_before_and_after_the_october_change(void **state) {
    (void)state;
    RitualRule r = rule("daily", "09:30", 0, 0);
    /* Friday 29 October 2027: still summer time, 07:30 UTC */
    assert_instant(ritual_next(&r, at("2027-10-29T05:00:00Z")), "2027-10-29T07:30:00Z");
    /* Monday 1 November: winter time, 08:30 UTC */
    assert_instant(ritual_next(&r, at("2027-10-29T09:00:00Z")), "2027-11-01T08:30:00Z");
}

static void test_a_weekly_ritual_keeps_its_local_hour_across_the_change(void **state) {
    (void)state;
    RitualRule r = rule("weekly", "14:00", 7, 0); /* Sundays 14:00 */
    assert_instant(ritual_next(&r, at("2027-03-22T00:00:00Z")), "2027-03-28T12:00:00Z"); /* the change day: CEST */
    assert_instant(ritual_next(&r, at("2027-10-25T00:00:00Z")), "2027-10-31T13:00:00Z"); /* back to CET */
}

static void test_a_time_skipped_in_march_is_read_with_the_winter_offset(void **state) {
    (void)state;
    long d = time_date_days("2027-03-28");
    /* 02:30 does not exist that night: it is 03:30 CEST, 01:30 UTC */
    assert_instant(paris_to_utc(d, 2 * 60 + 30), "2027-03-28T01:30:00Z");
    assert_instant(paris_to_utc(d, 3 * 60 + 30), "2027-03-28T01:30:00Z");
    assert_instant(paris_to_utc(d, 1 * 60 + 30), "2027-03-28T00:30:00Z");
}

static void test_a_time_seen_twice_in_october_is_its_first_occurrence(void **state) {
    (void)state;
    long d = time_date_days("2027-10-31");
    assert_instant(paris_to_utc(d, 2 * 60 + 30), "2027-10-31T00:30:00Z"); /* 02:30 CEST, not CET */
    assert_instant(paris_to_utc(d, 3 * 60 + 30), "2027-10-31T02:30:00Z");
}

static void test_a_meeting_in_progress_is_still_the_next_occurrence(void **state) {
    (void)state;
    RitualRule r = rule("daily", "09:30", 0, 0);
    r.duration_minutes = 15;
    assert_instant(ritual_next(&r, at("2027-01-12T08:40:00Z")), "2027-01-12T08:30:00Z");
    assert_instant(ritual_next(&r, at("2027-01-12T08:45:00Z")), "2027-01-13T08:30:00Z");
}

static void test_daily_means_working_days(void **state) {
    (void)state;
    RitualRule r = rule("daily", "09:30", 0, 0);
    long monday = time_date_days("2027-01-11");
    for (int i = 0; i < 7; i++) assert_int_equal(ritual_occurs_on(&r, monday + i), i < 5);
}

static void test_monthly_on_its_day_and_not_before_its_first_date(void **state) {
    (void)state;
    RitualRule r = rule("monthly", "10:00", 0, 15);
    r.starts_on = time_date_days("2027-02-01");
    assert_instant(ritual_next(&r, at("2026-12-20T00:00:00Z")), "2027-02-15T09:00:00Z");
    assert_instant(ritual_next(&r, at("2027-06-15T07:00:00Z")), "2027-06-15T08:00:00Z"); /* summer: 08:00 UTC */
    assert_instant(ritual_next(&r, at("2027-06-15T08:30:00Z")), "2027-07-15T08:00:00Z"); /* that one has ended */
    assert_int_equal(ritual_first_on_or_after(&r, time_date_days("2027-02-16")), time_date_days("2027-03-15"));
}

static void test_rrules_by_frequency(void **state) {
    (void)state;
    char out[64];
    RitualRule d = rule("daily", "09:30", 0, 0), w = rule("weekly", "09:30", 3, 0), m = rule("monthly", "09:30", 0, 28);
    ritual_rrule(&d, out);
    assert_string_equal(out, "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR");
    ritual_rrule(&w, out);
    assert_string_equal(out, "FREQ=WEEKLY;BYDAY=WE");
    ritual_rrule(&m, out);
    assert_string_equal(out, "FREQ=MONTHLY;BYMONTHDAY=28");
}

static void test_times_are_hh_mm_only(void **state) {
    (void)state;
    int m = -1;
    assert_true(ritual_time_parse("00:00", &m));
    assert_int_equal(m, 0);
    assert_true(ritual_time_parse("23:59", &m));
    assert_int_equal(m, 23 * 60 + 59);
    const char *bad[] = {"25:00", "24:00", "09:60", "9:30", "09:3", "09h30", "09:30:00", "", " 9:30", "ab:cd", "-1:00"};
    for (size_t i = 0; i < N_ELEMS(bad); i++)
        if (ritual_time_parse(bad[i], &m)) fail_msg("\"%s\" should be refused", bad[i]);
    assert_false(ritual_time_parse(NULL, &m));
    assert_false(ritual_frequency_valid("yearly"));
    assert_true(ritual_frequency_valid("monthly"));
}

static void test_working_days_skip_the_weekend(void **state) {
    (void)state;
    /* Tuesday 12 January 2027, noon: 5 working days back is Tuesday 5 */
    assert_instant(working_days_before(at("2027-01-12T11:00:00Z"), 5), "2027-01-05T11:00:00Z");
    /* Monday 11: 1 working day back is Friday 8 */
    assert_instant(working_days_before(at("2027-01-11T11:00:00Z"), 1), "2027-01-08T11:00:00Z");
}

static void test_civil_dates_round_trip(void **state) {
    (void)state;
    for (long d = time_date_days("1999-12-25"); d < time_date_days("2032-03-01"); d += 13) {
        char iso[11];
        time_days_iso(d, iso);
        assert_int_equal(time_date_days(iso), d);
    }
    assert_int_equal(days_weekday(time_date_days("2027-03-28")), 7);
    assert_int_equal(days_weekday(time_date_days("1970-01-01")), 4);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paris_is_utc_plus_one_in_winter_and_two_in_summer),
        cmocka_unit_test(test_the_rule_matches_the_tz_database),
        cmocka_unit_test(test_a_daily_0930_before_and_after_the_march_change),
        cmocka_unit_test(test_a_daily_0930_before_and_after_the_october_change),
        cmocka_unit_test(test_a_weekly_ritual_keeps_its_local_hour_across_the_change),
        cmocka_unit_test(test_a_time_skipped_in_march_is_read_with_the_winter_offset),
        cmocka_unit_test(test_a_time_seen_twice_in_october_is_its_first_occurrence),
        cmocka_unit_test(test_a_meeting_in_progress_is_still_the_next_occurrence),
        cmocka_unit_test(test_daily_means_working_days),
        cmocka_unit_test(test_monthly_on_its_day_and_not_before_its_first_date),
        cmocka_unit_test(test_rrules_by_frequency),
        cmocka_unit_test(test_times_are_hh_mm_only),
        cmocka_unit_test(test_working_days_skip_the_weekend),
        cmocka_unit_test(test_civil_dates_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
