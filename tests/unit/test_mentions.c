/* "@handle" and "#channel" references (domain/mentions.c), and who sees a
 * channel (domain/channels.c). */
#include <stdio.h>
#include <string.h>
#include "unit.h"
#include "domain/channels.h"
#include "domain/mentions.h"

static int find(const char *text, char sigil, MentionName *out) { return mentions_find(text, sigil, out, MENTIONS_MAX); }

static void test_mentions_are_found_in_order_once_and_lower_case(void **state) {
    (void)state;
    MentionName m[MENTIONS_MAX];
    assert_int_equal(find("@Ana.Roy et @thomas.nguyen, puis @ana.roy", '@', m), 2);
    assert_string_equal(m[0], "ana.roy");
    assert_string_equal(m[1], "thomas.nguyen");
}

static void test_an_address_is_not_a_mention(void **state) {
    (void)state;
    MentionName m[MENTIONS_MAX];
    assert_int_equal(find("écris à ana.roy@acme.fr ou a@b", '@', m), 0);
    assert_int_equal(find("mailto:x@y.fr https://h/@bob a+b@c", '@', m), 0);
    assert_int_equal(find("(@ana) [@bob] « @chloe » \n@dan", '@', m), 4);
}

static void test_trailing_punctuation_is_not_part_of_a_handle(void **state) {
    (void)state;
    MentionName m[MENTIONS_MAX];
    assert_int_equal(find("merci @ana.roy. Et @bob-", '@', m), 2);
    assert_string_equal(m[0], "ana.roy");
    assert_string_equal(m[1], "bob");
    assert_int_equal(find("@ @. @-x @_y", '@', m), 0);
}

static void test_code_hides_mentions(void **state) {
    (void)state;
    MentionName m[MENTIONS_MAX];
    assert_int_equal(find("`@ana` ``@bob ` @x`` ```\n@chloe\n``` @dan", '@', m), 1);
    assert_string_equal(m[0], "dan");
}

static void test_overlong_names_and_limits(void **state) {
    (void)state;
    MentionName m[MENTIONS_MAX];
    char text[200];
    memset(text, 'a', sizeof text - 1);
    text[0] = '@';
    text[sizeof text - 1] = '\0';
    assert_int_equal(find(text, '@', m), 0);
    char many[4000] = "";
    for (int i = 0; i < 40; i++) snprintf(many + strlen(many), sizeof many - strlen(many), "@u%d ", i);
    assert_int_equal(find(many, '@', m), MENTIONS_MAX);
}

static void test_channel_references_skip_anchors_and_headings(void **state) {
    (void)state;
    MentionName m[MENTIONS_MAX];
    assert_int_equal(find("# Titre\nvoir #java et #need-12, pas page.html#top ni &#35;", '#', m), 2);
    assert_string_equal(m[0], "java");
    assert_string_equal(m[1], "need-12");
}

static void test_a_private_channel_is_for_members_only(void **state) {
    (void)state;
    assert_true(channel_visible("consultant", "private", NULL, true));
    assert_false(channel_visible("admin", "private", NULL, false));
}

static void test_a_public_channel_follows_the_right_to_read_its_object(void **state) {
    (void)state;
    assert_true(channel_visible("consultant", "public", NULL, false));
    assert_true(channel_visible("consultant", "public", "need", false));
    assert_false(channel_visible("consultant", "public", "deal", false));
    assert_true(channel_visible("tech", "public", "deal", false));
    assert_true(channel_visible("consultant", "public", "deal", true));
    assert_false(channel_visible("sales", "public", "martian", false));
}

static void test_slugs_and_reserved_names(void **state) {
    (void)state;
    char s[81];
    channel_slug("equipe java -- paris!", s, sizeof s);
    assert_string_equal(s, "equipe-java-paris");
    channel_slug("!!!", s, sizeof s);
    assert_string_equal(s, "");
    char tiny[5];
    channel_slug("abc def", tiny, sizeof tiny);
    assert_string_equal(tiny, "abc");
    assert_true(channel_slug_reserved("need-12"));
    assert_true(channel_slug_reserved("incident-3"));
    assert_false(channel_slug_reserved("need-java"));
    assert_false(channel_slug_reserved("need-"));
    assert_false(channel_slug_reserved("needs-1"));
}

static void test_completion_prefers_the_handle_then_any_part_or_word(void **state) {
    (void)state;
    assert_int_equal(mention_match("thomas.nguyen", "thomas nguyen", "tho"), 0);
    assert_int_equal(mention_match("thomas.nguyen", "thomas nguyen", "thomas.ng"), 0);
    assert_int_equal(mention_match("thomas.nguyen", "thomas nguyen", "ngu"), 1);
    assert_int_equal(mention_match("marc.lefevre", "marc lefevre", "lef"), 1); /* typed "Lefè", folded */
    assert_int_equal(mention_match("jean-luc.o.neil", "jean-luc o'neil", "luc"), 1);
    assert_int_equal(mention_match("ana.roy", "ana roy", "n"), -1); /* inside a word is no match */
    assert_int_equal(mention_match("ana.roy", "ana roy", "nar"), -1);
    assert_int_equal(mention_match("ana.roy", "ana roy", ""), -1);
    assert_int_equal(mention_match("ana.roy", NULL, "roy"), 1);
    assert_int_equal(mention_match("li.wei", "李 wei", "李"), 1); /* a word in another script */
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mentions_are_found_in_order_once_and_lower_case),
        cmocka_unit_test(test_an_address_is_not_a_mention),
        cmocka_unit_test(test_trailing_punctuation_is_not_part_of_a_handle),
        cmocka_unit_test(test_code_hides_mentions),
        cmocka_unit_test(test_overlong_names_and_limits),
        cmocka_unit_test(test_channel_references_skip_anchors_and_headings),
        cmocka_unit_test(test_a_private_channel_is_for_members_only),
        cmocka_unit_test(test_a_public_channel_follows_the_right_to_read_its_object),
        cmocka_unit_test(test_slugs_and_reserved_names),
        cmocka_unit_test(test_completion_prefers_the_handle_then_any_part_or_word),
    };
    return cmocka_run_group_tests_name("mentions", tests, NULL, NULL);
}
