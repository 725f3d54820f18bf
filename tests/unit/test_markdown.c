/* Markdown to safe HTML (lib/markdown.c): what md4c renders, and what never
 * gets through (raw HTML, event handlers, script and data links). */
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "lib/markdown.h"

static char *render(const char *md) {
    char *h = markdown_to_html(md, strlen(md));
    assert_non_null(h);
    return h;
}

static void assert_renders(const char *md, const char *html) {
    char *h = render(md);
    assert_string_equal(h, html);
    free(h);
}

static void test_markdown_renders_emphasis_lists_code_and_tables(void **state) {
    (void)state;
    assert_renders("**gras** et *italique*", "<p><strong>gras</strong> et <em>italique</em></p>\n");
    assert_renders("- un\n- deux", "<ul>\n<li>un</li>\n<li>deux</li>\n</ul>\n");
    assert_renders("`a < b`", "<p><code>a &lt; b</code></p>\n");
    assert_renders("~~barré~~", "<p><del>barré</del></p>\n");
    char *t = render("| a | b |\n|---|---|\n| 1 | 2 |");
    assert_non_null(strstr(t, "<table>"));
    free(t);
}

static void test_raw_html_is_escaped_as_text(void **state) {
    (void)state;
    assert_renders("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
    assert_renders("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>\n");
    assert_renders("<div>\n<b>x</b>\n</div>", "<p>&lt;div&gt;\n&lt;b&gt;x&lt;/b&gt;\n&lt;/div&gt;</p>\n");
}

static void test_links_get_noopener_and_keep_safe_targets(void **state) {
    (void)state;
    assert_renders("[doc](https://example.org/a?b=1&c=2)",
                   "<p><a rel=\"noopener noreferrer\" href=\"https://example.org/a?b=1&amp;c=2\">doc</a></p>\n");
    assert_renders("[m](mailto:a@b.fr) [r](/needs/3)",
                   "<p><a rel=\"noopener noreferrer\" href=\"mailto:a@b.fr\">m</a> "
                   "<a rel=\"noopener noreferrer\" href=\"/needs/3\">r</a></p>\n");
    assert_renders("www.example.org",
                   "<p><a rel=\"noopener noreferrer\" href=\"http://www.example.org\">www.example.org</a></p>\n");
}

static void test_script_and_data_links_lose_their_target(void **state) {
    (void)state;
    const char *hostile[] = {"[x](javascript:alert(1))", "[x](JAVASCRIPT:alert(1))", "[x](java&#x73;cript:alert(1))",
                             "[x](java&#115;cript:alert(1))", "[x](&#x20;javascript:alert(1))",
                             "<javascript:alert(1)>", "[x](data:text/html;base64,PHNjcmlwdD4=)",
                             "[x](vbscript:msgbox(1))", "[x](<java\tscript:alert(1)>)"};
    for (size_t i = 0; i < N_ELEMS(hostile); i++) {
        char *h = render(hostile[i]);
        if (strstr(h, "href=")) fail_msg("%s -> %s", hostile[i], h);
        assert_non_null(strstr(h, "rel=\"noopener noreferrer\""));
        free(h);
    }
}

static void test_images_keep_only_http_sources(void **state) {
    (void)state;
    assert_renders("![a](https://example.org/a.png)", "<p><img src=\"https://example.org/a.png\" alt=\"a\"></p>\n");
    assert_renders("![a](javascript:alert(1))", "<p><img alt=\"a\"></p>\n");
    assert_renders("![a](data:image/png;base64,AAAA)", "<p><img alt=\"a\"></p>\n");
}

static void test_url_safety_follows_browsers(void **state) {
    (void)state;
    assert_true(markdown_url_safe("https://x", 9, false));
    assert_true(markdown_url_safe("relative/path:x", 15, false)); /* a ':' after a '/' is no scheme */
    assert_true(markdown_url_safe("#top", 4, false));
    assert_false(markdown_url_safe(" javascript:x", 13, false));
    assert_false(markdown_url_safe("jav&#x09;ascript:x", 18, false));
    assert_false(markdown_url_safe(":x", 2, false));
    assert_false(markdown_url_safe("mailto:a@b", 10, true)); /* an image is never mail */
}

static void test_empty_text_renders_empty(void **state) {
    (void)state;
    assert_renders("", "");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_markdown_renders_emphasis_lists_code_and_tables),
        cmocka_unit_test(test_raw_html_is_escaped_as_text),
        cmocka_unit_test(test_links_get_noopener_and_keep_safe_targets),
        cmocka_unit_test(test_script_and_data_links_lose_their_target),
        cmocka_unit_test(test_images_keep_only_http_sources),
        cmocka_unit_test(test_url_safety_follows_browsers),
        cmocka_unit_test(test_empty_text_renders_empty),
    };
    return cmocka_run_group_tests_name("markdown", tests, NULL, NULL);
}
