/* The permission table (domain/permissions.c), checked cell by cell
 * against the table written out again here, so that any change to who may
 * do what shows up as a failing test and a deliberate edit of this file. */
#include <string.h>
#include "unit.h"
#include "domain/permissions.h"
#include "http/router.h"

static const char *const ROLE_ORDER[] = {"admin", "manager", "sales", "recruiter", "tech", "consultant", "client"};
enum { NROLES = 7 };

/* One row per action; one column per role in ROLE_ORDER (1 = allowed). */
static const struct {
    const char *action;
    int allowed[NROLES];
} EXPECTED[] = {
    /* a client contact (cli): their own account, their client's incidents
     * (domain/visibility.h) and their notifications; nothing internal */
    /*                        adm mgr sal rec tec con cli */
    {"me.read",              {1,  1,  1,  1,  1,  1,  1}},
    /* trust: sign out everywhere */
    {"me.write",             {1,  1,  1,  1,  1,  1,  1}},
    /* trust: the rights of access and erasure */
    {"people.export",        {1,  1,  0,  1,  0,  0,  0}},
    {"people.erase",         {1,  1,  0,  0,  0,  0,  0}},
    {"privacy.read",         {1,  1,  0,  0,  0,  0,  0}},
    {"privacy.write",        {1,  1,  0,  0,  0,  0,  0}},
    {"legal_bases.read",     {1,  1,  1,  1,  1,  0,  0}},
    {"legal_bases.write",    {1,  1,  0,  1,  0,  0,  0}},
    {"skills.read",          {1,  1,  1,  1,  1,  1,  0}},
    {"clients.read",         {1,  1,  1,  1,  1,  1,  0}},
    {"clients.write",        {1,  1,  1,  0,  0,  0,  0}},
    {"deals.read",           {1,  1,  1,  1,  1,  0,  0}},
    {"deals.write",          {1,  1,  1,  0,  0,  0,  0}},
    {"reviews.write",        {0,  1,  0,  0,  1,  0,  0}},
    {"capabilities.read",    {1,  1,  1,  1,  1,  0,  0}},
    {"surveys.read",         {1,  1,  1,  1,  1,  0,  0}},
    {"surveys.write",        {1,  1,  1,  0,  0,  0,  0}},
    {"needs.read",           {1,  1,  1,  1,  1,  1,  0}},
    {"needs.write",          {1,  1,  1,  0,  0,  0,  0}},
    {"matches.read",         {1,  1,  1,  1,  1,  0,  0}},
    {"people.read",          {1,  1,  1,  1,  1,  0,  0}},
    {"people.write",         {1,  1,  0,  1,  1,  0,  0}},
    {"people.delete",        {1,  1,  0,  0,  0,  0,  0}},
    /* imports, exports, duplicates */
    {"people.merge",         {1,  1,  0,  1,  0,  0,  0}},
    {"people.import",        {1,  1,  0,  1,  0,  0,  0}},
    {"people.export",        {1,  1,  0,  1,  0,  0,  0}},
    {"candidacies.read",     {1,  1,  1,  1,  1,  0,  0}},
    {"candidacies.write",    {1,  1,  1,  1,  0,  0,  0}},
    {"users.read",           {1,  0,  0,  0,  0,  0,  0}},
    {"users.write",          {1,  0,  0,  0,  0,  0,  0}},
    {"audit.read",           {1,  0,  0,  0,  0,  0,  0}},
    /* incidents and rituals */
    {"incidents.read",       {1,  1,  1,  1,  1,  1,  1}},
    {"incidents.write",      {1,  1,  1,  1,  1,  1,  0}},
    {"incidents.sla",        {1,  1,  0,  0,  0,  0,  0}},
    {"rituals.read",         {1,  1,  1,  1,  1,  1,  0}},
    {"rituals.write",        {1,  1,  1,  1,  1,  0,  0}},
    {"agenda.read",          {1,  1,  1,  1,  1,  0,  0}},
    {"agenda.write",         {1,  1,  1,  1,  1,  0,  0}},
    {"calendar.write",       {1,  1,  1,  1,  1,  1,  0}},
    {"team.read",            {1,  1,  1,  1,  1,  1,  0}},
    /* channels and notifications (each channel's visibility: test_channels.c) */
    {"channels.read",        {1,  1,  1,  1,  1,  1,  0}},
    {"channels.write",       {1,  1,  1,  1,  1,  1,  0}},
    {"notifications.read",   {1,  1,  1,  1,  1,  1,  1}},
    {"notifications.write",  {1,  1,  1,  1,  1,  1,  1}},
    /* KPIs and shared objectives */
    {"kpis.read",            {1,  1,  1,  1,  1,  1,  0}},
    {"objectives.read",      {1,  1,  1,  1,  1,  1,  0}},
    {"objectives.write",     {1,  1,  0,  0,  0,  0,  0}},
    /* mail to candidates and no ghosting */
    {"outbox.read",          {1,  0,  0,  0,  0,  0,  0}},
    {"mail_templates.read",  {1,  1,  0,  1,  0,  0,  0}},
    {"mail_templates.write", {1,  1,  0,  0,  0,  0,  0}},
    {"settings.read",        {1,  1,  1,  1,  1,  0,  0}},
    {"settings.write",       {1,  1,  0,  0,  0,  0,  0}},
};

static void test_every_action_and_role_matches_the_written_table(void **state) {
    (void)state;
    for (size_t a = 0; a < N_ELEMS(EXPECTED); a++)
        for (int r = 0; r < NROLES; r++) {
            bool got = permission_allows(ROLE_ORDER[r], EXPECTED[a].action);
            if (got != (bool)EXPECTED[a].allowed[r])
                fail_msg("%s may %s: expected %s, got %s", ROLE_ORDER[r], EXPECTED[a].action,
                         EXPECTED[a].allowed[r] ? "yes" : "no", got ? "yes" : "no");
        }
}

static void test_roles_are_the_seven_documented_ones_in_order(void **state) {
    (void)state;
    int n = 0;
    while (ROLES[n]) n++;
    assert_int_equal(n, NROLES);
    for (int i = 0; i < NROLES; i++) assert_string_equal(ROLES[i], ROLE_ORDER[i]);
}

/* A client contact's account is outside the firm: never an owner,
 * participant, interviewer or mention. */
static void test_only_the_six_firm_roles_are_in_the_firm(void **state) {
    (void)state;
    for (int i = 0; i < 6; i++) assert_true(role_in_firm(ROLE_ORDER[i]));
    assert_false(role_in_firm("client"));
    assert_false(role_in_firm("root"));
    assert_false(role_in_firm(NULL));
    assert_false(permission_involved("client", true));
}

static void test_role_valid_accepts_only_known_roles(void **state) {
    (void)state;
    for (int i = 0; i < NROLES; i++) assert_true(role_valid(ROLE_ORDER[i]));
    assert_false(role_valid("Admin"));
    assert_false(role_valid("root"));
    assert_false(role_valid(""));
    assert_false(role_valid(NULL));
    assert_false(role_valid("candidate")); /* the careers page visitor has no account */
}

static void test_unknown_action_is_denied_to_every_role(void **state) {
    (void)state;
    const char *unknown[] = {"people.purge", "people", "", "PEOPLE.READ", "people.read ", "admin"};
    for (size_t a = 0; a < N_ELEMS(unknown); a++)
        for (int r = 0; r < NROLES; r++) assert_false(permission_allows(ROLE_ORDER[r], unknown[a]));
}

static void test_unknown_or_missing_role_is_denied_every_action(void **state) {
    (void)state;
    const char *unknown[] = {"root", "", "ADMIN", "admin ", "candidate"};
    for (size_t a = 0; a < N_ELEMS(EXPECTED); a++) {
        for (size_t r = 0; r < N_ELEMS(unknown); r++) assert_false(permission_allows(unknown[r], EXPECTED[a].action));
        assert_false(permission_allows(NULL, EXPECTED[a].action));
    }
    assert_false(permission_allows("admin", NULL));
}

static void test_consultants_never_see_peoples_personal_data(void **state) {
    (void)state;
    assert_false(permission_allows("consultant", "people.read"));
    assert_false(permission_allows("consultant", "matches.read"));
    assert_false(permission_allows("consultant", "candidacies.read"));
}

/* Routes name their permission by action; a typo would deny everyone. */
static void test_every_route_action_is_in_the_table(void **state) {
    (void)state;
    for (int i = 0; i < NROUTES; i++) {
        const Route *r = &ROUTES[i];
        if (!r->action) {
            assert_true(r->flags & ROUTE_PUBLIC);
            continue;
        }
        bool known = false;
        for (size_t a = 0; a < N_ELEMS(EXPECTED); a++) known |= strcmp(EXPECTED[a].action, r->action) == 0;
        if (!known) fail_msg("route %s %s uses action %s, missing from the table", r->method, r->pattern, r->action);
        /* someone may do it (admin may not record reviews: only delivery judges feasibility) */
        bool someone = false;
        for (int k = 0; k < 6; k++) someone |= permission_allows(ROLE_ORDER[k], r->action);
        assert_true(someone);
    }
}

static void test_writes_require_a_write_action(void **state) {
    (void)state;
    for (int i = 0; i < NROUTES; i++) {
        const Route *r = &ROUTES[i];
        if (!r->action || strcmp(r->method, "GET") == 0) continue;
        /* sign-out only needs to be signed in */
        if (strcmp(r->pattern, "/api/v1/session") == 0) continue;
        if (strstr(r->action, ".read"))
            fail_msg("route %s %s changes data but only asks for %s", r->method, r->pattern, r->action);
    }
}

/* Incidents and rituals: being involved is what lets anyone but a manager
 * or an admin change one. */
static void test_only_the_involved_managers_and_admins_change_an_incident_or_ritual(void **state) {
    (void)state;
    for (int r = 0; r < 6; r++) assert_true(permission_involved(ROLE_ORDER[r], true)); /* the firm's roles */
    assert_true(permission_involved("admin", false));
    assert_true(permission_involved("manager", false));
    const char *others[] = {"sales", "recruiter", "tech", "consultant"};
    for (size_t r = 0; r < N_ELEMS(others); r++) assert_false(permission_involved(others[r], false));
    assert_false(permission_involved(NULL, true));
    assert_false(permission_involved("root", true));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_action_and_role_matches_the_written_table),
        cmocka_unit_test(test_roles_are_the_seven_documented_ones_in_order),
        cmocka_unit_test(test_only_the_six_firm_roles_are_in_the_firm),
        cmocka_unit_test(test_role_valid_accepts_only_known_roles),
        cmocka_unit_test(test_unknown_action_is_denied_to_every_role),
        cmocka_unit_test(test_unknown_or_missing_role_is_denied_every_action),
        cmocka_unit_test(test_consultants_never_see_peoples_personal_data),
        cmocka_unit_test(test_every_route_action_is_in_the_table),
        cmocka_unit_test(test_writes_require_a_write_action),
        cmocka_unit_test(test_only_the_involved_managers_and_admins_change_an_incident_or_ritual),
    };
    return cmocka_run_group_tests_name("permissions", tests, NULL, NULL);
}
