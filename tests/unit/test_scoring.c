/* Scoring of one person against a need (domain/scoring.c) and ranking of
 * many (match/rank.c): full credit at or above the level, proportional
 * credit below it, nothing for a missing skill, weights, mandatory skills,
 * a total and repeatable order. */
#include <math.h>
#include <string.h>
#include "unit.h"
#include "domain/scoring.h"
#include "match/rank.h"

static Person person(long long id, PersonSkill *skills, int n) {
    return (Person){.id = id, .kind = "candidate", .first_name = "A", .last_name = "B", .daily_rate = -1,
                    .skills = skills, .nskills = n};
}

/* Scores p against reqs into out (skills array provided by the caller). */
static MatchScore score(const Requirement *reqs, int n, const Person *p, SkillScore *skills) {
    MatchScore m = {.skills = skills};
    score_person(reqs, n, p, &m);
    return m;
}

static void test_level_equal_to_required_earns_full_credit(void **state) {
    (void)state;
    Requirement r[] = {{"java", 4, 1, false}};
    PersonSkill s[] = {{"java", 4, 6}};
    Person p = person(1, s, 1);
    SkillScore sk[1];
    MatchScore m = score(r, 1, &p, sk);
    assert_true(m.score == 100.0);
    assert_true(sk[0].contribution == 100.0);
    assert_int_equal(sk[0].level, 4);
    assert_int_equal(sk[0].required_level, 4);
    assert_string_equal(sk[0].skill, "java");
    assert_int_equal(m.nmissing, 0);
    assert_true(m.mandatory_met);
    assert_int_equal(m.person_id, 1);
}

static void test_level_above_required_earns_no_more_than_full_credit(void **state) {
    (void)state;
    Requirement r[] = {{"java", 3, 1, false}};
    PersonSkill s[] = {{"java", 5, -1}};
    Person p = person(1, s, 1);
    SkillScore sk[1];
    assert_true(score(r, 1, &p, sk).score == 100.0);
}

static void test_level_two_of_required_four_earns_half_the_share(void **state) {
    (void)state;
    Requirement r[] = {{"java", 4, 1, false}};
    PersonSkill s[] = {{"java", 2, -1}};
    Person p = person(1, s, 1);
    SkillScore sk[1];
    MatchScore m = score(r, 1, &p, sk);
    assert_true(m.score == 50.0);
    assert_true(sk[0].contribution == 50.0);
    assert_int_equal(sk[0].level, 2);
    assert_int_equal(m.nmissing, 0);
}

static void test_missing_skill_earns_nothing_and_counts_as_missing(void **state) {
    (void)state;
    Requirement r[] = {{"java", 3, 1, false}, {"sql", 2, 1, false}};
    PersonSkill s[] = {{"java", 3, -1}};
    Person p = person(1, s, 1);
    SkillScore sk[2];
    MatchScore m = score(r, 2, &p, sk);
    assert_true(m.score == 50.0);
    assert_int_equal(sk[1].level, 0);
    assert_true(sk[1].contribution == 0.0);
    assert_int_equal(m.nmissing, 1);
}

static void test_skill_held_below_level_is_not_counted_missing(void **state) {
    (void)state;
    Requirement r[] = {{"java", 5, 1, false}};
    PersonSkill s[] = {{"java", 1, -1}};
    Person p = person(1, s, 1);
    SkillScore sk[1];
    MatchScore m = score(r, 1, &p, sk);
    assert_int_equal(m.nmissing, 0);
    assert_true(m.score == 20.0);
}

static void test_person_without_any_skill_scores_zero(void **state) {
    (void)state;
    Requirement r[] = {{"java", 3, 2, false}, {"sql", 2, 1, false}};
    Person p = person(1, NULL, 0);
    SkillScore sk[2];
    MatchScore m = score(r, 2, &p, sk);
    assert_true(m.score == 0.0);
    assert_int_equal(m.nmissing, 2);
}

static void test_weights_share_the_hundred_points(void **state) {
    (void)state;
    /* java weighs 3 of 4: 75 points; sql 1 of 4: 25 points. */
    Requirement r[] = {{"java", 4, 3, false}, {"sql", 2, 1, false}};
    PersonSkill only_java[] = {{"java", 4, -1}};
    PersonSkill only_sql[] = {{"sql", 5, -1}};
    PersonSkill half_java_full_sql[] = {{"sql", 2, -1}, {"java", 2, -1}};
    SkillScore sk[2];
    Person p = person(1, only_java, 1);
    MatchScore m = score(r, 2, &p, sk);
    assert_true(m.score == 75.0);
    assert_true(sk[0].contribution == 75.0);
    assert_true(sk[1].contribution == 0.0);
    p = person(2, only_sql, 1);
    assert_true(score(r, 2, &p, sk).score == 25.0);
    p = person(3, half_java_full_sql, 2);
    m = score(r, 2, &p, sk);
    assert_true(m.score == 62.5);
    assert_true(sk[0].contribution == 37.5);
    assert_true(sk[1].contribution == 25.0);
}

static void test_skills_are_reported_in_requirement_order(void **state) {
    (void)state;
    Requirement r[] = {{"sql", 2, 1, false}, {"java", 4, 1, false}, {"go", 1, 1, false}};
    PersonSkill s[] = {{"go", 1, -1}, {"java", 5, -1}};
    Person p = person(1, s, 2);
    SkillScore sk[3];
    score(r, 3, &p, sk);
    assert_string_equal(sk[0].skill, "sql");
    assert_string_equal(sk[1].skill, "java");
    assert_string_equal(sk[2].skill, "go");
    assert_int_equal(sk[0].level, 0);
    assert_int_equal(sk[1].level, 5);
    assert_int_equal(sk[2].level, 1);
}

static void test_mandatory_met_only_when_every_mandatory_skill_reaches_its_level(void **state) {
    (void)state;
    Requirement r[] = {{"java", 4, 1, true}, {"sql", 3, 1, false}};
    SkillScore sk[2];
    PersonSkill enough[] = {{"java", 4, -1}};
    PersonSkill below[] = {{"java", 3, -1}, {"sql", 5, -1}};
    PersonSkill lacking[] = {{"sql", 5, -1}};
    Person p = person(1, enough, 1);
    assert_true(score(r, 2, &p, sk).mandatory_met);
    p = person(2, below, 2);
    assert_false(score(r, 2, &p, sk).mandatory_met);
    p = person(3, lacking, 1);
    assert_false(score(r, 2, &p, sk).mandatory_met);
}

static void test_optional_skill_below_level_keeps_mandatory_met(void **state) {
    (void)state;
    Requirement r[] = {{"java", 4, 1, false}};
    PersonSkill s[] = {{"java", 1, -1}};
    Person p = person(1, s, 1);
    SkillScore sk[1];
    assert_true(score(r, 1, &p, sk).mandatory_met);
}

static void test_need_without_requirements_scores_zero_and_meets_mandatory(void **state) {
    (void)state;
    PersonSkill s[] = {{"java", 4, -1}};
    Person p = person(1, s, 1);
    SkillScore sk[1];
    MatchScore m = score(NULL, 0, &p, sk);
    assert_true(m.score == 0.0);
    assert_true(m.mandatory_met);
    assert_int_equal(m.nmissing, 0);
}

static void test_score_and_contributions_are_rounded_to_one_decimal(void **state) {
    (void)state;
    /* Three equal weights: 33.333... each. */
    Requirement r[] = {{"java", 3, 1, false}, {"sql", 3, 1, false}, {"go", 3, 1, false}};
    PersonSkill one[] = {{"java", 3, -1}};
    PersonSkill two[] = {{"java", 3, -1}, {"sql", 3, -1}};
    PersonSkill third_of_third[] = {{"java", 1, -1}};
    SkillScore sk[3];
    Person p = person(1, one, 1);
    MatchScore m = score(r, 3, &p, sk);
    assert_true(m.score == 33.3);
    assert_true(sk[0].contribution == 33.3);
    p = person(2, two, 2);
    m = score(r, 3, &p, sk);
    assert_true(m.score == 66.7); /* rounded from the exact sum, not the sum of rounded parts */
    p = person(3, third_of_third, 1);
    m = score(r, 3, &p, sk);
    assert_true(m.score == 11.1);
    assert_true(sk[0].contribution == 11.1);
}

static void test_score_stays_between_zero_and_hundred(void **state) {
    (void)state;
    Requirement r[] = {{"a", 1, 5, true}, {"b", 5, 1, false}, {"c", 3, 2, true}, {"d", 2, 4, false}};
    PersonSkill s[] = {{"a", 5, -1}, {"b", 5, -1}, {"c", 5, -1}, {"d", 5, -1}};
    SkillScore sk[4];
    for (int n = 0; n <= 4; n++) {
        Person p = person(1, s, n);
        MatchScore m = score(r, 4, &p, sk);
        assert_true(m.score >= 0.0 && m.score <= 100.0);
    }
    Person all = person(1, s, 4);
    assert_true(score(r, 4, &all, sk).score == 100.0);
}

/* --- ranking ------------------------------------------------------------ */

static void test_missing_mandatory_skill_ranks_below_all_who_have_them(void **state) {
    (void)state;
    Requirement r[] = {{"java", 4, 1, true}, {"sql", 1, 5, false}};
    Need need = {.id = 1, .skills = r, .nskills = 2};
    PersonSkill high_without_mandatory[] = {{"sql", 5, -1}, {"java", 3, -1}};
    PersonSkill low_with_mandatory[] = {{"java", 4, -1}};
    Person people[] = {person(10, high_without_mandatory, 2), person(20, low_with_mandatory, 1)};
    Arena a = {0};
    MatchScore *m = rank_people(&a, &need, people, 2);
    assert_int_equal(m[0].person_id, 20);
    assert_true(m[0].mandatory_met);
    assert_true(m[0].score < m[1].score);
    assert_int_equal(m[1].person_id, 10);
    assert_false(m[1].mandatory_met);
    arena_free(&a);
}

static void test_ranking_orders_by_score_then_by_id(void **state) {
    (void)state;
    Requirement r[] = {{"java", 4, 1, false}};
    Need need = {.id = 1, .skills = r, .nskills = 1};
    PersonSkill l1[] = {{"java", 1, -1}}, l2[] = {{"java", 2, -1}}, l4[] = {{"java", 4, -1}};
    Person people[] = {person(7, l2, 1), person(3, l4, 1), person(5, l1, 1), person(2, l2, 1), person(9, l4, 1)};
    Arena a = {0};
    MatchScore *m = rank_people(&a, &need, people, 5);
    long long expected[] = {3, 9, 2, 7, 5};
    for (int i = 0; i < 5; i++) assert_int_equal(m[i].person_id, expected[i]);
    arena_free(&a);
}

static void test_ranking_keeps_each_persons_index_in_the_input(void **state) {
    (void)state;
    Requirement r[] = {{"java", 4, 1, false}};
    Need need = {.id = 1, .skills = r, .nskills = 1};
    PersonSkill l1[] = {{"java", 1, -1}}, l4[] = {{"java", 4, -1}};
    Person people[] = {person(1, l1, 1), person(2, l4, 1)};
    Arena a = {0};
    MatchScore *m = rank_people(&a, &need, people, 2);
    for (int i = 0; i < 2; i++) assert_int_equal(people[m[i].index].id, m[i].person_id);
    assert_int_equal(m[0].index, 1);
    /* the per-skill details belong to the person they were computed for */
    assert_int_equal(m[0].skills[0].level, 4);
    assert_int_equal(m[1].skills[0].level, 1);
    arena_free(&a);
}

static void test_ranking_is_repeatable_whatever_the_input_order(void **state) {
    (void)state;
    Requirement r[] = {{"java", 3, 2, true}, {"sql", 2, 1, false}};
    Need need = {.id = 1, .skills = r, .nskills = 2};
    PersonSkill a1[] = {{"java", 3, -1}}, a2[] = {{"sql", 2, -1}}, a3[] = {{"java", 2, -1}, {"sql", 2, -1}};
    Person fwd[] = {person(1, a1, 1), person(2, a2, 1), person(3, a3, 2), person(4, a1, 1)};
    Person rev[] = {fwd[3], fwd[2], fwd[1], fwd[0]};
    Arena a = {0};
    MatchScore *x = rank_people(&a, &need, fwd, 4), *y = rank_people(&a, &need, rev, 4);
    for (int i = 0; i < 4; i++) assert_int_equal(x[i].person_id, y[i].person_id);
    assert_int_equal(x[0].person_id, 1); /* ties broken by the smaller id */
    assert_int_equal(x[1].person_id, 4);
    arena_free(&a);
}

static void test_score_compare_is_zero_only_for_the_same_person(void **state) {
    (void)state;
    MatchScore a = {.person_id = 1, .score = 50, .mandatory_met = true};
    MatchScore b = a;
    assert_int_equal(score_compare(&a, &b), 0);
    b.person_id = 2;
    assert_true(score_compare(&a, &b) < 0);
    assert_true(score_compare(&b, &a) > 0);
    b.score = 60;
    assert_true(score_compare(&b, &a) < 0);
    b.mandatory_met = false;
    assert_true(score_compare(&a, &b) < 0);
}

static void test_ranking_nobody_or_no_requirements_is_safe(void **state) {
    (void)state;
    Need need = {.id = 1, .skills = NULL, .nskills = 0};
    Arena a = {0};
    MatchScore *m = rank_people(&a, &need, NULL, 0);
    assert_non_null(m);
    PersonSkill s[] = {{"java", 4, -1}};
    Person people[] = {person(2, s, 1), person(1, NULL, 0)};
    m = rank_people(&a, &need, people, 2);
    assert_int_equal(m[0].person_id, 1);
    assert_int_equal(m[1].person_id, 2);
    assert_true(m[0].score == 0.0 && m[1].score == 0.0);
    arena_free(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_level_equal_to_required_earns_full_credit),
        cmocka_unit_test(test_level_above_required_earns_no_more_than_full_credit),
        cmocka_unit_test(test_level_two_of_required_four_earns_half_the_share),
        cmocka_unit_test(test_missing_skill_earns_nothing_and_counts_as_missing),
        cmocka_unit_test(test_skill_held_below_level_is_not_counted_missing),
        cmocka_unit_test(test_person_without_any_skill_scores_zero),
        cmocka_unit_test(test_weights_share_the_hundred_points),
        cmocka_unit_test(test_skills_are_reported_in_requirement_order),
        cmocka_unit_test(test_mandatory_met_only_when_every_mandatory_skill_reaches_its_level),
        cmocka_unit_test(test_optional_skill_below_level_keeps_mandatory_met),
        cmocka_unit_test(test_need_without_requirements_scores_zero_and_meets_mandatory),
        cmocka_unit_test(test_score_and_contributions_are_rounded_to_one_decimal),
        cmocka_unit_test(test_score_stays_between_zero_and_hundred),
        cmocka_unit_test(test_missing_mandatory_skill_ranks_below_all_who_have_them),
        cmocka_unit_test(test_ranking_orders_by_score_then_by_id),
        cmocka_unit_test(test_ranking_keeps_each_persons_index_in_the_input),
        cmocka_unit_test(test_ranking_is_repeatable_whatever_the_input_order),
        cmocka_unit_test(test_score_compare_is_zero_only_for_the_same_person),
        cmocka_unit_test(test_ranking_nobody_or_no_requirements_is_safe),
    };
    return cmocka_run_group_tests_name("scoring and ranking", tests, NULL, NULL);
}
