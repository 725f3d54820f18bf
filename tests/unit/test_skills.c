/* The skills reference (domain/skills.c) loaded from the data embedded in
 * the binary: resolving ids, labels and aliases whatever the case and the
 * accents, type-ahead ranking, and suggestions for misspelt skills. */
#include <string.h>
#include "unit.h"
#include "domain/skills.h"
#include "skills_fixture.h"

static const char *resolve(const char *text) {
    const Skill *s = skills_resolve(text);
    return s ? s->id : "(null)";
}

/* Position of id in out[0..n), or -1. */
static int position(const Skill **out, int n, const char *id) {
    for (int i = 0; i < n; i++)
        if (strcmp(out[i]->id, id) == 0) return i;
    return -1;
}

static void test_reference_holds_hundreds_of_skills_with_both_labels(void **state) {
    (void)state;
    assert_true(skills_count() > 500);
    const Skill *java = skills_get("java");
    assert_non_null(java);
    assert_string_equal(java->label_en, "Java");
    assert_string_equal(java->label_fr, "Java");
    assert_string_equal(java->category, "language");
    const Skill *c = skills_get("c");
    assert_non_null(c);
    assert_string_equal(c->label_fr, "Langage C");
}

static void test_get_takes_exact_ids_only(void **state) {
    (void)state;
    assert_non_null(skills_get("kubernetes"));
    assert_null(skills_get("Kubernetes"));
    assert_null(skills_get("k8s"));
    assert_null(skills_get(""));
    assert_null(skills_get(NULL));
}

static void test_resolve_ignores_case(void **state) {
    (void)state;
    assert_string_equal(resolve("java"), "java");
    assert_string_equal(resolve("JAVA"), "java");
    assert_string_equal(resolve("Java"), "java");
    assert_string_equal(resolve("jAvAsCrIpT"), "javascript");
}

static void test_resolve_finds_aliases(void **state) {
    (void)state;
    assert_string_equal(resolve("k8s"), "kubernetes");
    assert_string_equal(resolve("K8S"), "kubernetes");
    assert_string_equal(resolve("Postgres"), "postgresql");
    assert_string_equal(resolve("c#"), "csharp");
    assert_string_equal(resolve("C++"), "cpp");
    assert_string_equal(resolve(".NET"), "dotnet");
    assert_string_equal(resolve("Node.js"), "nodejs");
}

static void test_resolve_ignores_accents_in_french_labels(void **state) {
    (void)state;
    assert_string_equal(resolve("Développement web"), "web-programming");
    assert_string_equal(resolve("developpement web"), "web-programming");
    assert_string_equal(resolve("DÉVELOPPEMENT WEB"), "web-programming");
    assert_string_equal(resolve("De\xcc\x81veloppement web"), "web-programming"); /* decomposed é */
    assert_string_equal(resolve("Développement front-end"), "frontend");
    assert_string_equal(resolve("developpement front-end"), "frontend");
}

static void test_resolve_takes_labels_in_both_languages(void **state) {
    (void)state;
    assert_string_equal(resolve("Langage C"), "c");
    assert_string_equal(resolve("langage r"), "r");
    assert_string_equal(resolve("Front-end development"), "frontend");
}

static void test_short_names_c_r_and_go_resolve(void **state) {
    (void)state;
    assert_string_equal(resolve("C"), "c");
    assert_string_equal(resolve("c"), "c");
    assert_string_equal(resolve("R"), "r");
    assert_string_equal(resolve("Go"), "go");
    assert_string_equal(resolve("GO"), "go");
}

static void test_resolve_ignores_spaces_around_the_text(void **state) {
    (void)state;
    assert_string_equal(resolve("  java  "), "java");
    assert_string_equal(resolve("\xc2\xa0k8s\t"), "kubernetes");
}

static void test_unknown_skill_resolves_to_null(void **state) {
    (void)state;
    assert_null(skills_resolve("xyzzyq"));
    assert_null(skills_resolve("jaav"));
    assert_null(skills_resolve(""));
    assert_null(skills_resolve("   "));
    assert_null(skills_resolve("jav")); /* a prefix is not a skill */
    assert_null(skills_resolve("\xff\xfe")); /* invalid UTF-8 */
}

static void test_typeahead_jav_puts_java_first(void **state) {
    (void)state;
    const Skill *out[10];
    int n = skills_search("jav", out, 10);
    assert_true(n >= 2);
    assert_string_equal(out[0]->id, "java");
    assert_true(position(out, n, "javascript") > 0);
}

static void test_typeahead_puts_prefix_matches_before_substring_matches(void **state) {
    (void)state;
    const Skill *out[50];
    int n = skills_search("sql", out, 50);
    assert_string_equal(out[0]->id, "sql");
    int sqlite = position(out, n, "sqlite"), nosql = position(out, n, "nosql"), plsql = position(out, n, "plsql");
    assert_true(sqlite > 0 && nosql > 0 && plsql > 0);
    assert_true(sqlite < nosql);
    assert_true(sqlite < plsql);
}

static void test_typeahead_puts_word_starts_before_matches_inside_a_word(void **state) {
    (void)state;
    const Skill *out[50];
    int n = skills_search("script", out, 50);
    int word = position(out, n, "use-scripting-programming"), inside = position(out, n, "javascript");
    assert_true(word >= 0 && inside >= 0);
    assert_true(word < inside);
}

static void test_typeahead_finds_french_labels_without_accents(void **state) {
    (void)state;
    const Skill *out[10];
    int n = skills_search("langage", out, 10);
    assert_true(n >= 2);
    assert_string_equal(out[0]->id, "c"); /* "Langage C" and "Langage R": shortest, then by id */
    assert_string_equal(out[1]->id, "r");
    n = skills_search("developpement front", out, 10);
    assert_true(n >= 1);
    assert_string_equal(out[0]->id, "frontend");
    n = skills_search("DÉVELOPPEMENT FRONT", out, 10);
    assert_true(n >= 1);
    assert_string_equal(out[0]->id, "frontend");
}

static void test_typeahead_short_names_come_first(void **state) {
    (void)state;
    const Skill *out[10];
    assert_true(skills_search("C", out, 10) > 0);
    assert_string_equal(out[0]->id, "c");
    assert_true(skills_search("r", out, 10) > 0);
    assert_string_equal(out[0]->id, "r");
    assert_true(skills_search("Go", out, 10) > 0);
    assert_string_equal(out[0]->id, "go");
}

static void test_typeahead_respects_max_and_lists_each_skill_once(void **state) {
    (void)state;
    const Skill *out[5];
    assert_int_equal(skills_search("a", out, 5), 5);
    assert_int_equal(skills_search("", out, 3), 3); /* an empty query lists skills */
    const Skill *many[200];
    int n = skills_search("java", many, 200);
    for (int i = 0; i < n; i++)
        for (int k = i + 1; k < n; k++) assert_ptr_not_equal(many[i], many[k]);
}

static void test_typeahead_without_match_returns_nothing(void **state) {
    (void)state;
    const Skill *out[10];
    assert_int_equal(skills_search("xyzzyq", out, 10), 0);
    assert_int_equal(skills_search("\xff", out, 10), 0);
}

static void test_typeahead_ignores_spaces_around_the_query(void **state) {
    (void)state;
    /* skills_resolve trims its text; the type-ahead should read " java"
     * (a pasted value, a stray key) the same as "java". */
    const Skill *out[10];
    int n = skills_search(" java", out, 10);
    assert_true(n >= 1);
    assert_string_equal(out[0]->id, "java");
    n = skills_search("java  ", out, 10);
    assert_true(n >= 1);
    assert_string_equal(out[0]->id, "java");
}

static void test_suggestions_catch_typos(void **state) {
    (void)state;
    const Skill *out[3];
    assert_true(skills_suggest("jaav", out, 3) >= 1);
    assert_string_equal(out[0]->id, "java");
    assert_true(skills_suggest("kubernets", out, 3) >= 1);
    assert_string_equal(out[0]->id, "kubernetes");
    assert_true(skills_suggest("pyhton", out, 3) >= 1);
    assert_string_equal(out[0]->id, "python");
    assert_true(skills_suggest("Postgress", out, 3) >= 1);
    assert_string_equal(out[0]->id, "postgresql");
}

static void test_suggestions_for_nonsense_are_empty(void **state) {
    (void)state;
    const Skill *out[3];
    assert_int_equal(skills_suggest("xyzzyq", out, 3), 0);
}

static void test_suggestions_respect_max(void **state) {
    (void)state;
    const Skill *out[2];
    assert_true(skills_suggest("jaav", out, 2) <= 2);
    assert_int_equal(skills_suggest("jaav", out, 0), 0);
}

/* Runs last: it leaves the tiny reference loaded (loading the real one
 * again would double the run time under ASan). */
static void test_reload_replaces_the_reference(void **state) {
    (void)state;
    const char skills[] = "id\tlabel_en\tlabel_fr\tcategory\tesco_uri\tbroader\timplies\n"
                          "zig\tZig\tZig\tlanguage\t\t\t\n";
    const char aliases[] = "alias\tskill_id\nziglang\tzig\nnope\tunknown-id\n";
    assert_int_equal(skills_load(skills, sizeof skills - 1, aliases, sizeof aliases - 1), 0);
    assert_int_equal(skills_count(), 1);
    assert_string_equal(resolve("ZIGLANG"), "zig");
    assert_null(skills_resolve("nope")); /* an alias of an unknown id is dropped */
    assert_null(skills_resolve("java"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reference_holds_hundreds_of_skills_with_both_labels),
        cmocka_unit_test(test_get_takes_exact_ids_only),
        cmocka_unit_test(test_resolve_ignores_case),
        cmocka_unit_test(test_resolve_finds_aliases),
        cmocka_unit_test(test_resolve_ignores_accents_in_french_labels),
        cmocka_unit_test(test_resolve_takes_labels_in_both_languages),
        cmocka_unit_test(test_short_names_c_r_and_go_resolve),
        cmocka_unit_test(test_resolve_ignores_spaces_around_the_text),
        cmocka_unit_test(test_unknown_skill_resolves_to_null),
        cmocka_unit_test(test_typeahead_jav_puts_java_first),
        cmocka_unit_test(test_typeahead_puts_prefix_matches_before_substring_matches),
        cmocka_unit_test(test_typeahead_puts_word_starts_before_matches_inside_a_word),
        cmocka_unit_test(test_typeahead_finds_french_labels_without_accents),
        cmocka_unit_test(test_typeahead_short_names_come_first),
        cmocka_unit_test(test_typeahead_respects_max_and_lists_each_skill_once),
        cmocka_unit_test(test_typeahead_without_match_returns_nothing),
        cmocka_unit_test(test_typeahead_ignores_spaces_around_the_query),
        cmocka_unit_test(test_suggestions_catch_typos),
        cmocka_unit_test(test_suggestions_for_nonsense_are_empty),
        cmocka_unit_test(test_suggestions_respect_max),
        cmocka_unit_test(test_reload_replaces_the_reference),
    };
    return cmocka_run_group_tests_name("skills reference", tests, load, unload);
}
