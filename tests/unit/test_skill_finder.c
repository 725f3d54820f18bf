/* Skills proposed from the text of a CV (domain/skill_finder.c) and the
 * word splitting under it (lib/words.c): whole words, longest names first,
 * accents and case ignored, and the stricter rules for names that are
 * ordinary words ("C'est", "R&D", "let's go"). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "domain/skill_finder.h"
#include "domain/skills.h"
#include "skills_fixture.h"
#include "lib/words.h"

/* The ids found in text, comma-separated, in order of first mention. */
static const char *found(const char *text) {
    static char out[1024];
    SkillFound f[64];
    int n = skills_find(text, strlen(text), f, 64);
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        if (i) strcat(out, ",");
        strcat(out, f[i].skill->id);
    }
    return out;
}

static bool has(const char *text, const char *id) {
    const char *all = found(text);
    size_t n = strlen(id);
    for (const char *p = all; (p = strstr(p, id)); p += n)
        if ((p == all || p[-1] == ',') && (p[n] == ',' || p[n] == '\0')) return true;
    return false;
}

static void test_words_keep_dotted_slashed_and_plus_names_whole(void **state) {
    (void)state;
    const char *t = "Node.js, CI/CD et C++ ; .NET (C#) R&D C'est front-end.";
    Word w[16];
    size_t n = words_split(t, strlen(t), w, 16, NULL);
    const char *want[] = {"Node.js", "CI/CD", "et", "C++", ".NET", "C#", "R", "D", "C", "est", "front-end"};
    assert_int_equal(n, N_ELEMS(want));
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(w[i].len, strlen(want[i]));
        assert_memory_equal(t + w[i].start, want[i], w[i].len);
    }
}

static void test_words_split_stops_at_max_and_says_where(void **state) {
    (void)state;
    const char *t = "un deux trois";
    Word w[2];
    size_t next;
    assert_int_equal(words_split(t, strlen(t), w, 2, &next), 2);
    assert_int_equal(words_split(t + next, strlen(t) - next, w, 2, NULL), 1);
}

static void test_skills_are_found_whatever_the_case_and_accents(void **state) {
    (void)state;
    assert_true(has("je code en JAVA et en python", "java"));
    assert_true(has("je code en JAVA et en python", "python"));
    assert_true(has("Méthodes AGILES", "agile"));
    assert_true(has("methodes agiles", "agile"));
    assert_true(has("Déploiement sur kubernetes (k8s)", "kubernetes"));
}

static void test_the_longest_name_wins(void **state) {
    (void)state;
    assert_string_equal(found("Spring Boot"), "spring-boot");
    assert_true(has("Amazon Web Services (AWS)", "aws"));
    assert_false(has("Spring Boot", "spring"));
}

static void test_names_match_whole_words_only(void **state) {
    (void)state;
    assert_false(has("javascriptement", "javascript"));
    assert_false(has("Javanais", "java"));
    assert_true(has("Java.", "java"));
}

static void test_c_is_a_language_in_a_list_or_after_a_language_word(void **state) {
    (void)state;
    assert_true(has("Langages : C, C++, Python", "c"));
    assert_true(has("développeur en C embarqué", "c"));
    assert_true(has("Python / C / Rust", "c"));
    assert_true(has("- C\n- Go", "c"));
}

static void test_c_in_ordinary_french_is_not_a_language(void **state) {
    (void)state;
    assert_false(has("C'est en 2019 que j'ai rejoint l'équipe.", "c"));
    assert_false(has("C’est là que j’ai appris.", "c"));
    assert_false(has("Vitamine C et sport", "c"));
    assert_false(has("c, comme on dit", "c"));
}

static void test_r_and_d_is_not_the_r_language(void **state) {
    (void)state;
    assert_false(has("Ingénieur R&D chez Thales", "r"));
    assert_true(has("Statistiques avec le langage R.", "r"));
    assert_true(has("Python, R, SQL", "r"));
}

static void test_go_the_verb_is_not_go_the_language(void **state) {
    (void)state;
    assert_false(has("Let's go further with the team", "go"));
    assert_false(has("Go to market strategy for the product", "go"));
    assert_false(has("ready to go, on time", "go"));
    assert_true(has("wrote tools in Go for the platform", "go"));
    assert_true(has("Languages: Go, Rust", "go"));
    assert_true(has("Python and Go services", "go"));
}

static void test_common_words_need_a_capital(void **state) {
    (void)state;
    assert_false(has("the rust on the car", "rust"));
    assert_true(has("Rust and Python", "rust"));
    assert_false(has("j'ai appris", "ai"));
}

static void test_a_french_noun_before_de_is_not_a_tool(void **state) {
    (void)state;
    assert_false(has("Chef de projet informatique", "chef-infra"));
    assert_false(has("Chef d'équipe de 4 personnes", "chef-infra"));
    assert_true(has("Puppet, Chef, Ansible", "chef-infra"));
}

static void test_each_skill_is_proposed_once_with_its_count_and_first_place(void **state) {
    (void)state;
    const char *t = "Java ici. Encore Java et java.";
    SkillFound f[8];
    int n = skills_find(t, strlen(t), f, 8);
    assert_int_equal(n, 1);
    assert_string_equal(f[0].skill->id, "java");
    assert_int_equal(f[0].count, 3);
    assert_int_equal(f[0].at, 0);
    char *ev = skills_evidence(t, strlen(t), f[0].at);
    assert_string_equal(ev, t);
    free(ev);
    /* the line of the mention, cut on words around it */
    const char *cv = "Awa Diallo\nCompétences : Java, Python, SQL\nLangues";
    ev = skills_evidence(cv, strlen(cv), strstr(cv, "Python") - cv);
    assert_string_equal(ev, "Compétences : Java, Python, SQL");
    free(ev);
    char longline[400];
    snprintf(longline, sizeof longline, "%s Kafka %s", "un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze",
             "quinze seize dix-sept dix-huit dix-neuf vingt vingt-et-un vingt-deux vingt-trois vingt-quatre vingt-cinq vingt-six");
    ev = skills_evidence(longline, strlen(longline), strstr(longline, "Kafka") - longline);
    assert_non_null(strstr(ev, "Kafka"));
    assert_true(strlen(ev) < 140);
    assert_true(strncmp(ev + strlen(ev) - 4, " …", 4) == 0);
    free(ev);
}

static void test_hostile_text_is_harmless(void **state) {
    (void)state;
    char big[70000];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_string_equal(found(big), "");
    const char bad[] = "Java \xff\xfe C, \xc3 Python";
    SkillFound f[8];
    int n = skills_find(bad, sizeof bad - 1, f, 8);
    assert_true(n >= 1);
    assert_int_equal(skills_find("", 0, f, 8), 0);
    assert_int_equal(skills_find("Java Python SQL", 15, f, 1), 1); /* max respected */
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_keep_dotted_slashed_and_plus_names_whole),
        cmocka_unit_test(test_words_split_stops_at_max_and_says_where),
        cmocka_unit_test(test_skills_are_found_whatever_the_case_and_accents),
        cmocka_unit_test(test_the_longest_name_wins),
        cmocka_unit_test(test_names_match_whole_words_only),
        cmocka_unit_test(test_c_is_a_language_in_a_list_or_after_a_language_word),
        cmocka_unit_test(test_c_in_ordinary_french_is_not_a_language),
        cmocka_unit_test(test_r_and_d_is_not_the_r_language),
        cmocka_unit_test(test_go_the_verb_is_not_go_the_language),
        cmocka_unit_test(test_common_words_need_a_capital),
        cmocka_unit_test(test_a_french_noun_before_de_is_not_a_tool),
        cmocka_unit_test(test_each_skill_is_proposed_once_with_its_count_and_first_place),
        cmocka_unit_test(test_hostile_text_is_harmless),
    };
    return cmocka_run_group_tests_name("skills found in text", tests, load, unload);
}
