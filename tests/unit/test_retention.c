/* Retention and erasure without I/O: the CNIL's durations (domain/retention.c),
 * months added the calendar's way (lib/timeutil.c), names taken out of free
 * text (lib/redact.c), and archive names that stay inside a zip
 * (lib/zip_write.c), checked by reading the archive back with libzip. */
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include "unit.h"
#include "domain/retention.h"
#include "lib/redact.h"
#include "lib/timeutil.h"
#include "lib/zip_write.h"

static const RetentionPolicy CNIL = {RETENTION_REJECTED_MONTHS, RETENTION_POOL_MONTHS, RETENTION_WARNING_DAYS};

static long day(const char *iso) { return time_date_days(iso); }

static void assert_day(long d, const char *iso) {
    char out[11];
    time_days_iso(d, out);
    assert_string_equal(out, iso);
}

static void test_months_keep_the_day_or_take_the_last_of_a_shorter_month(void **state) {
    (void)state;
    assert_day(time_days_add_months(day("2026-01-15"), 3), "2026-04-15");
    assert_day(time_days_add_months(day("2026-11-30"), 3), "2027-02-28");
    assert_day(time_days_add_months(day("2027-11-30"), 3), "2028-02-29"); /* leap year */
    assert_day(time_days_add_months(day("2026-03-31"), -1), "2026-02-28");
    assert_day(time_days_add_months(day("2026-05-31"), 24), "2028-05-31");
    assert_day(time_days_add_months(day("2026-01-10"), -13), "2024-12-10");
    assert_int_equal(time_day_of("2026-05-02T23:59:59Z"), day("2026-05-02"));
    assert_int_equal(time_day_of("garbage"), -1);
    assert_int_equal(time_day_of(NULL), -1);
}

static void test_a_rejected_candidate_is_kept_three_months_after_the_process(void **state) {
    (void)state;
    RetentionFacts f = {.process_end = day("2026-01-20"), .last_contact = day("2026-01-20"), .pool_consent = -1};
    RetentionEnd e = retention_end(&CNIL, &f);
    assert_int_equal(e.reason, KEPT_PROCESS_ENDED);
    assert_day(e.until, "2026-04-20");
    assert_int_equal(retention_state(&CNIL, e, day("2026-03-20")), RETAIN_KEEP);
    assert_int_equal(retention_state(&CNIL, e, day("2026-03-21")), RETAIN_WARN); /* 30 days before */
    assert_int_equal(retention_state(&CNIL, e, day("2026-04-20")), RETAIN_WARN); /* the last day it may be kept */
    assert_int_equal(retention_state(&CNIL, e, day("2026-04-21")), RETAIN_EXPIRED);
}

static void test_the_talent_pool_keeps_two_years_after_the_last_contact(void **state) {
    (void)state;
    RetentionFacts f = {.process_end = day("2026-01-20"), .last_contact = day("2026-06-01"),
                        .pool_consent = day("2026-01-20")};
    RetentionEnd e = retention_end(&CNIL, &f);
    assert_int_equal(e.reason, KEPT_TALENT_POOL);
    assert_day(e.until, "2028-06-01");
    f.pool_consent = day("2027-02-01"); /* a renewal is a contact */
    assert_day(retention_end(&CNIL, &f).until, "2029-02-01");
    /* a shorter pool than the rejection rule never shortens it */
    RetentionPolicy shortpool = {6, 1, 30};
    f = (RetentionFacts){.process_end = day("2026-01-20"), .last_contact = -1, .pool_consent = day("2026-01-01")};
    e = retention_end(&shortpool, &f);
    assert_int_equal(e.reason, KEPT_PROCESS_ENDED);
    assert_day(e.until, "2026-07-20");
}

static void test_an_open_process_or_a_contract_has_no_end_date(void **state) {
    (void)state;
    RetentionFacts open = {.process_open = true, .process_end = day("2020-01-01"), .pool_consent = -1};
    RetentionEnd e = retention_end(&CNIL, &open);
    assert_int_equal(e.until, -1);
    assert_int_equal(e.reason, KEPT_PROCESS);
    assert_int_equal(retention_state(&CNIL, e, day("2030-01-01")), RETAIN_KEEP);
    RetentionFacts consultant = {.consultant = true, .process_end = day("2020-01-01"), .pool_consent = -1};
    assert_int_equal(retention_end(&CNIL, &consultant).reason, KEPT_CONTRACT);
    assert_string_equal(retention_reason_name(KEPT_TALENT_POOL), "talent_pool");
}

static void test_each_purpose_takes_its_own_basis(void **state) {
    (void)state;
    assert_true(legal_basis_fits("talent_pool", "consent"));
    assert_false(legal_basis_fits("talent_pool", "legitimate_interest"));
    assert_true(legal_basis_fits("employment", "contract"));
    assert_false(legal_basis_fits("employment", "consent"));
    assert_true(legal_basis_fits("recruitment", "pre_contract"));
    assert_false(legal_basis_fits("marketing", "consent"));
    assert_false(legal_basis_fits(NULL, "consent"));
    assert_true(legal_basis_revocable("consent"));
    assert_false(legal_basis_revocable("contract"));
    const char *purpose, *basis;
    legal_intake("candidate", "careers_form", &purpose, &basis);
    assert_string_equal(basis, "pre_contract");
    legal_intake("candidate", "import", &purpose, &basis);
    assert_string_equal(basis, "legitimate_interest");
    legal_intake("consultant", "api", &purpose, &basis);
    assert_string_equal(purpose, "employment");
}

static void check_redact(const char *text, const char *const *needles, int n, const char *want, int count) {
    int got = -1;
    char *out = text_redact(text, needles, n, "[X]", &got);
    assert_non_null(out);
    assert_string_equal(out, want);
    assert_int_equal(got, count);
    free(out);
}

static void test_names_are_taken_out_whole_whatever_the_case_and_accents(void **state) {
    (void)state;
    const char *n[] = {"Zéphyrin Quastelbaum", "Quastelbaum", "Zéphyrin", "z.q@mail.example"};
    check_redact("RDV avec Zéphyrin Quastelbaum (z.q@mail.example) demain", n, 4, "RDV avec [X] ([X]) demain", 2);
    check_redact("zephyrin QUASTELBAUM est venu", n, 4, "[X] est venu", 1);
    check_redact("Zéphyrin a rappelé ; Quastelbaum aussi.", n, 4, "[X] a rappelé ; [X] aussi.", 2);
    check_redact("Quastelbaumerie et Zéphyrine restent", n, 4, "Quastelbaumerie et Zéphyrine restent", 0);
    /* a decomposed é (e + combining acute) is the same letter */
    check_redact("Ze\xcc\x81phyrin est la\xcc\x80", n, 4, "[X] est la\xcc\x80", 1);
    const char *none[] = {NULL, "a", ""};
    check_redact("rien à retirer", none, 3, "rien à retirer", 0);
    check_redact("", n, 4, "", 0);
    int c;
    assert_null(text_redact("bad \xff utf-8", n, 4, "[X]", &c));
    assert_true(text_mentions("Bonjour QUASTELBAUM", n, 4));
    assert_false(text_mentions("Bonjour", n, 4));
}

static void test_archive_names_stay_inside_and_the_zip_reads_back(void **state) {
    (void)state;
    char name[21];
    zip_safe_name("../../etc/passwd", name, 20);
    assert_string_equal(name, "_._.._etc_passwd"); /* no leading dot, no slash */
    zip_safe_name("CV Léa.pdf", name, 20);
    assert_string_equal(name, "CV_L__a.pdf");
    zip_safe_name("", name, 20);
    assert_string_equal(name, "file");
    zip_safe_name("abcdefghijklmnopqrstuvwxyz", name, 5);
    assert_string_equal(name, "abcde");

    ZipEntry e[] = {{"person.json", "{\"a\":1}", 7}, {"files/1-cv.txt", "Zéphyrin", strlen("Zéphyrin")}};
    char *data;
    size_t len;
    assert_int_equal(zip_write(e, 2, &data, &len), 0);
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &err);
    zip_t *za = zip_open_from_source(src, ZIP_RDONLY, &err);
    assert_non_null(za);
    assert_int_equal(zip_get_num_entries(za, 0), 2);
    zip_stat_t st;
    assert_int_equal(zip_stat(za, "files/1-cv.txt", 0, &st), 0);
    char back[32] = {0};
    zip_file_t *f = zip_fopen(za, "files/1-cv.txt", 0);
    assert_int_equal(zip_fread(f, back, sizeof back - 1), (zip_int64_t)strlen("Zéphyrin"));
    assert_string_equal(back, "Zéphyrin");
    zip_fclose(f);
    zip_close(za);
    zip_error_fini(&err);
    free(data);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_months_keep_the_day_or_take_the_last_of_a_shorter_month),
        cmocka_unit_test(test_a_rejected_candidate_is_kept_three_months_after_the_process),
        cmocka_unit_test(test_the_talent_pool_keeps_two_years_after_the_last_contact),
        cmocka_unit_test(test_an_open_process_or_a_contract_has_no_end_date),
        cmocka_unit_test(test_each_purpose_takes_its_own_basis),
        cmocka_unit_test(test_names_are_taken_out_whole_whatever_the_case_and_accents),
        cmocka_unit_test(test_archive_names_stay_inside_and_the_zip_reads_back),
    };
    return cmocka_run_group_tests_name("retention", tests, NULL, NULL);
}
