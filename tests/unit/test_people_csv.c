/* CSV files (lib/csv_table.c over libcsv), the columns of a people file and
 * the skills cell (domain/people_csv.c)
 * and the JSON Resume reading rules (domain/resume.c). */
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "domain/people_csv.h"
#include "domain/resume.h"
#include "lib/csv_table.h"

static void test_headers_match_by_name_whatever_the_case_accents_and_spacing(void **state) {
    (void)state;
    assert_int_equal(people_csv_column("first_name"), PCOL_FIRST_NAME);
    assert_int_equal(people_csv_column(" First Name "), PCOL_FIRST_NAME);
    assert_int_equal(people_csv_column("FIRST-NAME"), PCOL_FIRST_NAME);
    assert_int_equal(people_csv_column("Prénom"), PCOL_FIRST_NAME);
    assert_int_equal(people_csv_column("NOM"), PCOL_LAST_NAME);
    assert_int_equal(people_csv_column("E-mail"), PCOL_EMAIL);
    assert_int_equal(people_csv_column("Téléphone"), PCOL_PHONE);
    assert_int_equal(people_csv_column("ville"), PCOL_LOCATION);
    assert_int_equal(people_csv_column("Available from"), PCOL_AVAILABLE_FROM);
    assert_int_equal(people_csv_column("TJM"), PCOL_DAILY_RATE);
    assert_int_equal(people_csv_column("Compétences"), PCOL_SKILLS);
    assert_int_equal(people_csv_column("kind"), PCOL_KIND);
    for (int c = 0; c < PCOL_COUNT; c++) assert_int_equal(people_csv_column(PEOPLE_CSV_COLUMNS[c]), c);
}

static void test_unknown_or_empty_headers_are_no_column(void **state) {
    (void)state;
    assert_int_equal(people_csv_column("notes"), -1);
    assert_int_equal(people_csv_column(""), -1);
    assert_int_equal(people_csv_column("first name 2"), -1);
    assert_int_equal(people_csv_column(NULL), -1);
    assert_int_equal(people_csv_column("\xff\xfe"), -1);
}

static void skill_is(const SkillCell *c, const char *name, int level) {
    assert_int_equal(c->name_len, strlen(name));
    assert_memory_equal(c->name, name, c->name_len);
    assert_int_equal(c->level, level);
}

static void test_the_skills_cell_reads_name_colon_level_items(void **state) {
    (void)state;
    SkillCell out[8];
    int n;
    const char *bad;
    assert_int_equal(people_csv_skills("java:4 kubernetes:3", out, 8, &n, &bad), SKILLS_CELL_OK);
    assert_int_equal(n, 2);
    skill_is(&out[0], "java", 4);
    skill_is(&out[1], "kubernetes", 3);
    assert_int_equal(people_csv_skills(" spring boot : 3 , c++:5;c#:1\n", out, 8, &n, &bad), SKILLS_CELL_OK);
    assert_int_equal(n, 3);
    skill_is(&out[0], "spring boot", 3);
    skill_is(&out[1], "c++", 5);
    skill_is(&out[2], "c#", 1);
    assert_int_equal(people_csv_skills("", out, 8, &n, &bad), SKILLS_CELL_OK);
    assert_int_equal(n, 0);
    assert_int_equal(people_csv_skills(NULL, out, 8, &n, &bad), SKILLS_CELL_OK);
}

static void test_the_skills_cell_names_the_item_in_error(void **state) {
    (void)state;
    SkillCell out[2];
    int n;
    const char *bad;
    assert_int_equal(people_csv_skills("java:4 sql", out, 2, &n, &bad), SKILLS_CELL_NO_LEVEL);
    assert_int_equal(n, 1);
    assert_string_equal(bad, "sql");
    assert_int_equal(people_csv_skills("java, sql:2", out, 2, &n, &bad), SKILLS_CELL_NO_LEVEL);
    assert_int_equal(people_csv_skills("java:9", out, 2, &n, &bad), SKILLS_CELL_BAD_LEVEL);
    assert_int_equal(people_csv_skills("java:45", out, 2, &n, &bad), SKILLS_CELL_BAD_LEVEL);
    assert_int_equal(people_csv_skills("java:expert", out, 2, &n, &bad), SKILLS_CELL_BAD_LEVEL);
    assert_int_equal(people_csv_skills("java:", out, 2, &n, &bad), SKILLS_CELL_BAD_LEVEL);
    assert_int_equal(people_csv_skills(":3", out, 2, &n, &bad), SKILLS_CELL_NO_LEVEL);
    assert_int_equal(people_csv_skills("a:1 b:2 c:3", out, 2, &n, &bad), SKILLS_CELL_TOO_MANY);
    assert_string_equal(bad, "c:3");
}

static CsvTable read_text(Arena *a, const char *text, CsvTableResult want) {
    CsvTable t;
    assert_int_equal(csv_table_read(a, text, strlen(text), 100, 16, &t), want);
    return t;
}

static void test_csv_reads_a_bom_semicolons_quotes_and_embedded_newlines(void **state) {
    (void)state;
    Arena a = {0};
    CsvTable t = read_text(&a, "\xEF\xBB\xBFnom;prénom\r\n\"Diallo; \"\"Awa\"\"\";\"ligne 1\r\nligne 2\"\r\n\r\n;\r\nx;y", CSV_TABLE_OK);
    assert_true(t.bom);
    assert_int_equal(t.sep, ';');
    assert_int_equal(t.nrows, 3); /* blank lines, even made of separators, are skipped */
    assert_string_equal(t.rows[0].cells[0], "nom");
    assert_string_equal(t.rows[0].cells[1], "prénom");
    assert_string_equal(t.rows[1].cells[0], "Diallo; \"Awa\"");
    assert_string_equal(t.rows[1].cells[1], "ligne 1\r\nligne 2");
    assert_string_equal(t.rows[2].cells[1], "y");
    arena_free(&a);
}

static void test_csv_detects_the_separator_from_the_header_line(void **state) {
    (void)state;
    assert_int_equal(csv_table_detect_sep("a,b,c\nx;y;z;w;v", 15), ',');
    assert_int_equal(csv_table_detect_sep("a;b;c\n", 6), ';');
    assert_int_equal(csv_table_detect_sep("\"a;b\",c\n", 8), ',');
    assert_int_equal(csv_table_detect_sep("a\tb\tc", 5), '\t');
    assert_int_equal(csv_table_detect_sep("\xEF\xBB\xBF" "a;b", 6), ';');
    assert_int_equal(csv_table_detect_sep("single", 6), ',');
    assert_int_equal(csv_table_detect_sep("", 0), ',');
}

static void test_csv_follows_excels_sep_line(void **state) {
    (void)state;
    Arena a = {0};
    CsvTable t = read_text(&a, "sep=,\r\nnom;x,prenom\r\nA;1,B\r\n", CSV_TABLE_OK);
    assert_int_equal(t.sep, ',');
    assert_int_equal(t.nrows, 2);
    assert_string_equal(t.rows[0].cells[0], "nom;x");
    assert_string_equal(t.rows[1].cells[1], "B");
    arena_free(&a);
}

static void test_csv_refuses_open_quotes_nul_bytes_and_too_much(void **state) {
    (void)state;
    Arena a = {0};
    read_text(&a, "a,b\n\"open,x\n", CSV_TABLE_MALFORMED);
    CsvTable t;
    assert_int_equal(csv_table_read(&a, "a,b\nx\0y,z\n", 10, 100, 16, &t), CSV_TABLE_MALFORMED);
    assert_int_equal(csv_table_read(&a, "a\nb\nc\n", 6, 2, 16, &t), CSV_TABLE_TOO_MANY_ROWS);
    assert_int_equal(csv_table_read(&a, "a,b,c\n", 6, 2, 2, &t), CSV_TABLE_TOO_MANY_CELLS);
    read_text(&a, "", CSV_TABLE_OK);
    arena_free(&a);
}

static void test_csv_cells_are_quoted_only_when_needed_and_formulas_made_inert(void **state) {
    (void)state;
    Buf b = BUF_INIT;
    const char *cells[] = {"plain", "a;b", "say \"hi\"", "two\nlines", " padded", "=1+1", "@cmd", "+33 6 12", "-5", "+x", "", NULL};
    for (int i = 0; cells[i]; i++) {
        csv_table_write_cell(&b, cells[i], ';');
        buf_puts(&b, "|");
    }
    csv_table_write_cell(&b, NULL, ';');
    assert_string_equal(buf_str(&b), "plain|\"a;b\"|\"say \"\"hi\"\"\"|\"two\nlines\"|\" padded\"|'=1+1|'@cmd|+33 6 12|-5|'+x||");
    buf_reset(&b);
    csv_table_write_cell(&b, "a;b", ',');
    assert_string_equal(buf_str(&b), "a;b");
    buf_free(&b);
}

static void test_resume_level_words_become_levels(void **state) {
    (void)state;
    assert_int_equal(resume_level("Master"), 5);
    assert_int_equal(resume_level(" expert "), 5);
    assert_int_equal(resume_level("Advanced"), 4);
    assert_int_equal(resume_level("Confirmé"), 4);
    assert_int_equal(resume_level("Intermediate"), 3);
    assert_int_equal(resume_level("INTERMÉDIAIRE"), 3);
    assert_int_equal(resume_level("Elementary"), 2);
    assert_int_equal(resume_level("Beginner"), 1);
    assert_int_equal(resume_level("Débutant"), 1);
    assert_int_equal(resume_level("4"), 4);
    assert_int_equal(resume_level("2/5"), 2);
    assert_int_equal(resume_level("6"), 0);
    assert_int_equal(resume_level("legendary"), 0);
    assert_int_equal(resume_level(NULL), 0);
    for (int l = 1; l <= 5; l++) assert_int_equal(resume_level(resume_level_word(l)), l);
}

static void split_is(const char *name, const char *first, const char *last) {
    char *buf;
    const char *f, *l;
    assert_true(resume_split_name(name, &buf, &f, &l));
    assert_string_equal(f, first);
    assert_string_equal(l, last);
    free(buf);
}

static void test_resume_names_split_into_first_and_last_name(void **state) {
    (void)state;
    split_is("Awa Diallo", "Awa", "Diallo");
    split_is("  Jean  Pierre Martin ", "Jean  Pierre", "Martin");
    split_is("Jean-Éric de La Tour", "Jean-Éric", "de La Tour");
    split_is("Ludwig van Beethoven", "Ludwig", "van Beethoven");
    split_is("DIALLO Awa Marie", "Awa Marie", "DIALLO");
    split_is("AWA DIALLO", "AWA", "DIALLO");
    char *buf;
    const char *f, *l;
    assert_false(resume_split_name("Madonna", &buf, &f, &l));
    free(buf);
    assert_false(resume_split_name("   ", &buf, &f, &l));
    free(buf);
}

static void test_resume_dates_give_months(void **state) {
    (void)state;
    assert_int_equal(resume_months("2015-01", "2020-01", 2026, 12), 60);
    assert_int_equal(resume_months("2020-01-15", "2022-01-15", 2026, 12), 24);
    assert_int_equal(resume_months("2024", NULL, 2026, 12), 35);
    assert_int_equal(resume_months("2024-06", "", 2026, 6), 24);
    assert_int_equal(resume_months("2022-01", "2020-01", 2026, 12), 0);
    assert_int_equal(resume_months("2020-13", NULL, 2026, 12), -1);
    assert_int_equal(resume_months("soon", NULL, 2026, 12), -1);
    assert_int_equal(resume_months(NULL, NULL, 2026, 12), -1);
    assert_false(resume_valid_date("2020-02-30"));
    assert_true(resume_valid_date("2020-02-29"));
}

static void test_resume_words_are_whole_words(void **state) {
    (void)state;
    assert_true(resume_has_word("developpeur java senior", "java"));
    assert_true(resume_has_word("java.", "java"));
    assert_false(resume_has_word("javascript", "java"));
    assert_false(resume_has_word("c++ et c#", "c"));
    assert_true(resume_has_word("c++ et c#", "c#"));
    assert_true(resume_has_word("node.js", "node.js"));
    assert_false(resume_has_word("node.js", "node"));
    assert_false(resume_has_word("anything", ""));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_headers_match_by_name_whatever_the_case_accents_and_spacing),
        cmocka_unit_test(test_unknown_or_empty_headers_are_no_column),
        cmocka_unit_test(test_the_skills_cell_reads_name_colon_level_items),
        cmocka_unit_test(test_the_skills_cell_names_the_item_in_error),
        cmocka_unit_test(test_csv_reads_a_bom_semicolons_quotes_and_embedded_newlines),
        cmocka_unit_test(test_csv_detects_the_separator_from_the_header_line),
        cmocka_unit_test(test_csv_follows_excels_sep_line),
        cmocka_unit_test(test_csv_refuses_open_quotes_nul_bytes_and_too_much),
        cmocka_unit_test(test_csv_cells_are_quoted_only_when_needed_and_formulas_made_inert),
        cmocka_unit_test(test_resume_level_words_become_levels),
        cmocka_unit_test(test_resume_names_split_into_first_and_last_name),
        cmocka_unit_test(test_resume_dates_give_months),
        cmocka_unit_test(test_resume_words_are_whole_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
