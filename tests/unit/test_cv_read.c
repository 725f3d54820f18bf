/* CV readers (lib/cv_read.c) on small in-memory files: the type is told by
 * the content, text files are read as UTF-8 or Latin-1, and what is not a
 * CV is refused. The PDF, DOCX and ODT fixtures and the hostile files go
 * through the server in tests/api/careers.test.mjs. */
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "lib/cv_read.h"

#define U(s) ((const unsigned char *)(s))

static void test_the_type_is_told_by_the_content_not_the_name(void **state) {
    (void)state;
    assert_string_equal(cv_sniff(U("%PDF-1.7\n"), 9), "pdf");
    assert_string_equal(cv_sniff(U("Awa Diallo\nJava"), 15), "txt");
    assert_null(cv_sniff(U("\x89PNG\r\n\x1a\n"), 8));
    assert_null(cv_sniff(U("GIF89a"), 6));
    assert_null(cv_sniff(U("\xFF\xD8\xFF\xE0"), 4));
    assert_null(cv_sniff(U("MZ\x90\0"), 4));
    assert_null(cv_sniff(U("PK\3\4 not an office file"), 23));
    assert_null(cv_sniff(U(""), 0));
}

static void test_text_with_control_bytes_is_not_a_cv(void **state) {
    (void)state;
    assert_null(cv_sniff(U("abc\0def"), 7));
    assert_null(cv_sniff(U("abc\x1b[31m"), 8));
    assert_string_equal(cv_sniff(U("\xEF\xBB\xBFtab\there\r\n"), 13), "txt");
}

static void test_utf8_text_is_kept_and_latin1_is_converted(void **state) {
    (void)state;
    CvText t;
    const char *bom = "\xEF\xBB\xBF" "Hélène, Java";
    assert_int_equal(cv_read(U(bom), strlen(bom), &t), CV_OK);
    assert_string_equal(t.text, "Hélène, Java");
    assert_string_equal(t.type, "txt");
    assert_string_equal(t.media_type, "text/plain");
    assert_int_equal(t.pages, -1);
    free(t.text);
    assert_int_equal(cv_read(U("H\xe9l\xe8ne"), 6, &t), CV_OK);
    assert_string_equal(t.text, "Hélène");
    free(t.text);
}

static void test_broken_pdf_and_zip_are_damaged_not_crashes(void **state) {
    (void)state;
    CvText t;
    const char pdf[] = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n";
    assert_int_equal(cv_read(U(pdf), sizeof pdf - 1, &t), CV_DAMAGED); /* no %%EOF: cut short */
    const char pdf_eof[] = "%PDF-1.4\ngarbage\n%%EOF\n";
    assert_int_equal(cv_read(U(pdf_eof), sizeof pdf_eof - 1, &t), CV_DAMAGED);
    const char zip[] = "PK\3\4\x14\0\0\0\0\0word/document.xml";
    assert_int_equal(cv_read(U(zip), sizeof zip - 1, &t), CV_DAMAGED);
    assert_int_equal(cv_read(U("\x89PNG"), 4, &t), CV_UNSUPPORTED);
}

static void test_statuses_have_stable_names(void **state) {
    (void)state;
    assert_string_equal(cv_status_name(CV_ENCRYPTED), "encrypted");
    assert_string_equal(cv_status_name(CV_TOO_LARGE), "too-large");
    assert_string_equal(cv_status_name((CvStatus)99), "failed");
    assert_null(cv_media_type("exe"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_type_is_told_by_the_content_not_the_name),
        cmocka_unit_test(test_text_with_control_bytes_is_not_a_cv),
        cmocka_unit_test(test_utf8_text_is_kept_and_latin1_is_converted),
        cmocka_unit_test(test_broken_pdf_and_zip_are_damaged_not_crashes),
        cmocka_unit_test(test_statuses_have_stable_names),
    };
    return cmocka_run_group_tests_name("CV readers", tests, NULL, NULL);
}
