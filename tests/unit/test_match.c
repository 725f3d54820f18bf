/* The matching index and its ranking (match/index.c, match/rank.c): the
 * pruned top-k equals the first k of scoring everyone (random pools, with
 * and without mandatory skills, implied skills, filters, pages), and the
 * index follows every write at once (create, edit, delete, compaction). */
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "domain/skills.h"
#include "lib/embedded.h"
#include "match/index.h"
#include "match/rank.h"

static Arena g_qa; /* the answers of top() */

static int load_reference(void **state) {
    (void)state;
    const EmbeddedFile *s = embedded_find("data/skills.tsv"), *a = embedded_find("data/aliases.tsv");
    return skills_load((const char *)s->data, s->len, (const char *)a->data, a->len);
}
static int unload_reference(void **state) {
    (void)state;
    skills_unload();
    arena_free(&g_qa);
    return 0;
}

static Need need_of(Requirement *r, int n) {
    return (Need){.id = 1, .title = "t", .remote = "none", .skills = r, .nskills = n, .client_id = -1,
                  .duration_days = -1, .daily_rate_max = -1};
}
static Person person(long long id, PersonSkill *skills, int n) {
    return (Person){.id = id, .kind = "candidate", .first_name = "P", .last_name = "Q", .daily_rate = -1,
                    .skills = skills, .nskills = n};
}

/* Ranks with the index; returns ids best first in out (at most limit).
 * *res stays valid until the next call. */
static int top(MatchIndex *ix, const Need *n, int limit, long long *out, MatchResult *res) {
    arena_free(&g_qa);
    MatchQuery q = {.limit = limit, .count_total = true};
    MatchResult r;
    assert_int_equal(match_rank(ix, &g_qa, n, &q, &r), 0);
    for (int i = 0; i < r.n; i++) out[i] = r.hits[i].person.id;
    if (res) *res = r;
    return r.n;
}

/* --- a pool small enough to read ---------------------------------------- */

static void test_index_ranks_like_the_scoring_and_leaves_out_people_without_credit(void **state) {
    (void)state;
    MatchIndex *ix = match_index_new();
    PersonSkill a[] = {{"haskell", 4, 3}, {"elixir", 2, 1}}, b[] = {{"haskell", 5, -1}}, c[] = {{"python", 5, 9}};
    PersonSkill d[] = {{"elixir", 3, -1}};
    Person people[] = {person(1, a, 2), person(2, b, 1), person(3, c, 1), person(4, d, 1), person(5, NULL, 0)};
    for (int i = 0; i < 5; i++) assert_int_equal(match_index_put(ix, &people[i]), 0);
    assert_int_equal(match_index_count(ix), 5);
    Requirement r[] = {{"haskell", 4, 3, true}, {"elixir", 2, 1, false}};
    Need n = need_of(r, 2);
    long long ids[10];
    MatchResult res;
    assert_int_equal(top(ix, &n, 10, ids, &res), 3);
    assert_int_equal(ids[0], 1);
    assert_int_equal(ids[1], 2);
    assert_int_equal(ids[2], 4); /* mandatory not met: last */
    assert_int_equal(res.total, 3);
    assert_int_equal(res.mandatory_met, 2);
    assert_false(res.hits[2].score.mandatory_met);
    assert_string_equal(res.hits[0].person.first_name, "P");
    match_index_free(ix);
}

static void test_empty_need_and_empty_index_rank_nobody(void **state) {
    (void)state;
    MatchIndex *ix = match_index_new();
    Requirement r[] = {{"java", 3, 1, false}};
    Need n = need_of(r, 1), empty = need_of(NULL, 0);
    long long ids[4];
    assert_int_equal(top(ix, &n, 4, ids, NULL), 0);
    PersonSkill s[] = {{"java", 3, 1}};
    Person p = person(1, s, 1);
    match_index_put(ix, &p);
    assert_int_equal(top(ix, &empty, 4, ids, NULL), 0);
    assert_int_equal(top(ix, &n, 4, ids, NULL), 1);
    match_index_free(ix);
}

static void test_levels_outside_one_to_five_and_unknown_skills_are_not_indexed(void **state) {
    (void)state;
    MatchIndex *ix = match_index_new();
    PersonSkill s[] = {{"java", 0, 1}, {"java", 6, 1}, {"not-a-skill", 3, 1}, {"sql", 5, 70}};
    Person p = person(1, s, 4);
    match_index_put(ix, &p);
    Requirement r[] = {{"java", 1, 1, false}};
    Need n = need_of(r, 1);
    long long ids[2];
    assert_int_equal(top(ix, &n, 2, ids, NULL), 0);
    Requirement rs[] = {{"sql", 5, 1, false}};
    n = need_of(rs, 1);
    MatchResult res;
    assert_int_equal(top(ix, &n, 2, ids, &res), 1);
    match_index_free(ix);
}

static void test_implied_skills_are_found_through_the_index(void **state) {
    (void)state;
    MatchIndex *ix = match_index_new();
    PersonSkill boot[] = {{"spring-boot", 4, 5}}, java[] = {{"java", 3, 5}};
    Person people[] = {person(1, boot, 1), person(2, java, 1)};
    for (int i = 0; i < 2; i++) match_index_put(ix, &people[i]);
    Requirement r[] = {{"java", 4, 1, true}};
    Need n = need_of(r, 1);
    long long ids[4];
    MatchResult res;
    assert_int_equal(top(ix, &n, 4, ids, &res), 2);
    assert_int_equal(ids[0], 1); /* Spring Boot at 4 meets Java 4 (75 points) */
    assert_true(res.mandatory_met == 1);
    assert_int_equal(ids[1], 2); /* Java at 3 of 4 scores more but misses the level */
    match_index_free(ix);
}

/* --- updates -------------------------------------------------------------- */

static void test_create_edit_delete_change_the_next_ranking_at_once(void **state) {
    (void)state;
    MatchIndex *ix = match_index_new();
    Requirement r[] = {{"kotlin", 4, 1, false}};
    Need n = need_of(r, 1);
    PersonSkill lo[] = {{"kotlin", 2, 5}}, hi[] = {{"kotlin", 5, 5}};
    Person a = person(10, lo, 1), b = person(20, hi, 1);
    match_index_put(ix, &a);
    long long ids[4];
    assert_int_equal(top(ix, &n, 4, ids, NULL), 1);
    match_index_put(ix, &b); /* create */
    assert_int_equal(top(ix, &n, 4, ids, NULL), 2);
    assert_int_equal(ids[0], 20);
    a.skills = hi; /* edit: a catches up and wins the tie by id */
    match_index_put(ix, &a);
    assert_int_equal(top(ix, &n, 4, ids, NULL), 2);
    assert_int_equal(ids[0], 10);
    assert_int_equal(match_index_count(ix), 2);
    a.nskills = 0; /* edit: no skills any more */
    match_index_put(ix, &a);
    assert_int_equal(top(ix, &n, 4, ids, NULL), 1);
    assert_int_equal(ids[0], 20);
    match_index_remove(ix, 20); /* delete */
    assert_int_equal(top(ix, &n, 4, ids, NULL), 0);
    match_index_remove(ix, 20); /* twice: nothing */
    match_index_remove(ix, 999);
    assert_int_equal(match_index_count(ix), 1);
    match_index_free(ix);
}

/* --- random pools: the pruned top-k is the exact top-k ---------------------- */

static unsigned g_seed;
static unsigned rnd(unsigned n) {
    g_seed = g_seed * 1103515245u + 12345u;
    return (g_seed >> 8) % n;
}

/* Skills near one another in the reference, so that people share them. */
static const char *const POOL[] = {"java", "spring-boot", "spring", "kotlin", "sql", "postgresql", "docker",
                                   "kubernetes", "aws", "aws-eks", "git", "github", "github-actions", "python",
                                   "django", "react", "javascript", "typescript", "angular", "computer-programming"};
enum { NPOOL = sizeof POOL / sizeof POOL[0], PEOPLE = 1500 };

static void random_person(Arena *a, long long id, Person *p) {
    int k = (int)rnd(6);
    PersonSkill *s = arena_alloc(a, 6 * sizeof *s);
    int n = 0;
    for (int i = 0; i < k; i++) {
        const char *id_ = POOL[rnd(NPOOL)];
        bool dup = false;
        for (int j = 0; j < n; j++) dup |= strcmp(s[j].skill, id_) == 0;
        if (!dup) s[n++] = (PersonSkill){id_, 1 + (int)rnd(5), (int)rnd(8) - 1};
    }
    static const char *const CITIES[] = {"Lyon", "Paris", NULL, "Nantes"};
    static const char *const DATES[] = {NULL, "2026-12-01", "2027-01-20", "2027-04-01"};
    *p = person(id, s, n);
    p->kind = rnd(2) ? "consultant" : "candidate";
    p->location = CITIES[rnd(4)];
    p->available_from = DATES[rnd(4)];
    p->daily_rate = rnd(3) ? 400 + 50 * (long long)rnd(8) : -1;
}

static void random_need(Arena *a, Need *n, bool mandatory) {
    int k = 1 + (int)rnd(6);
    Requirement *r = arena_alloc(a, 6 * sizeof *r);
    int m = 0;
    for (int i = 0; i < k; i++) {
        const char *id = POOL[rnd(NPOOL)];
        bool dup = false;
        for (int j = 0; j < m; j++) dup |= strcmp(r[j].skill, id) == 0;
        if (!dup) r[m++] = (Requirement){id, 1 + (int)rnd(5), 1 + (int)rnd(5), mandatory && rnd(3) == 0};
    }
    *n = need_of(r, m);
    if (rnd(2)) n->start_date = "2027-01-05";
    if (rnd(2)) n->location = "Lyon", n->remote = rnd(2) ? "partial" : "none";
    if (rnd(2)) n->daily_rate_max = 550;
}

/* Expected: score everyone alive, keep those with credit, sort. */
static int expected_top(Arena *a, const Need *n, const Person *people, const bool *alive, int np, int limit,
                        long long *out, int *tenths) {
    Person *live = arena_alloc(a, (size_t)np * sizeof *live);
    int nl = 0;
    for (int i = 0; i < np; i++)
        if (alive[i]) live[nl++] = people[i];
    MatchScore *m = rank_people(a, n, live, nl);
    int k = 0;
    for (int i = 0; i < nl && k < limit; i++) {
        if (m[i].nmissing == n->nskills) continue;
        tenths[k] = m[i].tenths;
        out[k++] = m[i].person_id;
    }
    return k;
}

/* People alive with credit for some requirement of n. */
static long with_credit(Arena *a, const Need *n, const Person *people, const bool *alive, int np) {
    MatchScore *m = rank_people(a, n, people, np);
    long k = 0;
    for (int i = 0; i < np; i++) k += alive[m[i].index] && m[i].nmissing < n->nskills;
    return k;
}

/* Needs answered from the bitsets when asked to (the others fell back to the lists). */
static int g_by_bitsets;

static void check_against_scoring(MatchIndex *ix, Arena *a, const Person *people, const bool *alive, int np,
                                  bool mandatory, int needs) {
    for (int t = 0; t < needs; t++) {
        int path = t % 4; /* automatic, document at a time, term at a time, bitsets */
        Need n;
        random_need(a, &n, mandatory);
        int limit = 1 + (int)rnd(25);
        long long want[32], got[32];
        int tenths[32];
        int k = expected_top(a, &n, people, alive, np, limit, want, tenths);
        Arena qa = {0};
        MatchQuery q = {.limit = limit, .path = path, .count_total = true};
        MatchResult r;
        assert_int_equal(match_rank(ix, &qa, &n, &q, &r), 0);
        g_by_bitsets += path == MATCH_BITSETS && r.path == MATCH_BITSETS;
        assert_int_equal(r.n, k);
        assert_int_equal(r.total, with_credit(a, &n, people, alive, np));
        for (int i = 0; i < k; i++) {
            got[i] = r.hits[i].person.id;
            assert_int_equal(got[i], want[i]);
            assert_int_equal(r.hits[i].score.tenths, tenths[i]);
        }
        arena_free(&qa);
    }
}

static void test_pruned_top_k_equals_scoring_everyone_on_random_pools(void **state) {
    (void)state;
    g_seed = 42;
    Arena a = {0};
    Person *people = arena_alloc(&a, PEOPLE * sizeof *people);
    bool *alive = arena_alloc(&a, PEOPLE * sizeof *alive);
    MatchIndex *ix = match_index_new();
    for (int i = 0; i < PEOPLE; i++) {
        random_person(&a, i + 1, &people[i]);
        alive[i] = true;
        assert_int_equal(match_index_put(ix, &people[i]), 0);
    }
    check_against_scoring(ix, &a, people, alive, PEOPLE, false, 90);
    check_against_scoring(ix, &a, people, alive, PEOPLE, true, 90);
    /* many edits and deletes (compactions run on the way) */
    for (int e = 0; e < 3000; e++) {
        int i = (int)rnd(PEOPLE);
        if (rnd(4) == 0) {
            match_index_remove(ix, people[i].id);
            alive[i] = false;
        } else {
            random_person(&a, people[i].id, &people[i]);
            match_index_put(ix, &people[i]);
            alive[i] = true;
        }
    }
    int live = 0;
    for (int i = 0; i < PEOPLE; i++) live += alive[i];
    assert_int_equal(match_index_count(ix), live);
    check_against_scoring(ix, &a, people, alive, PEOPLE, false, 40);
    check_against_scoring(ix, &a, people, alive, PEOPLE, true, 40);
    assert_int_equal(match_index_compact(ix), 0);
    check_against_scoring(ix, &a, people, alive, PEOPLE, true, 20);
    assert_true(g_by_bitsets > 40); /* of 80 asked: the bitset path was really tested */
    match_index_free(ix);
    arena_free(&a);
}

/* --- filters and pages ---------------------------------------------------- */

static bool only_consultants(const MatchCandidate *c, void *arg) {
    (void)arg;
    return c->consultant;
}

static void test_filters_pages_and_mandatory_only_searches(void **state) {
    (void)state;
    g_seed = 7;
    Arena a = {0};
    MatchIndex *ix = match_index_new();
    Person *people = arena_alloc(&a, 400 * sizeof *people);
    for (int i = 0; i < 400; i++) {
        random_person(&a, i + 1, &people[i]);
        match_index_put(ix, &people[i]);
    }
    Requirement r[] = {{"java", 1, 1, true}, {"sql", 1, 1, false}};
    Need n = need_of(r, 2);
    MatchQuery all = {.limit = 200, .only_mandatory_met = true, .accept = only_consultants};
    MatchResult whole, page;
    Arena qa = {0};
    assert_int_equal(match_rank(ix, &qa, &n, &all, &whole), 0);
    assert_true(whole.n > 3);
    assert_int_equal(whole.n, whole.mandatory_met);
    for (int i = 0; i < whole.n; i++) {
        assert_true(whole.hits[i].score.mandatory_met);
        assert_string_equal(whole.hits[i].person.kind, "consultant");
    }
    MatchQuery second = all;
    second.limit = 2;
    second.offset = 2;
    assert_int_equal(match_rank(ix, &qa, &n, &second, &page), 0);
    assert_int_equal(page.n, 2);
    assert_int_equal(page.hits[0].person.id, whole.hits[2].person.id);
    assert_int_equal(page.hits[1].person.id, whole.hits[3].person.id);
    arena_free(&qa);
    match_index_free(ix);
    arena_free(&a);
}

static void test_index_memory_stays_under_a_hundred_bytes_per_person_skill(void **state) {
    (void)state;
    g_seed = 3;
    Arena a = {0};
    MatchIndex *ix = match_index_new();
    long skills = 0;
    for (int i = 0; i < 20000; i++) {
        Person p;
        random_person(&a, i + 1, &p);
        skills += p.nskills;
        match_index_put(ix, &p);
    }
    /* the fixed part (one empty list per skill of the reference) aside */
    size_t fixed = (size_t)skills_count() * sizeof(MatchPostings);
    assert_true((match_index_bytes(ix) - fixed) / (size_t)skills < 100);
    match_index_free(ix);
    arena_free(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_index_ranks_like_the_scoring_and_leaves_out_people_without_credit),
        cmocka_unit_test(test_empty_need_and_empty_index_rank_nobody),
        cmocka_unit_test(test_levels_outside_one_to_five_and_unknown_skills_are_not_indexed),
        cmocka_unit_test(test_implied_skills_are_found_through_the_index),
        cmocka_unit_test(test_create_edit_delete_change_the_next_ranking_at_once),
        cmocka_unit_test(test_pruned_top_k_equals_scoring_everyone_on_random_pools),
        cmocka_unit_test(test_filters_pages_and_mandatory_only_searches),
        cmocka_unit_test(test_index_memory_stays_under_a_hundred_bytes_per_person_skill),
    };
    return cmocka_run_group_tests_name("matching index", tests, load_reference, unload_reference);
}
