/* The multipart/form-data reader (lib/multipart.c): fields and files as
 * browsers send them, and refusal of anything malformed, without reading
 * outside the body. */
#include <string.h>
#include "unit.h"
#include "lib/multipart.h"

static const char BODY[] = "--XyZ\r\n"
                           "Content-Disposition: form-data; name=\"name\"\r\n\r\n"
                           "Awa Diallo\r\n"
                           "--XyZ\r\n"
                           "Content-Disposition: form-data; name=\"cv\"; filename=\"C:\\\\docs\\\\cv.pdf\"\r\n"
                           "Content-Type: application/pdf\r\n\r\n"
                           "%PDF-\r\n\0binary\r\n"
                           "--XyZ--\r\n";

static void test_boundary_is_read_from_the_content_type(void **state) {
    (void)state;
    Arena a = {0};
    assert_string_equal(multipart_boundary(&a, "multipart/form-data; boundary=XyZ"), "XyZ");
    assert_string_equal(multipart_boundary(&a, "Multipart/Form-Data;boundary=\"a b'c\""), "a b'c");
    assert_string_equal(multipart_boundary(&a, "multipart/form-data; charset=utf-8; boundary=----WebKit123"), "----WebKit123");
    assert_null(multipart_boundary(&a, "application/json"));
    assert_null(multipart_boundary(&a, "multipart/form-data"));
    assert_null(multipart_boundary(&a, "multipart/form-data; boundary="));
    assert_null(multipart_boundary(&a, "multipart/form-data; boundary=\"unclosed"));
    assert_null(multipart_boundary(&a, "multipart/form-data; boundary=bad<char>"));
    char longb[120] = "multipart/form-data; boundary=";
    memset(longb + strlen(longb), 'b', 71);
    assert_null(multipart_boundary(&a, longb));
    assert_null(multipart_boundary(&a, NULL));
    arena_free(&a);
}

static void test_fields_and_files_are_cut_out(void **state) {
    (void)state;
    Arena a = {0};
    MultipartPart p[4];
    int n = multipart_parse(&a, "XyZ", BODY, sizeof BODY - 1, p, 4);
    assert_int_equal(n, 2);
    assert_string_equal(p[0].name, "name");
    assert_null(p[0].filename);
    bool bad;
    assert_string_equal(multipart_text(&a, p, n, "name", &bad), "Awa Diallo");
    assert_false(bad);
    const MultipartPart *cv = multipart_find(p, n, "cv");
    assert_non_null(cv);
    assert_string_equal(cv->content_type, "application/pdf");
    assert_int_equal(cv->len, 14);
    assert_memory_equal(cv->data, "%PDF-\r\n\0binary", 14);
    assert_null(multipart_text(&a, p, n, "cv", &bad));
    assert_true(bad); /* a NUL byte is no text */
    assert_null(multipart_text(&a, p, n, "missing", &bad));
    assert_false(bad);
    arena_free(&a);
}

static void test_malformed_bodies_are_refused(void **state) {
    (void)state;
    Arena a = {0};
    MultipartPart p[4];
    const char *bad[] = {
        "",
        "no boundary at all",
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nnever closed",
        "--XyZ\r\nno blank line after the headers",
        "--XyZ\r\nContent-Type: text/plain\r\n\r\nno name\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--XyZ--",
        "--XyZjunk",
    };
    for (size_t i = 0; i < N_ELEMS(bad); i++) assert_int_equal(multipart_parse(&a, "XyZ", bad[i], strlen(bad[i]), p, 4), -1);
    /* more parts than room */
    assert_int_equal(multipart_parse(&a, "XyZ", BODY, sizeof BODY - 1, p, 1), -1);
    arena_free(&a);
}

static void test_every_prefix_of_a_body_is_safe(void **state) {
    (void)state;
    Arena a = {0};
    MultipartPart p[4];
    for (size_t len = 0; len < sizeof BODY - 1; len++) {
        char *copy = arena_strndup(&a, BODY, len); /* exactly len bytes: ASan sees any overread */
        int n = multipart_parse(&a, "XyZ", copy, len, p, 4);
        assert_true(n == -1 || n == 2);
    }
    arena_free(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_boundary_is_read_from_the_content_type),
        cmocka_unit_test(test_fields_and_files_are_cut_out),
        cmocka_unit_test(test_malformed_bodies_are_refused),
        cmocka_unit_test(test_every_prefix_of_a_body_is_safe),
    };
    return cmocka_run_group_tests_name("multipart reader", tests, NULL, NULL);
}
