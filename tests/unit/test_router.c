/* Route matching (http/router.c) against the real route table
 * (api/routes.c): {id} segments, 404 versus 405, HEAD as GET. */
#include <string.h>
#include "unit.h"
#include "http/router.h"

typedef struct {
    const Route *route;
    long long ids[MAX_PATH_IDS];
    int nids;
    char token[MAX_PATH_TOKEN + 1];
    bool path_known;
} Match;

static Match match(const char *method, const char *path) {
    Match m = {0};
    m.route = router_match(method, path, m.ids, &m.nids, m.token, &m.path_known);
    return m;
}

static void test_plain_paths_match_their_route(void **state) {
    (void)state;
    Match m = match("GET", "/api/v1/people");
    assert_non_null(m.route);
    assert_string_equal(m.route->pattern, "/api/v1/people");
    assert_string_equal(m.route->method, "GET");
    assert_int_equal(m.nids, 0);
    m = match("POST", "/api/v1/people");
    assert_non_null(m.route);
    assert_string_equal(m.route->method, "POST");
    assert_string_equal(m.route->action, "people.write");
}

static void test_id_segment_is_read_as_a_number(void **state) {
    (void)state;
    Match m = match("GET", "/api/v1/people/12");
    assert_non_null(m.route);
    assert_string_equal(m.route->pattern, "/api/v1/people/{id}");
    assert_int_equal(m.nids, 1);
    assert_int_equal(m.ids[0], 12);
    m = match("GET", "/api/v1/needs/7/matches");
    assert_non_null(m.route);
    assert_string_equal(m.route->pattern, "/api/v1/needs/{id}/matches");
    assert_int_equal(m.ids[0], 7);
}

static void test_leading_zeros_name_the_same_id(void **state) {
    (void)state;
    Match m = match("GET", "/api/v1/people/007");
    assert_non_null(m.route);
    assert_int_equal(m.ids[0], 7);
}

static void test_id_zero_matches_nothing(void **state) {
    (void)state;
    Match m = match("GET", "/api/v1/people/0");
    assert_null(m.route);
    assert_false(m.path_known); /* 404, not 405 */
    assert_null(match("GET", "/api/v1/people/000").route);
}

static void test_ids_up_to_18_digits_match_and_longer_ones_do_not(void **state) {
    (void)state;
    Match m = match("GET", "/api/v1/people/999999999999999999");
    assert_non_null(m.route);
    assert_int_equal(m.ids[0], 999999999999999999LL);
    m = match("GET", "/api/v1/people/9223372036854775808"); /* would overflow */
    assert_null(m.route);
    assert_false(m.path_known);
    assert_null(match("GET", "/api/v1/people/1000000000000000000").route);
}

static void test_ids_must_be_plain_digits(void **state) {
    (void)state;
    const char *bad[] = {"/api/v1/people/-1",  "/api/v1/people/+1", "/api/v1/people/12abc", "/api/v1/people/abc",
                         "/api/v1/people/1.5", "/api/v1/people/ 1", "/api/v1/people/0x1f", "/api/v1/people/1e3"};
    for (size_t i = 0; i < N_ELEMS(bad); i++) {
        Match m = match("GET", bad[i]);
        if (m.route) fail_msg("%s should not match", bad[i]);
    }
}

static void test_trailing_slash_matches_nothing(void **state) {
    (void)state;
    assert_null(match("GET", "/api/v1/people/").route);
    assert_null(match("GET", "/api/v1/people/12/").route);
    assert_null(match("GET", "/healthz/").route);
    assert_null(match("GET", "/api/v1/needs/3/matches/").route);
}

static void test_other_method_on_a_known_path_means_405(void **state) {
    (void)state;
    Match m = match("PUT", "/api/v1/people/12");
    assert_null(m.route);
    assert_true(m.path_known);
    m = match("POST", "/api/v1/needs/3");
    assert_null(m.route);
    assert_true(m.path_known);
    m = match("DELETE", "/api/v1/needs/3"); /* needs are closed, never deleted */
    assert_null(m.route);
    assert_true(m.path_known);
    m = match("GET", "/api/v1/session");
    assert_null(m.route);
    assert_true(m.path_known);
}

static void test_unknown_path_means_404(void **state) {
    (void)state;
    const char *paths[] = {"/api/v1/nothing", "/api/v2/people", "/api/v1/People", "/", "/api/v1/people/12/skills",
                           "/api/v1", ""};
    for (size_t i = 0; i < N_ELEMS(paths); i++) {
        Match m = match("GET", paths[i]);
        assert_null(m.route);
        if (m.path_known) fail_msg("%s should be unknown", paths[i]);
    }
}

static void test_head_is_answered_like_get(void **state) {
    (void)state;
    Match m = match("HEAD", "/api/v1/people/12");
    assert_non_null(m.route);
    assert_string_equal(m.route->method, "GET");
    assert_int_equal(m.ids[0], 12);
    m = match("HEAD", "/healthz");
    assert_non_null(m.route);
    m = match("HEAD", "/api/v1/session"); /* POST and DELETE only */
    assert_null(m.route);
    assert_true(m.path_known);
}

static void test_methods_are_case_sensitive(void **state) {
    (void)state;
    Match m = match("get", "/api/v1/people");
    assert_null(m.route);
    assert_true(m.path_known);
}

static void test_public_routes_are_only_health_metrics_about_sign_in_and_survey_links(void **state) {
    (void)state;
    for (int i = 0; i < NROUTES; i++) {
        const Route *r = &ROUTES[i];
        if (!(r->flags & ROUTE_PUBLIC)) continue;
        bool expected = strcmp(r->pattern, "/healthz") == 0 || strcmp(r->pattern, "/metrics") == 0 ||
                        strcmp(r->pattern, "/api/v1/about") == 0 ||
                        (strcmp(r->pattern, "/api/v1/session") == 0 && strcmp(r->method, "POST") == 0) ||
                        strcmp(r->pattern, "/s/{token}") == 0 || /* the link's token is the credential */
                        strcmp(r->pattern, "/api/v1/password-reset") == 0 || /* so is the reset link's */
                        /* asking for a reset link: the same answer whoever asks */
                        strcmp(r->pattern, "/api/v1/password-reset/request") == 0 ||
                        /* privacy: the retention warning's link is the credential */
                        strncmp(r->pattern, "/privacy/{token}", 16) == 0 ||
                        /* the careers site, and the candidate's status link */
                        strcmp(r->pattern, "/careers") == 0 || strncmp(r->pattern, "/careers/{token}", 16) == 0 ||
                        strncmp(r->pattern, "/applications/{token}", 21) == 0 ||
                        strcmp(r->pattern, "/calendar/{token}.ics") == 0; /* likewise the calendar feed's */
        if (!expected) fail_msg("%s %s is public", r->method, r->pattern);
    }
}

static void test_every_route_is_listed_once_and_reachable(void **state) {
    (void)state;
    for (int i = 0; i < NROUTES; i++) {
        for (int k = i + 1; k < NROUTES; k++)
            if (strcmp(ROUTES[i].method, ROUTES[k].method) == 0 && strcmp(ROUTES[i].pattern, ROUTES[k].pattern) == 0)
                fail_msg("%s %s is listed twice", ROUTES[i].method, ROUTES[i].pattern);
        /* a concrete path for the pattern reaches this very route */
        char path[256];
        size_t n = 0;
        for (const char *p = ROUTES[i].pattern; *p && n < sizeof path - 4;) {
            if (strncmp(p, "{token}", 7) == 0) {
                memcpy(path + n, "Ab_9-x", 6);
                n += 6;
                p += 7;
            } else if (strncmp(p, "{id}", 4) == 0) {
                memcpy(path + n, "42", 2);
                n += 2;
                p += 4;
            } else {
                path[n++] = *p++;
            }
        }
        path[n] = '\0';
        Match m = match(ROUTES[i].method, path);
        assert_ptr_equal(m.route, &ROUTES[i]);
        assert_non_null(ROUTES[i].handler);
    }
}

/* Writes whose body is not JSON: an action on the object named by the
 * path, and the public survey page's HTML form. */
/* Writes without a JSON body: an action, an HTML form, or a file upload. */
static bool is_bodiless_action(const Route *r) {
    return strcmp(r->method, "POST") == 0 &&
           (strcmp(r->pattern, "/api/v1/deals/{id}/review-request") == 0 || strcmp(r->pattern, "/s/{token}") == 0 ||
            /* channels: join, leave, notifications read */
            strcmp(r->pattern, "/api/v1/channels/{id}/join") == 0 || strcmp(r->pattern, "/api/v1/channels/{id}/leave") == 0 ||
            strncmp(r->pattern, "/api/v1/notifications/", 22) == 0 ||
            strcmp(r->pattern, "/applications/{token}/withdraw") == 0 || (r->flags & ROUTE_UPLOAD) ||
            /* mail: cancelling an interview */
            strcmp(r->pattern, "/api/v1/interviews/{id}/cancel") == 0 ||
            /* incidents and rituals: accept an incident, make a calendar address */
            strcmp(r->pattern, "/api/v1/incidents/{id}/accept") == 0 || strcmp(r->pattern, "/api/v1/me/calendar") == 0 ||
            /* privacy: a consent renewed or withdrawn, by staff or by the person's form */
            strncmp(r->pattern, "/api/v1/legal-bases/", 20) == 0 || strncmp(r->pattern, "/privacy/{token}/", 17) == 0);
}

/* Uploads take 10 MiB: only the CV routes and post attachments, and they read the file before
 * opening their write transaction. */
static void test_upload_routes_are_the_cv_routes_with_their_own_transaction(void **state) {
    (void)state;
    int uploads = 0;
    for (int i = 0; i < NROUTES; i++) {
        const Route *r = &ROUTES[i];
        if (!(r->flags & ROUTE_UPLOAD)) continue;
        uploads++;
        /* imports: a CSV file is read in memory in a few seconds at most, and
         * its import is all or nothing, so inside the request's transaction */
        if (strcmp(r->pattern, "/api/v1/import/people.csv") == 0 && strcmp(r->method, "POST") == 0) continue;
        size_t n = strlen(r->pattern);
        if (strcmp(r->method, "POST") || n < 3 || (strcmp(r->pattern + n - 3, "/cv") && strcmp(r->pattern + n - 6, "/apply") &&
                                                         strcmp(r->pattern, "/api/v1/attachments")))
            fail_msg("%s %s takes uploads", r->method, r->pattern);
        if (!(r->flags & ROUTE_OWN_TX)) fail_msg("%s %s reads a file inside its transaction", r->method, r->pattern);
    }
    assert_int_equal(uploads, 5); /* three CV routes, attachments, the CSV import */
}

static void test_json_routes_are_the_writes(void **state) {
    (void)state;
    for (int i = 0; i < NROUTES; i++) {
        const Route *r = &ROUTES[i];
        bool takes_body = (strcmp(r->method, "POST") == 0 || strcmp(r->method, "PATCH") == 0 || strcmp(r->method, "PUT") == 0) &&
                          !is_bodiless_action(r);
        if (takes_body != ((r->flags & ROUTE_JSON) != 0))
            fail_msg("%s %s: JSON body flag does not fit the method", r->method, r->pattern);
    }
}

static void test_a_calendar_address_ends_in_ics_after_its_token(void **state) {
    (void)state;
    Match m = match("GET", "/calendar/AbC-09_z.ics");
    assert_non_null(m.route);
    assert_string_equal(m.route->pattern, "/calendar/{token}.ics");
    assert_null(match("GET", "/calendar/AbC.ics.ics").route);
    assert_null(match("GET", "/calendar/AbC").route);
    assert_null(match("GET", "/calendar/.ics").route);
    assert_null(match("GET", "/calendar/a%2Fb.ics").route);
}

static void test_token_segments_take_url_safe_characters_only(void **state) {
    (void)state;
    Match m = match("GET", "/s/AbC-09_z");
    assert_non_null(m.route);
    assert_string_equal(m.token, "AbC-09_z");
    assert_null(match("GET", "/s/").route);
    assert_null(match("GET", "/s/abc.def").route);
    assert_null(match("GET", "/s/abc%2Fdef").route);
    char longest[80] = "/s/";
    memset(longest + 3, 'a', 64);
    assert_non_null(match("GET", longest).route);
    longest[3 + 64] = 'a'; /* 65 characters */
    assert_null(match("GET", longest).route);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_token_segments_take_url_safe_characters_only),
        cmocka_unit_test(test_a_calendar_address_ends_in_ics_after_its_token),
        cmocka_unit_test(test_plain_paths_match_their_route),
        cmocka_unit_test(test_id_segment_is_read_as_a_number),
        cmocka_unit_test(test_leading_zeros_name_the_same_id),
        cmocka_unit_test(test_id_zero_matches_nothing),
        cmocka_unit_test(test_ids_up_to_18_digits_match_and_longer_ones_do_not),
        cmocka_unit_test(test_ids_must_be_plain_digits),
        cmocka_unit_test(test_trailing_slash_matches_nothing),
        cmocka_unit_test(test_other_method_on_a_known_path_means_405),
        cmocka_unit_test(test_unknown_path_means_404),
        cmocka_unit_test(test_head_is_answered_like_get),
        cmocka_unit_test(test_methods_are_case_sensitive),
        cmocka_unit_test(test_public_routes_are_only_health_metrics_about_sign_in_and_survey_links),
        cmocka_unit_test(test_every_route_is_listed_once_and_reachable),
        cmocka_unit_test(test_json_routes_are_the_writes),
        cmocka_unit_test(test_upload_routes_are_the_cv_routes_with_their_own_transaction),
    };
    return cmocka_run_group_tests_name("router", tests, NULL, NULL);
}
