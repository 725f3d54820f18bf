/* The KPIs (domain/kpi.c) on hand-built event sequences with known
 * answers, and Paris calendar days (lib/paris_time.c) around the changes of
 * time. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "unit.h"
#include "domain/kpi.h"
#include "lib/paris_time.h"
#include "lib/timeutil.h"

enum { MAXC = 32, MAXF = 64 };
static KpiCandidacy g_cands[MAXC];
static int g_ncands;
static KpiFact g_facts[MAXF];
static int g_nfacts;
static KpiConsultant g_cons[8];
static KpiMission g_missions[8];
static KpiInput g_in;

static int reset(void **state) {
    (void)state;
    g_ncands = g_nfacts = 0;
    g_in = (KpiInput){.now = kpi_parse_at("2026-06-30T12:00:00Z"), .sla_days = 5};
    return 0;
}

/* Feeds one event as the store does: candidacy events fold into their
 * row, the others become facts. */
static void feed(const char *type, const char *at, const char *otype, long long id, long long client, long long need,
                 long long person, const char *before, const char *after) {
    Event e = {.type = type, .at = at, .object_type = otype, .object_id = id, .refs = {client, need, person},
               .before = before, .after = after};
    if (kpi_is_candidacy_event(&e)) {
        KpiCandidacy *c = NULL;
        for (int i = 0; i < g_ncands; i++)
            if ((!strcmp(otype, "candidacy") && g_cands[i].id == id) ||
                (strcmp(otype, "candidacy") && g_cands[i].need_id == need && g_cands[i].person_id == person))
                c = &g_cands[i];
        if (!c) {
            c = &g_cands[g_ncands++];
            *c = kpi_candidacy_new(&e);
        }
        kpi_candidacy_apply(c, &e);
    } else if (kpi_fact_from_event(&e, &g_facts[g_nfacts])) {
        g_nfacts++;
    }
    g_in.cands = g_cands;
    g_in.ncands = g_ncands;
    g_in.facts = g_facts;
    g_in.nfacts = g_nfacts;
}

static void cand(long long id, long long need, const char *at, const char *from, const char *to) {
    char before[64], after[64];
    snprintf(after, sizeof after, "{\"reason\":null,\"stage\":\"%s\"}", to);
    snprintf(before, sizeof before, "{\"stage\":\"%s\"}", from ? from : "");
    feed(from ? "candidacy.stage" : "candidacy.created", at, "candidacy", id, 1, need, 100 + id, from ? before : NULL,
         after);
}

static void need(long long id, const char *at, const char *from, const char *to) {
    char before[48], after[48];
    snprintf(before, sizeof before, "{\"status\":\"%s\"}", from);
    snprintf(after, sizeof after, "{\"status\":\"%s\"}", to);
    feed("need.status", at, "need", id, 1, id, -1, before, after);
}

static KpiValue compute(KpiId k, const char *from, const char *to) {
    KpiValue v;
    kpi_compute(&g_in, k, kpi_parse_at(from), kpi_parse_at(to), &v);
    return v;
}

#define YEAR "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"

static void test_no_data_gives_no_value_for_every_kpi(void **state) {
    (void)state;
    for (int k = 0; k < KPI_COUNT; k++) {
        KpiValue v = compute((KpiId)k, YEAR);
        if (k == KPI_OVERDUE || k == KPI_WON_AMOUNT || k == KPI_INCIDENTS_OPENED || k == KPI_INCIDENTS_RESOLVED) {
            assert_true(v.has_value); /* counts and sums: zero */
            assert_true(v.value == 0);
        } else {
            assert_false(v.has_value);
        }
        assert_int_equal(v.events, 0);
    }
}

static void test_time_to_fill_counts_from_the_last_opening_of_a_reopened_need(void **state) {
    (void)state;
    need(1, "2026-03-01T09:00:00Z", "qualified", "open");
    cand(1, 1, "2026-03-02T09:00:00Z", NULL, "sourced");
    cand(1, 1, "2026-03-11T09:00:00Z", "sourced", "hired"); /* 10 days */
    need(1, "2026-03-12T09:00:00Z", "open", "staffed");
    need(1, "2026-04-01T09:00:00Z", "staffed", "open"); /* reopened */
    cand(2, 1, "2026-04-02T09:00:00Z", NULL, "sourced");
    cand(2, 1, "2026-04-21T09:00:00Z", "sourced", "hired"); /* 20 days from the reopening */
    need(2, "2026-05-01T09:00:00Z", "qualified", "open");
    cand(3, 2, "2026-05-02T09:00:00Z", NULL, "sourced");
    cand(3, 2, "2026-06-10T09:00:00Z", "sourced", "hired"); /* 40 days */
    KpiValue v = compute(KPI_TIME_TO_FILL, YEAR);
    assert_true(v.has_value);
    assert_int_equal(v.count, 3);
    assert_true(fabs(v.value - 20) < 1e-9);
    assert_true(fabs(v.p90 - 40) < 1e-9);
    /* only the hires of April */
    v = compute(KPI_TIME_TO_FILL, "2026-04-01T00:00:00Z", "2026-05-01T00:00:00Z");
    assert_int_equal(v.count, 1);
    assert_true(fabs(v.value - 20) < 1e-9);
}

static void test_a_hire_then_withdrawn_is_no_fill_and_no_hire_in_the_funnel(void **state) {
    (void)state;
    need(1, "2026-03-01T09:00:00Z", "qualified", "open");
    cand(1, 1, "2026-03-02T09:00:00Z", NULL, "sourced");
    cand(1, 1, "2026-03-05T09:00:00Z", "sourced", "offer");
    cand(1, 1, "2026-03-09T09:00:00Z", "offer", "hired");
    cand(1, 1, "2026-03-10T09:00:00Z", "hired", "withdrawn");
    assert_false(compute(KPI_TIME_TO_FILL, YEAR).has_value);
    KpiValue f = compute(KPI_FUNNEL, YEAR);
    assert_int_equal(f.reached[4], 1); /* it did reach the offer */
    assert_int_equal(f.reached[KPI_RANK_HIRED], 0);
    assert_true(f.value == 0);
    assert_int_equal(f.events, 4);
}

static void test_funnel_counts_skipped_stages_as_reached(void **state) {
    (void)state;
    cand(1, 1, "2026-02-01T09:00:00Z", NULL, "sourced");
    cand(1, 1, "2026-02-02T09:00:00Z", "sourced", "interview"); /* skips contacted */
    cand(2, 1, "2026-02-01T10:00:00Z", NULL, "sourced");
    cand(2, 1, "2026-02-03T10:00:00Z", "sourced", "contacted");
    cand(2, 1, "2026-02-04T10:00:00Z", "contacted", "rejected");
    cand(3, 1, "2026-02-01T11:00:00Z", NULL, "sourced");
    cand(4, 1, "2026-02-01T12:00:00Z", NULL, "sourced");
    cand(4, 1, "2026-02-20T12:00:00Z", "sourced", "hired");
    KpiValue f = compute(KPI_FUNNEL, YEAR);
    long long expect[] = {4, 3, 2, 1, 1, 1};
    for (int i = 0; i < KPI_STAGES; i++) assert_int_equal(f.reached[i], expect[i]);
    assert_true(fabs(f.value - 25) < 1e-9);
}

static void test_first_answer_median_p90_and_overdue_in_working_days(void **state) {
    (void)state;
    /* Monday 1 June 2026; "now" is Tuesday 30 June at noon; 5 working days promised */
    cand(1, 1, "2026-06-01T09:00:00Z", NULL, "sourced");
    cand(1, 1, "2026-06-02T09:00:00Z", "sourced", "contacted");          /* 1 day */
    cand(2, 1, "2026-06-01T09:00:00Z", NULL, "sourced");
    feed("candidate.message", "2026-06-01T09:00:05Z", "candidacy", 2, 1, 1, 102, NULL,
         "{\"first_answer\":false,\"interview_id\":null,\"kind\":\"application_received\"}"); /* no answer */
    feed("candidate.message", "2026-06-04T09:00:00Z", "candidacy", 2, 1, 1, 102, NULL,
         "{\"first_answer\":true,\"interview_id\":null,\"kind\":\"message\"}");               /* 3 days */
    cand(3, 1, "2026-06-01T09:00:00Z", NULL, "sourced");
    cand(3, 1, "2026-06-09T09:00:00Z", "sourced", "rejected");           /* 8 days, 6 working days: late */
    cand(4, 1, "2026-06-20T09:00:00Z", NULL, "sourced");                 /* a Saturday; waiting 7 working days: late */
    cand(5, 1, "2026-06-28T09:00:00Z", NULL, "sourced");                 /* waiting 2 working days: not yet */
    cand(7, 1, "2026-06-05T09:00:00Z", NULL, "sourced");
    cand(7, 1, "2026-06-12T09:00:00Z", "sourced", "contacted");          /* Friday to Friday: 5 working days, in time */
    /* an interview scheduled elsewhere names the candidacy by need and person */
    cand(6, 2, "2026-06-01T09:00:00Z", NULL, "sourced");
    feed("interview.scheduled", "2026-06-03T09:00:00Z", "interview", 77, 1, 2, 106, NULL, NULL); /* 2 days */
    KpiValue v = compute(KPI_FIRST_ANSWER, YEAR);
    assert_int_equal(v.count, 5);
    assert_true(fabs(v.value - 3) < 1e-9); /* 1 2 3 7 8 */
    assert_true(fabs(v.p90 - 8) < 1e-9);
    assert_int_equal(v.extra, 2);
    KpiValue o = compute(KPI_OVERDUE, YEAR);
    assert_true(o.value == 2);
    assert_int_equal(o.count, 7);
}

static void test_fill_rate_counts_each_need_once_by_its_last_end(void **state) {
    (void)state;
    need(1, "2026-02-01T09:00:00Z", "open", "closed");
    need(1, "2026-02-05T09:00:00Z", "closed", "open");
    need(1, "2026-02-20T09:00:00Z", "open", "staffed"); /* reopened, then staffed: staffed */
    need(2, "2026-03-01T09:00:00Z", "open", "staffed");
    need(3, "2026-03-01T09:00:00Z", "open", "closed");
    need(4, "2026-03-01T09:00:00Z", "draft", "qualified"); /* not an end */
    KpiValue v = compute(KPI_FILL_RATE, YEAR);
    assert_int_equal(v.count, 3);
    assert_true(fabs(v.value - 200.0 / 3) < 1e-9);
    assert_int_equal(v.events, 4);
}

static void deal(long long id, const char *at, const char *stage, long long amount) {
    char after[64];
    snprintf(after, sizeof after, "{\"amount\":%lld,\"stage\":\"%s\"}", amount, stage);
    feed("deal.stage", at, "deal", id, 1, -1, -1, "{\"amount\":1,\"stage\":\"proposal\"}", after);
}

static void review(long long deal_id, const char *at, const char *verdict) {
    char after[96];
    snprintf(after, sizeof after, "{\"effort_days\":5,\"review_id\":1,\"verdict\":\"%s\"}", verdict);
    feed("review.created", at, "deal", deal_id, 1, -1, -1, NULL, after);
}

static void test_deals_win_rate_amount_and_go_share(void **state) {
    (void)state;
    feed("review.requested", "2026-01-10T09:00:00Z", "deal", 1, 1, -1, -1, NULL, "{\"amount\":100,\"stage\":\"proposal\"}");
    review(1, "2026-01-12T09:00:00Z", "go");                 /* 2 days */
    deal(1, "2026-01-20T09:00:00Z", "won", 1000000);
    review(2, "2026-01-15T09:00:00Z", "no_go");
    review(2, "2026-01-25T09:00:00Z", "go_with_conditions"); /* the latest counts */
    deal(2, "2026-02-01T09:00:00Z", "won", 500000);
    deal(3, "2026-02-03T09:00:00Z", "won", 250000);          /* won with no review */
    deal(4, "2026-02-04T09:00:00Z", "lost", 900000);
    deal(5, "2026-02-05T09:00:00Z", "lost", 900000);
    deal(5, "2026-02-06T09:00:00Z", "won", 100);             /* a deal decided twice: the last */
    feed("review.requested", "2026-03-01T09:00:00Z", "deal", 6, 1, -1, -1, NULL, NULL); /* still waiting */
    KpiValue w = compute(KPI_WIN_RATE, YEAR);
    assert_int_equal(w.count, 5);
    assert_true(fabs(w.value - 80) < 1e-9);
    KpiValue a = compute(KPI_WON_AMOUNT, YEAR);
    assert_true(fabs(a.value - 17501.00) < 1e-6);
    assert_int_equal(a.count, 4);
    KpiValue g = compute(KPI_WON_WITH_GO, YEAR);
    assert_int_equal(g.count, 4);
    assert_true(fabs(g.value - 50) < 1e-9); /* deals 1 and 2 of 1, 2, 3, 5 */
    KpiValue r = compute(KPI_REVIEW_TURNAROUND, YEAR);
    assert_int_equal(r.count, 1);
    assert_true(fabs(r.value - 2) < 1e-9);
    assert_int_equal(r.extra, 1);
}

static void test_nps_promoters_minus_detractors(void **state) {
    (void)state;
    int scores[] = {10, 9, 8, 7, 6, 0, 10, 9};
    for (int i = 0; i < 8; i++) {
        char after[24];
        snprintf(after, sizeof after, "{\"score\":%d}", scores[i]);
        feed("survey.answered", "2026-05-01T09:00:00Z", "survey", i + 1, 1, -1, -1, NULL, after);
    }
    KpiValue v = compute(KPI_NPS, YEAR);
    assert_int_equal(v.count, 8);
    assert_true(fabs(v.value - 25) < 1e-9); /* (4 - 2) / 8 */
}

static void test_incidents_opened_resolved_and_time_to_resolve(void **state) {
    (void)state;
    feed("incident.created", "2026-04-01T09:00:00Z", "incident", 1, 1, -1, -1, NULL, "{\"severity\":\"high\",\"status\":\"open\"}");
    feed("incident.created", "2026-04-02T09:00:00Z", "incident", 2, 1, -1, -1, NULL, "{\"severity\":\"low\",\"status\":\"open\"}");
    feed("incident.status", "2026-04-04T09:00:00Z", "incident", 1, 1, -1, -1, "{\"severity\":\"high\",\"status\":\"in_progress\"}",
         "{\"severity\":\"high\",\"status\":\"resolved\"}");
    feed("incident.status", "2026-04-05T09:00:00Z", "incident", 1, 1, -1, -1, "{\"severity\":\"high\",\"status\":\"resolved\"}",
         "{\"severity\":\"high\",\"status\":\"closed\"}"); /* closing a resolved one is no second resolution */
    assert_true(compute(KPI_INCIDENTS_OPENED, YEAR).value == 2);
    assert_true(compute(KPI_INCIDENTS_RESOLVED, YEAR).value == 1);
    KpiValue t = compute(KPI_TIME_TO_RESOLVE, YEAR);
    assert_true(fabs(t.value - 3) < 1e-9);
}

static void test_bench_days_between_missions_and_coverage(void **state) {
    (void)state;
    long jan1 = paris_day(kpi_parse_at("2026-01-01T12:00:00Z"));
    g_cons[0] = (KpiConsultant){1, jan1 - 100};
    g_cons[1] = (KpiConsultant){2, jan1 + 10};   /* joined on 11 January */
    g_missions[0] = (KpiMission){1, jan1 + 5, jan1 + 20};
    g_missions[1] = (KpiMission){1, jan1 + 15, jan1 + 25}; /* overlapping missions count once */
    g_in.consultants = g_cons;
    g_in.nconsultants = 2;
    g_in.missions = g_missions;
    g_in.nmissions = 2;
    g_in.now = kpi_parse_at("2026-03-01T12:00:00Z");
    /* January (31 days): consultant 1 covered 20 days; consultant 2 from the 11th, 21 days */
    KpiValue v = compute(KPI_BENCH, "2025-12-31T23:00:00Z", "2026-01-31T23:00:00Z");
    assert_true(v.value == 11 + 21);
    assert_int_equal(v.extra, 2); /* nobody on a mission on 1 March */
    g_in.requirements = 8;
    g_in.covered = 6;
    assert_true(fabs(compute(KPI_COVERAGE, YEAR).value - 75) < 1e-9);
}

static void test_paris_days_around_the_changes_of_time(void **state) {
    (void)state;
    /* 29 March 2026: 02:00 CET becomes 03:00 CEST (01:00 UTC) */
    assert_int_equal(paris_offset(kpi_parse_at("2026-03-29T00:59:59Z")), 3600);
    assert_int_equal(paris_offset(kpi_parse_at("2026-03-29T01:00:00Z")), 7200);
    /* 25 October 2026: 03:00 CEST becomes 02:00 CET (01:00 UTC) */
    assert_int_equal(paris_offset(kpi_parse_at("2026-10-25T00:59:59Z")), 7200);
    assert_int_equal(paris_offset(kpi_parse_at("2026-10-25T01:00:00Z")), 3600);
    char d[11];
    /* 22:30 UTC on 28 March is 23:30 in Paris, the 28th; on 29 March it is 00:30 on the 30th */
    paris_day_text(paris_day(kpi_parse_at("2026-03-28T22:30:00Z")), d);
    assert_string_equal(d, "2026-03-28");
    paris_day_text(paris_day(kpi_parse_at("2026-03-29T22:30:00Z")), d);
    assert_string_equal(d, "2026-03-30");
    /* days start at 23:00 UTC in winter, 22:00 UTC in summer; the day of a change lasts 23 or 25 hours */
    long mar29 = time_date_days("2026-03-29"), oct25 = time_date_days("2026-10-25");
    assert_int_equal(paris_day_start(mar29), kpi_parse_at("2026-03-28T23:00:00Z"));
    assert_int_equal(paris_day_start(mar29 + 1) - paris_day_start(mar29), 23 * 3600);
    assert_int_equal(paris_day_start(oct25), kpi_parse_at("2026-10-24T22:00:00Z"));
    assert_int_equal(paris_day_start(oct25 + 1) - paris_day_start(oct25), 25 * 3600);
    /* weeks start on Monday: 30 March and 26 October 2026 */
    paris_day_text(paris_bucket_start(mar29, 'w'), d);
    assert_string_equal(d, "2026-03-23");
    paris_day_text(paris_bucket_next(mar29, 'w'), d);
    assert_string_equal(d, "2026-03-30");
    paris_day_text(paris_bucket_next(oct25, 'm'), d);
    assert_string_equal(d, "2026-11-01");
    paris_day_text(paris_bucket_next(time_date_days("2026-12-15"), 'm'), d);
    assert_string_equal(d, "2027-01-01");
}

static void test_an_answer_at_0030_paris_on_the_change_night_falls_in_the_right_week(void **state) {
    (void)state;
    /* Sunday 29 March 2026 22:30 UTC is Monday 30 March 00:30 in Paris:
     * the week of 30 March, not the week before */
    cand(1, 1, "2026-03-29T22:30:00Z", NULL, "sourced");
    long mon = time_date_days("2026-03-30");
    KpiValue before, after;
    kpi_compute(&g_in, KPI_FUNNEL, paris_day_start(mon - 7), paris_day_start(mon), &before);
    kpi_compute(&g_in, KPI_FUNNEL, paris_day_start(mon), paris_day_start(mon + 7), &after);
    assert_int_equal(before.reached[0], 0);
    assert_int_equal(after.reached[0], 1);
    /* late October: Sunday 25 October 23:30 UTC is Monday 26 October 00:30 (CET) */
    cand(2, 1, "2026-10-25T23:30:00Z", NULL, "sourced");
    long mon2 = time_date_days("2026-10-26");
    kpi_compute(&g_in, KPI_FUNNEL, paris_day_start(mon2), paris_day_start(mon2 + 7), &after);
    assert_int_equal(after.reached[0], 1);
    kpi_compute(&g_in, KPI_FUNNEL, paris_day_start(mon2 - 7), paris_day_start(mon2), &before);
    assert_int_equal(before.reached[0], 0);
}

static void test_linear_forecast(void **state) {
    (void)state;
    double x[] = {0, 1, 2, 3}, y[] = {10, 12, 14, 16}, out;
    assert_true(kpi_linear_forecast(x, y, 4, 10, &out));
    assert_true(fabs(out - 30) < 1e-9);
    assert_false(kpi_linear_forecast(x, y, 1, 10, &out));
}

static void test_catalog_names_teams_and_malformed_events(void **state) {
    (void)state;
    assert_int_equal(kpi_find("time_to_fill"), KPI_TIME_TO_FILL);
    assert_int_equal(kpi_find("nope"), -1);
    assert_int_equal(kpi_team_bit("delivery"), KPI_TEAM_DELIVERY);
    assert_int_equal(kpi_team_bit("Delivery"), 0);
    for (int k = 0; k < KPI_COUNT; k++) assert_true(KPIS[k].name && KPIS[k].definition_fr && KPIS[k].definition_en);
    KpiFact f;
    Event bad = {.type = "deal.stage", .at = "yesterday", .after = "{"};
    assert_false(kpi_fact_from_event(&bad, &f));
    bad.at = "2026-01-01T00:00:00Z";
    assert_true(kpi_fact_from_event(&bad, &f)); /* unreadable state: no state */
    assert_string_equal(f.state, "");
    assert_int_equal(kpi_parse_at("2026-02-30T00:00:00Z"), -1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_no_data_gives_no_value_for_every_kpi, reset),
        cmocka_unit_test_setup(test_time_to_fill_counts_from_the_last_opening_of_a_reopened_need, reset),
        cmocka_unit_test_setup(test_a_hire_then_withdrawn_is_no_fill_and_no_hire_in_the_funnel, reset),
        cmocka_unit_test_setup(test_funnel_counts_skipped_stages_as_reached, reset),
        cmocka_unit_test_setup(test_first_answer_median_p90_and_overdue_in_working_days, reset),
        cmocka_unit_test_setup(test_fill_rate_counts_each_need_once_by_its_last_end, reset),
        cmocka_unit_test_setup(test_deals_win_rate_amount_and_go_share, reset),
        cmocka_unit_test_setup(test_nps_promoters_minus_detractors, reset),
        cmocka_unit_test_setup(test_incidents_opened_resolved_and_time_to_resolve, reset),
        cmocka_unit_test_setup(test_bench_days_between_missions_and_coverage, reset),
        cmocka_unit_test_setup(test_paris_days_around_the_changes_of_time, reset),
        cmocka_unit_test_setup(test_an_answer_at_0030_paris_on_the_change_night_falls_in_the_right_week, reset),
        cmocka_unit_test_setup(test_linear_forecast, reset),
        cmocka_unit_test_setup(test_catalog_names_teams_and_malformed_events, reset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
