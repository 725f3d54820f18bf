/* Incident statuses (domain/incident_status.c): the allowed moves, the
 * resolution summary needed to resolve, and the default SLA. */
#include <string.h>
#include "unit.h"
#include "domain/incident_status.h"

static void test_statuses_and_severities_are_listed_in_order(void **state) {
    (void)state;
    const char *st[] = {"open", "in_progress", "resolved", "closed"};
    const char *sev[] = {"low", "medium", "high", "critical"};
    for (int i = 0; i < 4; i++) assert_string_equal(INCIDENT_STATUSES[i], st[i]);
    for (int i = 0; i < 4; i++) assert_string_equal(INCIDENT_SEVERITIES[i], sev[i]);
    assert_null(INCIDENT_STATUSES[4]);
    assert_null(INCIDENT_SEVERITIES[4]);
    assert_false(incident_status_valid("Open"));
    assert_false(incident_severity_valid("urgent"));
    assert_false(incident_severity_valid(NULL));
}

static void test_a_new_incident_can_only_be_open(void **state) {
    (void)state;
    assert_int_equal(incident_check_move(NULL, "open", NULL), INCIDENT_MOVE_OK);
    assert_int_equal(incident_check_move(NULL, "in_progress", NULL), INCIDENT_MOVE_NOT_ALLOWED);
    assert_int_equal(incident_check_move(NULL, "resolved", "fixed"), INCIDENT_MOVE_NOT_ALLOWED);
    assert_int_equal(incident_check_move(NULL, "closed", "fixed"), INCIDENT_MOVE_NOT_ALLOWED);
}

static void test_forward_moves_follow_the_chain(void **state) {
    (void)state;
    assert_int_equal(incident_check_move("open", "in_progress", NULL), INCIDENT_MOVE_OK);
    assert_int_equal(incident_check_move("in_progress", "resolved", "Consultant remplacé"), INCIDENT_MOVE_OK);
    assert_int_equal(incident_check_move("resolved", "closed", "Consultant remplacé"), INCIDENT_MOVE_OK);
    assert_int_equal(incident_check_move("open", "resolved", "Réglé au téléphone"), INCIDENT_MOVE_OK);
}

static void test_skipping_resolution_or_going_back_to_open_is_refused(void **state) {
    (void)state;
    assert_int_equal(incident_check_move("open", "closed", "x"), INCIDENT_MOVE_NOT_ALLOWED);
    assert_int_equal(incident_check_move("in_progress", "closed", "x"), INCIDENT_MOVE_NOT_ALLOWED);
    assert_int_equal(incident_check_move("in_progress", "open", NULL), INCIDENT_MOVE_NOT_ALLOWED);
    assert_int_equal(incident_check_move("resolved", "open", "x"), INCIDENT_MOVE_NOT_ALLOWED);
}

static void test_a_resolved_incident_can_be_reopened(void **state) {
    (void)state;
    assert_int_equal(incident_check_move("resolved", "in_progress", "x"), INCIDENT_MOVE_OK);
    assert_int_equal(incident_check_move("resolved", "in_progress", NULL), INCIDENT_MOVE_OK);
}

static void test_resolving_needs_a_summary(void **state) {
    (void)state;
    assert_int_equal(incident_check_move("in_progress", "resolved", NULL), INCIDENT_MOVE_SUMMARY_REQUIRED);
    assert_int_equal(incident_check_move("in_progress", "resolved", ""), INCIDENT_MOVE_SUMMARY_REQUIRED);
    assert_int_equal(incident_check_move("open", "resolved", NULL), INCIDENT_MOVE_SUMMARY_REQUIRED);
    /* an edit of a resolved incident cannot erase its summary */
    assert_int_equal(incident_check_move("resolved", "resolved", NULL), INCIDENT_MOVE_SUMMARY_REQUIRED);
    assert_int_equal(incident_check_move("resolved", "closed", NULL), INCIDENT_MOVE_SUMMARY_REQUIRED);
}

static void test_closed_is_final(void **state) {
    (void)state;
    for (int i = 0; i < 3; i++)
        assert_int_equal(incident_check_move("closed", INCIDENT_STATUSES[i], "x"), INCIDENT_MOVE_FROM_CLOSED);
}

static void test_unknown_statuses_are_refused(void **state) {
    (void)state;
    assert_int_equal(incident_check_move("open", "done", NULL), INCIDENT_MOVE_UNKNOWN);
    assert_int_equal(incident_check_move("done", "open", NULL), INCIDENT_MOVE_UNKNOWN);
    assert_int_equal(incident_check_move("open", NULL, NULL), INCIDENT_MOVE_UNKNOWN);
}

static void test_only_open_and_in_progress_are_active(void **state) {
    (void)state;
    assert_true(incident_status_active("open"));
    assert_true(incident_status_active("in_progress"));
    assert_false(incident_status_active("resolved"));
    assert_false(incident_status_active("closed"));
    assert_false(incident_status_active(NULL));
}

static void test_default_sla_is_4h_1d_3d_7d(void **state) {
    (void)state;
    assert_int_equal(incident_default_sla_hours("critical"), 4);
    assert_int_equal(incident_default_sla_hours("high"), 24);
    assert_int_equal(incident_default_sla_hours("medium"), 72);
    assert_int_equal(incident_default_sla_hours("low"), 168);
    assert_int_equal(incident_default_sla_hours("urgent"), -1);
    assert_int_equal(incident_default_sla_hours(NULL), -1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_statuses_and_severities_are_listed_in_order),
        cmocka_unit_test(test_a_new_incident_can_only_be_open),
        cmocka_unit_test(test_forward_moves_follow_the_chain),
        cmocka_unit_test(test_skipping_resolution_or_going_back_to_open_is_refused),
        cmocka_unit_test(test_a_resolved_incident_can_be_reopened),
        cmocka_unit_test(test_resolving_needs_a_summary),
        cmocka_unit_test(test_closed_is_final),
        cmocka_unit_test(test_unknown_statuses_are_refused),
        cmocka_unit_test(test_only_open_and_in_progress_are_active),
        cmocka_unit_test(test_default_sla_is_4h_1d_3d_7d),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
