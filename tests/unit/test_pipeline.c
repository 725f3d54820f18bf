/* Candidacy stages (domain/pipeline.c) and need statuses
 * (domain/need_status.c): which moves are allowed and which are refused. */
#include <string.h>
#include "unit.h"
#include "domain/need_status.h"
#include "domain/pipeline.h"

static const char *const ACTIVE[] = {"sourced", "contacted", "interview", "client_interview", "offer", "hired"};
static const char *const EXITS[] = {"rejected", "withdrawn"};

static void test_stages_are_listed_in_board_order(void **state) {
    (void)state;
    const char *expected[] = {"sourced", "contacted", "interview", "client_interview",
                              "offer",   "hired",     "rejected",  "withdrawn"};
    int n = 0;
    while (STAGES[n]) n++;
    assert_int_equal(n, 8);
    for (int i = 0; i < 8; i++) assert_string_equal(STAGES[i], expected[i]);
}

static void test_every_listed_stage_is_valid_and_nothing_else(void **state) {
    (void)state;
    for (int i = 0; STAGES[i]; i++) assert_true(stage_valid(STAGES[i]));
    assert_false(stage_valid("Sourced"));
    assert_false(stage_valid("placed"));
    assert_false(stage_valid(""));
    assert_false(stage_valid(NULL));
}

static void test_only_rejected_and_withdrawn_are_exits(void **state) {
    (void)state;
    for (size_t i = 0; i < N_ELEMS(ACTIVE); i++) assert_false(stage_is_exit(ACTIVE[i]));
    for (size_t i = 0; i < N_ELEMS(EXITS); i++) assert_true(stage_is_exit(EXITS[i]));
    assert_false(stage_is_exit(NULL));
}

static void test_any_move_between_active_stages_is_allowed_back_and_forth(void **state) {
    (void)state;
    for (size_t f = 0; f < N_ELEMS(ACTIVE) - 1; f++) /* every stage but hired */
        for (size_t t = 0; t < N_ELEMS(ACTIVE); t++)
            assert_int_equal(pipeline_check_move(ACTIVE[f], ACTIVE[t], NULL), MOVE_OK);
}

static void test_exit_without_a_reason_is_refused(void **state) {
    (void)state;
    for (size_t f = 0; f < N_ELEMS(ACTIVE) - 1; f++)
        for (size_t e = 0; e < N_ELEMS(EXITS); e++) {
            assert_int_equal(pipeline_check_move(ACTIVE[f], EXITS[e], NULL), MOVE_REASON_REQUIRED);
            assert_int_equal(pipeline_check_move(ACTIVE[f], EXITS[e], ""), MOVE_REASON_REQUIRED);
            assert_int_equal(pipeline_check_move(ACTIVE[f], EXITS[e], "profil trop junior"), MOVE_OK);
        }
}

static void test_new_candidacy_may_start_at_any_stage_but_exits_need_a_reason(void **state) {
    (void)state;
    for (size_t t = 0; t < N_ELEMS(ACTIVE); t++) assert_int_equal(pipeline_check_move(NULL, ACTIVE[t], NULL), MOVE_OK);
    assert_int_equal(pipeline_check_move(NULL, "rejected", NULL), MOVE_REASON_REQUIRED);
    assert_int_equal(pipeline_check_move(NULL, "withdrawn", "found another job"), MOVE_OK);
}

static void test_hired_is_final(void **state) {
    (void)state;
    for (size_t t = 0; t < N_ELEMS(ACTIVE) - 1; t++)
        assert_int_equal(pipeline_check_move("hired", ACTIVE[t], NULL), MOVE_FROM_FINAL);
    for (size_t e = 0; e < N_ELEMS(EXITS); e++)
        assert_int_equal(pipeline_check_move("hired", EXITS[e], "changed their mind"), MOVE_FROM_FINAL);
    /* staying where it is (e.g. a PATCH that only edits other fields) is fine */
    assert_int_equal(pipeline_check_move("hired", "hired", NULL), MOVE_OK);
}

static void test_rejected_or_withdrawn_candidacy_can_be_reopened(void **state) {
    (void)state;
    for (size_t e = 0; e < N_ELEMS(EXITS); e++)
        for (size_t t = 0; t < N_ELEMS(ACTIVE); t++)
            assert_int_equal(pipeline_check_move(EXITS[e], ACTIVE[t], NULL), MOVE_OK);
    assert_int_equal(pipeline_check_move("rejected", "withdrawn", "candidate left"), MOVE_OK);
    assert_int_equal(pipeline_check_move("withdrawn", "rejected", NULL), MOVE_REASON_REQUIRED);
}

static void test_unknown_target_stage_is_reported_first(void **state) {
    (void)state;
    assert_int_equal(pipeline_check_move("sourced", "placed", NULL), MOVE_UNKNOWN_STAGE);
    assert_int_equal(pipeline_check_move("hired", "placed", NULL), MOVE_UNKNOWN_STAGE);
    assert_int_equal(pipeline_check_move("sourced", NULL, "x"), MOVE_UNKNOWN_STAGE);
    assert_int_equal(pipeline_check_move("sourced", "", NULL), MOVE_UNKNOWN_STAGE);
}

/* --- need statuses ------------------------------------------------------ */

static const char *const STATUS[] = {"draft", "qualified", "open", "staffed", "closed"};

static void test_need_statuses_and_remote_policies_are_the_documented_ones(void **state) {
    (void)state;
    for (size_t i = 0; i < N_ELEMS(STATUS); i++) {
        assert_non_null(NEED_STATUSES[i]);
        assert_string_equal(NEED_STATUSES[i], STATUS[i]);
        assert_true(need_status_valid(STATUS[i]));
    }
    assert_null(NEED_STATUSES[N_ELEMS(STATUS)]);
    assert_false(need_status_valid("won"));
    assert_false(need_status_valid("Open"));
    assert_false(need_status_valid(NULL));
    assert_string_equal(REMOTE_POLICIES[0], "none");
    assert_string_equal(REMOTE_POLICIES[1], "partial");
    assert_string_equal(REMOTE_POLICIES[2], "full");
    assert_null(REMOTE_POLICIES[3]);
}

static void test_need_status_moves_match_the_lifecycle(void **state) {
    (void)state;
    /* rows: from; columns: to, in STATUS order (1 = allowed) */
    static const int allowed[5][5] = {
        /*              draft qual open staf clos */
        /* draft */     {1,   1,   0,   0,   1},
        /* qualified */ {1,   1,   1,   0,   1},
        /* open */      {0,   1,   1,   1,   1},
        /* staffed */   {0,   0,   1,   1,   1},
        /* closed */    {1,   0,   0,   0,   1},
    };
    for (int f = 0; f < 5; f++)
        for (int t = 0; t < 5; t++) {
            bool got = need_status_can_move(STATUS[f], STATUS[t]);
            if (got != (bool)allowed[f][t])
                fail_msg("%s -> %s: expected %s", STATUS[f], STATUS[t], allowed[f][t] ? "allowed" : "refused");
        }
}

static void test_need_cannot_open_before_it_is_qualified(void **state) {
    (void)state;
    assert_false(need_status_can_move("draft", "open"));
    assert_false(need_status_can_move("draft", "staffed"));
    assert_false(need_status_can_move("qualified", "staffed"));
}

static void test_closed_need_is_reopened_as_a_draft(void **state) {
    (void)state;
    assert_true(need_status_can_move("closed", "draft"));
    assert_false(need_status_can_move("closed", "open"));
    assert_true(need_status_can_move("staffed", "open"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stages_are_listed_in_board_order),
        cmocka_unit_test(test_every_listed_stage_is_valid_and_nothing_else),
        cmocka_unit_test(test_only_rejected_and_withdrawn_are_exits),
        cmocka_unit_test(test_any_move_between_active_stages_is_allowed_back_and_forth),
        cmocka_unit_test(test_exit_without_a_reason_is_refused),
        cmocka_unit_test(test_new_candidacy_may_start_at_any_stage_but_exits_need_a_reason),
        cmocka_unit_test(test_hired_is_final),
        cmocka_unit_test(test_rejected_or_withdrawn_candidacy_can_be_reopened),
        cmocka_unit_test(test_unknown_target_stage_is_reported_first),
        cmocka_unit_test(test_need_statuses_and_remote_policies_are_the_documented_ones),
        cmocka_unit_test(test_need_status_moves_match_the_lifecycle),
        cmocka_unit_test(test_need_cannot_open_before_it_is_qualified),
        cmocka_unit_test(test_closed_need_is_reopened_as_a_draft),
    };
    return cmocka_run_group_tests_name("pipeline and need status", tests, NULL, NULL);
}
