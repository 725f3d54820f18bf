/* Media types from the bytes (lib/sniff.c): what a file is, whatever the
 * uploader declared. */
#include <string.h>
#include "unit.h"
#include "lib/sniff.h"

static const char *sniff(const char *bytes, const char *declared) {
    return sniff_media_type((const unsigned char *)bytes, strlen(bytes), declared);
}

static void test_known_signatures_win_over_the_declared_type(void **state) {
    (void)state;
    assert_string_equal(sniff("%PDF-1.7\n...", "text/html"), "application/pdf");
    assert_string_equal(sniff("\x89PNG\r\n\x1a\nIHDR", "text/html"), "image/png");
    assert_string_equal(sniff("\xFF\xD8\xFF\xE0JFIF", NULL), "image/jpeg");
    assert_string_equal(sniff("GIF89a....", "application/pdf"), "image/gif");
    assert_string_equal(sniff("PK\3\4 not an office file", NULL), "application/zip");
}

static void test_markup_is_never_text_whatever_it_is_called(void **state) {
    (void)state;
    const char *markup[] = {"<html><script>alert(1)</script></html>", "  \n<svg onload=alert(1)>", "<?xml version='1.0'?><x/>",
                            "\xEF\xBB\xBF<!DOCTYPE html>", "Bonjour\n<script>alert(1)</script>", "voir <IFRAME src=x>",
                            "lien javascript:alert(1)"};
    for (size_t i = 0; i < N_ELEMS(markup); i++) {
        assert_true(sniff_is_markup((const unsigned char *)markup[i], strlen(markup[i])));
        assert_string_equal(sniff(markup[i], "text/plain"), "application/octet-stream");
        assert_string_equal(sniff(markup[i], "application/pdf"), "application/octet-stream");
    }
}

static void test_plain_text_is_text_and_csv_when_declared_so(void **state) {
    (void)state;
    assert_string_equal(sniff("Compte rendu de la réunion\n", "text/html"), "text/plain");
    assert_string_equal(sniff("nom;ville\nAwa;Lyon\n", "text/csv; charset=utf-8"), "text/csv");
    assert_string_equal(sniff("a < b et c > d\n", NULL), "text/plain"); /* a comparison is no tag */
    assert_false(sniff_is_markup((const unsigned char *)"Java, SQL, Kubernetes", 21));
}

static void test_binary_and_empty_files_are_opaque(void **state) {
    (void)state;
    const unsigned char elf[] = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
    assert_string_equal(sniff_media_type(elf, sizeof elf, "application/pdf"), "application/octet-stream");
    const unsigned char nul[] = {'a', 0, 'b'};
    assert_string_equal(sniff_media_type(nul, sizeof nul, "text/plain"), "application/octet-stream");
    assert_string_equal(sniff_media_type((const unsigned char *)"", 0, "text/plain"), "application/octet-stream");
    assert_false(sniff_is_markup((const unsigned char *)"", 0));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_signatures_win_over_the_declared_type),
        cmocka_unit_test(test_markup_is_never_text_whatever_it_is_called),
        cmocka_unit_test(test_plain_text_is_text_and_csv_when_declared_so),
        cmocka_unit_test(test_binary_and_empty_files_are_opaque),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
