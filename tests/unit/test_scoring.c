/* Scoring of one person against a need (domain/scoring.c): each factor on
 * its own, how the factors share 100 points, implied skills from the
 * reference (domain/implied.c), mandatory skills, rounding, and the order
 * of a ranking (match/rank.c rank_people, rank_needs). */
#include <math.h>
#include <string.h>
#include "unit.h"
#include "domain/implied.h"
#include "domain/scoring.h"
#include "domain/skills.h"
#include "lib/embedded.h"
#include "match/rank.h"

static int load_reference(void **state) {
    (void)state;
    const EmbeddedFile *s = embedded_find("data/skills.tsv"), *a = embedded_find("data/aliases.tsv");
    return skills_load((const char *)s->data, s->len, (const char *)a->data, a->len);
}
static int unload_reference(void **state) {
    (void)state;
    skills_unload();
    return 0;
}

static Person person(long long id, PersonSkill *skills, int n) {
    return (Person){.id = id, .kind = "candidate", .first_name = "A", .last_name = "B", .daily_rate = -1,
                    .skills = skills, .nskills = n};
}
static Need need_of(Requirement *r, int n) {
    return (Need){.id = 1, .title = "t", .remote = "none", .skills = r, .nskills = n, .client_id = -1,
                  .duration_days = -1, .daily_rate_max = -1};
}

static SkillScore g_sk[SCORE_MAX_REQS];
static MatchScore score(const Need *n, const Person *p) {
    Scorer sc;
    scorer_init(&sc, n);
    MatchScore m = {.skills = g_sk};
    score_person(&sc, p, &m);
    return m;
}
#define assert_near(a, b) assert_true(fabs((double)(a) - (double)(b)) < 1e-9)

/* --- credits of each factor, at their bounds ------------------------------ */

static void test_level_credit_is_full_at_or_above_the_level_and_proportional_below(void **state) {
    (void)state;
    assert_near(score_level_credit(4, 4), 1);
    assert_near(score_level_credit(5, 4), 1);
    assert_near(score_level_credit(2, 4), 0.5);
    assert_near(score_level_credit(1, 5), 0.2);
    assert_near(score_level_credit(5, 5), 1);
    assert_near(score_level_credit(1, 1), 1);
    assert_near(score_level_credit(0, 3), 0);
}

static void test_years_credit_grows_to_five_years_and_unknown_is_half(void **state) {
    (void)state;
    assert_near(score_years_credit(0), 0);
    assert_near(score_years_credit(2), 0.4);
    assert_near(score_years_credit(5), 1);
    assert_near(score_years_credit(40), 1);
    assert_near(score_years_credit(-1), 0.5);
}

static void test_availability_is_full_before_the_start_and_fades_over_sixty_days(void **state) {
    (void)state;
    assert_near(score_availability_credit(100, 100), 1);
    assert_near(score_availability_credit(50, 100), 1);
    assert_near(score_availability_credit(-1, 100), 1); /* no date: available */
    assert_near(score_availability_credit(130, 100), 0.5);
    assert_near(score_availability_credit(160, 100), 0);
    assert_near(score_availability_credit(500, 100), 0);
    assert_near(score_availability_credit(500, -1), 1); /* the need gives no start */
}

static void test_location_same_place_unknown_elsewhere_and_remote(void **state) {
    (void)state;
    uint64_t lyon = score_location_key("Lyon"), paris = score_location_key("Paris");
    assert_true(lyon && lyon == score_location_key("  lyon ") && lyon != paris);
    assert_true(score_location_key("Orléans") == score_location_key("ORLEANS"));
    assert_true(score_location_key(NULL) == 0 && score_location_key("  ") == 0);
    assert_near(score_location_credit(lyon, lyon, 0), 1);
    assert_near(score_location_credit(paris, lyon, 0), 0);
    assert_near(score_location_credit(paris, lyon, 1), 0.5);
    assert_near(score_location_credit(paris, lyon, 2), 1);
    assert_near(score_location_credit(0, lyon, 0), 0.5);
}

static void test_rate_within_the_maximum_then_fades_to_twenty_percent_over(void **state) {
    (void)state;
    assert_near(score_rate_credit(500, 600), 1);
    assert_near(score_rate_credit(600, 600), 1);
    assert_near(score_rate_credit(660, 600), 0.5);
    assert_near(score_rate_credit(720, 600), 0);
    assert_near(score_rate_credit(-1, 600), 0.5);
    assert_near(score_rate_credit(900, -1), 1);
    assert_near(score_rate_credit(1, 0), 0);
}

/* --- how factors share the score ------------------------------------------ */

static void test_a_need_with_only_skills_is_scored_on_skills_and_experience(void **state) {
    (void)state;
    Requirement r[] = {{"java", 4, 1, false}};
    Need n = need_of(r, 1);
    Scorer sc;
    scorer_init(&sc, &n);
    assert_near(sc.weight[FACTOR_SKILLS], 87.5);
    assert_near(sc.weight[FACTOR_EXPERIENCE], 12.5);
    assert_near(sc.weight[FACTOR_AVAILABILITY] + sc.weight[FACTOR_LOCATION] + sc.weight[FACTOR_RATE], 0);
    PersonSkill s[] = {{"java", 4, 6}};
    Person p = person(1, s, 1);
    MatchScore m = score(&n, &p);
    assert_true(m.score == 100.0);
    assert_true(m.skills[0].contribution == 87.5);
    assert_int_equal(m.skills[0].years, 6);
    s[0].years = -1; /* unknown years: half the experience */
    assert_true(score(&n, &p).score == 93.8);
}

static void test_every_factor_the_need_asks_about_counts_and_they_add_up(void **state) {
    (void)state;
    Requirement r[] = {{"java", 4, 1, false}};
    Need n = need_of(r, 1);
    n.start_date = "2027-01-01";
    n.location = "Lyon";
    n.remote = "none";
    n.daily_rate_max = 600;
    PersonSkill s[] = {{"java", 4, 5}};
    Person p = person(1, s, 1);
    p.location = "Paris";
    p.available_from = "2027-01-31"; /* 30 days late: half */
    p.daily_rate = 660;              /* 10 % over: half */
    MatchScore m = score(&n, &p);
    assert_near(m.factors[FACTOR_SKILLS].weight, 70);
    assert_near(m.factors[FACTOR_EXPERIENCE].weight, 10);
    assert_near(m.factors[FACTOR_AVAILABILITY].value, 0.5);
    assert_near(m.factors[FACTOR_LOCATION].value, 0);
    assert_near(m.factors[FACTOR_RATE].value, 0.5);
    assert_true(m.score == 70 + 10 + 5 + 0 + 2.5);
    double sum = 0;
    for (int f = 0; f < NFACTORS; f++) sum += m.factors[f].value * m.factors[f].weight;
    assert_true(fabs(sum - m.score) < 0.051);
    n.remote = "full"; /* location no longer applies: the others share its points */
    m = score(&n, &p);
    assert_near(m.factors[FACTOR_LOCATION].weight, 0);
    assert_near(m.factors[FACTOR_SKILLS].weight, 70 / 0.95);
}

static void test_weights_share_the_skill_points(void **state) {
    (void)state;
    /* java weighs 3 of 4, sql 1 of 4 (of 87.5 skill points) */
    Requirement r[] = {{"java", 4, 3, false}, {"sql", 2, 1, false}};
    Need n = need_of(r, 2);
    PersonSkill only_java[] = {{"java", 4, 5}};
    Person p = person(1, only_java, 1);
    MatchScore m = score(&n, &p);
    assert_true(m.skills[0].contribution == 65.6);
    assert_true(m.skills[1].contribution == 0.0);
    assert_true(m.score == 75.0);
    assert_int_equal(m.nmissing, 1);
    PersonSkill half_java[] = {{"java", 2, 5}, {"sql", 2, 5}};
    p = person(2, half_java, 2);
    m = score(&n, &p);
    assert_true(m.score == 67.2); /* 100 - 65.625 / 2, rounded */
}

static void test_a_missing_skill_earns_nothing_and_a_skill_below_level_is_not_missing(void **state) {
    (void)state;
    Requirement r[] = {{"java", 5, 1, false}, {"sql", 2, 1, false}};
    Need n = need_of(r, 2);
    PersonSkill s[] = {{"java", 1, 5}};
    Person p = person(1, s, 1);
    MatchScore m = score(&n, &p);
    assert_int_equal(m.nmissing, 1);
    assert_int_equal(m.skills[0].level, 1);
    assert_int_equal(m.skills[1].level, 0);
    assert_true(m.skills[1].contribution == 0.0);
    assert_int_equal(m.skills[1].years, -1);
}

static void test_person_without_skills_scores_zero_and_an_empty_need_scores_nobody(void **state) {
    (void)state;
    Requirement r[] = {{"java", 3, 2, false}, {"sql", 2, 1, false}};
    Need n = need_of(r, 2);
    Person nobody = person(1, NULL, 0);
    MatchScore m = score(&n, &nobody);
    assert_true(m.score == 0.0);
    assert_int_equal(m.nmissing, 2);
    Need empty = need_of(NULL, 0);
    PersonSkill s[] = {{"java", 4, -1}};
    Person p = person(2, s, 1);
    m = score(&empty, &p);
    assert_true(m.score == 0.0);
    assert_true(m.mandatory_met);
    assert_int_equal(m.nmissing, 0);
}

static void test_scores_round_to_one_decimal_from_the_exact_sum(void **state) {
    (void)state;
    Requirement r[] = {{"java", 3, 1, false}, {"sql", 3, 1, false}, {"go", 3, 1, false}};
    Need n = need_of(r, 3);
    PersonSkill two[] = {{"java", 3, 5}, {"sql", 3, 5}};
    Person p = person(1, two, 2);
    MatchScore m = score(&n, &p);
    assert_true(m.score == 66.7);
    assert_true(m.skills[0].contribution == 29.2);
    assert_int_equal(m.tenths, 667);
}

static void test_score_stays_between_zero_and_hundred_at_the_level_bounds(void **state) {
    (void)state;
    Requirement r[] = {{"java", 1, 5, true}, {"sql", 5, 1, false}, {"go", 3, 2, true}, {"rust", 2, 4, false}};
    Need n = need_of(r, 4);
    n.daily_rate_max = 500;
    n.start_date = "2027-01-01";
    PersonSkill top[] = {{"java", 5, 30}, {"sql", 5, 30}, {"go", 5, 30}, {"rust", 5, 30}};
    PersonSkill low[] = {{"java", 1, 0}, {"sql", 1, 0}, {"go", 1, 0}, {"rust", 1, 0}};
    for (int k = 0; k <= 4; k++) {
        Person p = person(1, top, k), q = person(2, low, k);
        MatchScore a = score(&n, &p), b = score(&n, &q);
        assert_true(a.score >= 0 && a.score <= 100 && b.score >= 0 && b.score <= 100);
        assert_true(a.score >= b.score);
    }
    Person all = person(1, top, 4);
    all.daily_rate = 400;
    assert_true(score(&n, &all).score == 100.0);
}

/* --- mandatory skills ------------------------------------------------------ */

static void test_mandatory_met_only_when_every_mandatory_skill_reaches_its_level(void **state) {
    (void)state;
    Requirement r[] = {{"java", 4, 1, true}, {"sql", 3, 1, false}};
    Need n = need_of(r, 2);
    PersonSkill enough[] = {{"java", 4, -1}};
    PersonSkill below[] = {{"java", 3, -1}, {"sql", 5, -1}};
    PersonSkill lacking[] = {{"sql", 5, -1}};
    Person p = person(1, enough, 1);
    assert_true(score(&n, &p).mandatory_met);
    p = person(2, below, 2);
    assert_false(score(&n, &p).mandatory_met);
    p = person(3, lacking, 1);
    assert_false(score(&n, &p).mandatory_met);
    r[0].mandatory = false; /* an optional skill below level keeps it met */
    p = person(2, below, 2);
    assert_true(score(&n, &p).mandatory_met);
}

/* --- implied skills (the reference) ---------------------------------------- */

static void test_a_skill_that_implies_the_required_one_earns_three_quarters(void **state) {
    (void)state;
    Requirement r[] = {{"java", 4, 1, true}};
    Need n = need_of(r, 1);
    PersonSkill s[] = {{"spring-boot", 4, 5}};
    Person p = person(1, s, 1);
    MatchScore m = score(&n, &p);
    assert_int_equal(m.skills[0].level, 0);
    assert_string_equal(m.skills[0].via, "spring-boot");
    assert_int_equal(m.skills[0].via_level, 4);
    assert_true(m.skills[0].contribution == score_tenths(score_micro(0.75 * 87.5)) / 10.0);
    assert_true(m.score == 75.0);
    assert_true(m.mandatory_met); /* Spring Boot at 4 is Java at 4 */
    assert_int_equal(m.nmissing, 0);
    PersonSkill both[] = {{"spring-boot", 5, 5}, {"java", 2, 5}};
    p = person(2, both, 2); /* the better evidence wins: 0.75 x full beats 2/4 */
    m = score(&n, &p);
    assert_string_equal(m.skills[0].via, "spring-boot");
    assert_int_equal(m.skills[0].level, 0);
    assert_true(m.score == 75.0);
}

static void test_two_steps_of_implies_earn_less_and_a_narrower_skill_half(void **state) {
    (void)state;
    const SkillSource *src;
    int n = implied_sources(skills_index(skills_get("git")), &src);
    assert_true(n > 2);
    assert_int_equal(src[0].skill, skills_index(skills_get("git")));
    double via_actions = 0;
    for (int i = 0; i < n; i++)
        if (src[i].skill == skills_index(skills_get("github-actions"))) via_actions = src[i].factor;
    assert_near(via_actions, IMPLIED_CREDIT * IMPLIED_CREDIT);
    for (int i = 1; i < n; i++) assert_true(src[i].factor <= src[i - 1].factor || i == 1);
    /* java's broader is computer-programming: a Java developer earns half of it, not mandatory */
    Requirement r[] = {{"computer-programming", 3, 1, true}};
    Need need = need_of(r, 1);
    PersonSkill s[] = {{"java", 5, 5}};
    Person p = person(1, s, 1);
    MatchScore m = score(&need, &p);
    assert_string_equal(m.skills[0].via, "java");
    assert_true(m.score == 50.0);
    assert_false(m.mandatory_met);
    /* the other way round earns nothing: a broad skill says nothing of a narrow one */
    Requirement rj[] = {{"java", 3, 1, false}};
    need = need_of(rj, 1);
    PersonSkill broad[] = {{"computer-programming", 5, 5}};
    p = person(2, broad, 1);
    assert_true(score(&need, &p).score == 0.0);
}

/* --- ranking ----------------------------------------------------------------- */

static void test_missing_mandatory_skill_ranks_below_all_who_have_them(void **state) {
    (void)state;
    Requirement r[] = {{"java", 4, 1, true}, {"sql", 1, 5, false}};
    Need need = need_of(r, 2);
    PersonSkill high_without_mandatory[] = {{"sql", 5, 9}, {"java", 3, 9}};
    PersonSkill low_with_mandatory[] = {{"java", 4, 0}};
    Person people[] = {person(10, high_without_mandatory, 2), person(20, low_with_mandatory, 1)};
    Arena a = {0};
    MatchScore *m = rank_people(&a, &need, people, 2);
    assert_int_equal(m[0].person_id, 20);
    assert_true(m[0].mandatory_met);
    assert_true(m[0].score < m[1].score);
    assert_false(m[1].mandatory_met);
    arena_free(&a);
}

static void test_ties_are_broken_by_the_smaller_id_whatever_the_input_order(void **state) {
    (void)state;
    Requirement r[] = {{"java", 4, 1, false}};
    Need need = need_of(r, 1);
    PersonSkill l1[] = {{"java", 1, -1}}, l2[] = {{"java", 2, -1}}, l4[] = {{"java", 4, -1}};
    Person people[] = {person(7, l2, 1), person(3, l4, 1), person(5, l1, 1), person(2, l2, 1), person(9, l4, 1)};
    Person rev[] = {people[4], people[3], people[2], people[1], people[0]};
    Arena a = {0};
    MatchScore *m = rank_people(&a, &need, people, 5), *b = rank_people(&a, &need, rev, 5);
    long long expected[] = {3, 9, 2, 7, 5};
    for (int i = 0; i < 5; i++) {
        assert_int_equal(m[i].person_id, expected[i]);
        assert_int_equal(b[i].person_id, expected[i]);
        assert_int_equal(people[m[i].index].id, m[i].person_id);
    }
    arena_free(&a);
}

static void test_score_compare_is_zero_only_for_the_same_person(void **state) {
    (void)state;
    MatchScore a = {.person_id = 1, .tenths = 500, .mandatory_met = true};
    MatchScore b = a;
    assert_int_equal(score_compare(&a, &b), 0);
    b.person_id = 2;
    assert_true(score_compare(&a, &b) < 0);
    b.tenths = 600;
    assert_true(score_compare(&b, &a) < 0);
    b.mandatory_met = false;
    assert_true(score_compare(&a, &b) < 0);
}

static void test_needs_are_ranked_for_a_person_best_first(void **state) {
    (void)state;
    Requirement ra[] = {{"java", 4, 1, true}}, rb[] = {{"python", 3, 1, false}}, rc[] = {{"java", 2, 1, false}};
    Need needs[] = {need_of(ra, 1), need_of(rb, 1), need_of(rc, 1)};
    needs[0].id = 5;
    needs[1].id = 6;
    needs[2].id = 7;
    PersonSkill s[] = {{"java", 3, 5}};
    Person p = person(1, s, 1);
    Arena a = {0};
    MatchScore *m = rank_needs(&a, &p, needs, 3);
    assert_int_equal(needs[m[0].index].id, 7); /* java 3 of a required 2: full */
    assert_int_equal(needs[m[1].index].id, 6); /* no python, but no mandatory either */
    assert_int_equal(needs[m[2].index].id, 5); /* mandatory java 4 not met */
    assert_false(m[2].mandatory_met);
    arena_free(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_level_credit_is_full_at_or_above_the_level_and_proportional_below),
        cmocka_unit_test(test_years_credit_grows_to_five_years_and_unknown_is_half),
        cmocka_unit_test(test_availability_is_full_before_the_start_and_fades_over_sixty_days),
        cmocka_unit_test(test_location_same_place_unknown_elsewhere_and_remote),
        cmocka_unit_test(test_rate_within_the_maximum_then_fades_to_twenty_percent_over),
        cmocka_unit_test(test_a_need_with_only_skills_is_scored_on_skills_and_experience),
        cmocka_unit_test(test_every_factor_the_need_asks_about_counts_and_they_add_up),
        cmocka_unit_test(test_weights_share_the_skill_points),
        cmocka_unit_test(test_a_missing_skill_earns_nothing_and_a_skill_below_level_is_not_missing),
        cmocka_unit_test(test_person_without_skills_scores_zero_and_an_empty_need_scores_nobody),
        cmocka_unit_test(test_scores_round_to_one_decimal_from_the_exact_sum),
        cmocka_unit_test(test_score_stays_between_zero_and_hundred_at_the_level_bounds),
        cmocka_unit_test(test_mandatory_met_only_when_every_mandatory_skill_reaches_its_level),
        cmocka_unit_test(test_a_skill_that_implies_the_required_one_earns_three_quarters),
        cmocka_unit_test(test_two_steps_of_implies_earn_less_and_a_narrower_skill_half),
        cmocka_unit_test(test_missing_mandatory_skill_ranks_below_all_who_have_them),
        cmocka_unit_test(test_ties_are_broken_by_the_smaller_id_whatever_the_input_order),
        cmocka_unit_test(test_score_compare_is_zero_only_for_the_same_person),
        cmocka_unit_test(test_needs_are_ranked_for_a_person_best_first),
    };
    return cmocka_run_group_tests_name("scoring", tests, load_reference, unload_reference);
}
