/* The store (src/store/) on a real SQLite file in a temporary directory:
 * migrations, people, needs, candidacies, users. Each test opens a write
 * transaction and commits it, as the dispatcher does for a request. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "unit.h"
#include "lib/text.h"
#include "store/calendar_feeds.h"
#include "store/channels.h"
#include "store/candidacies.h"
#include "store/clients.h"
#include "store/db.h"
#include "store/needs.h"
#include "store/people.h"
#include "store/rituals.h"
#include "store/schema.h"
#include "store/server_keys.h"
#include "store/users.h"

static char g_dir[64];
static char g_path[128];
static Db *g_db;

static int setup(void **state) {
    (void)state;
    strcpy(g_dir, "/tmp/alliance-unit-XXXXXX");
    if (!mkdtemp(g_dir)) return -1;
    snprintf(g_path, sizeof g_path, "%s/test.db", g_dir);
    db_configure(g_path);
    g_db = db_thread();
    if (!g_db) return -1;
    return schema_migrate(g_db);
}

static int teardown(void **state) {
    (void)state;
    db_thread_close();
    const char *suffix[] = {"", "-wal", "-shm"};
    char p[160];
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", g_path, suffix[i]);
        unlink(p);
    }
    rmdir(g_dir);
    return 0;
}

/* One transaction around each test, committed at the end like a request. */
static int begin(void **state) {
    (void)state;
    return db_begin_write(g_db) == DB_OK ? 0 : -1;
}
static int commit(void **state) {
    (void)state;
    db_reset_all(g_db);
    if (db_commit(g_db) != DB_OK) {
        db_rollback(g_db);
        return -1;
    }
    return 0;
}

static long long count_rows(const char *sql_literal) {
    DbStmt *st = db_prepare(g_db, sql_literal);
    assert_non_null(st);
    assert_int_equal(db_step(st), DB_ROW);
    long long n = db_col_int(st, 0);
    db_reset_all(g_db);
    return n;
}

static Person new_person(const char *first, const char *last, PersonSkill *skills, int n) {
    return (Person){.kind = "candidate", .first_name = first, .last_name = last, .daily_rate = -1,
                    .skills = skills, .nskills = n};
}

/* --- migrations --------------------------------------------------------- */

static void test_migrations_run_twice_without_change(void **state) {
    (void)state;
    assert_true(db_in_transaction(g_db));
    db_reset_all(g_db);
    assert_int_equal(db_commit(g_db), DB_OK);
    long long before = count_rows("SELECT COUNT(*) FROM schema_migrations");
    /* numbers may have gaps (each feature has its own range): the latest is the largest */
    assert_int_equal(count_rows("SELECT MAX(version) FROM schema_migrations"), schema_latest());
    assert_int_equal(schema_migrate(g_db), 0);
    assert_int_equal(schema_migrate(g_db), 0);
    assert_int_equal(count_rows("SELECT COUNT(*) FROM schema_migrations"), before);
    assert_false(db_in_transaction(g_db));
    assert_int_equal(db_begin_write(g_db), DB_OK); /* for the commit of the teardown */
}

static void test_database_answers_a_ping(void **state) {
    (void)state;
    assert_int_equal(store_ping(g_db), STORE_OK);
}

/* --- people ------------------------------------------------------------- */

static void test_person_round_trip_keeps_every_field(void **state) {
    (void)state;
    Arena a = {0};
    PersonSkill skills[] = {{"sql", 3, -1}, {"java", 4, 6}};
    Person p = new_person("Awa", "Diallo", skills, 2);
    p.kind = "consultant";
    p.email = "awa@example.org";
    p.phone = "+33 6 12 34 56 78";
    p.location = "Lyon";
    p.available_from = "2026-12-01";
    p.daily_rate = 550;
    assert_int_equal(store_person_insert(g_db, &a, &p), STORE_OK);
    assert_true(p.id > 0);
    assert_int_equal(p.version, 1);
    assert_non_null(p.created_at);

    Person got;
    assert_int_equal(store_person_get(g_db, &a, p.id, &got), STORE_OK);
    assert_int_equal(got.id, p.id);
    assert_int_equal(got.version, 1);
    assert_string_equal(got.kind, "consultant");
    assert_string_equal(got.first_name, "Awa");
    assert_string_equal(got.last_name, "Diallo");
    assert_string_equal(got.email, "awa@example.org");
    assert_string_equal(got.phone, "+33 6 12 34 56 78");
    assert_string_equal(got.location, "Lyon");
    assert_string_equal(got.available_from, "2026-12-01");
    assert_int_equal(got.daily_rate, 550);
    assert_int_equal(got.nskills, 2);
    /* strongest skill first */
    assert_string_equal(got.skills[0].skill, "java");
    assert_int_equal(got.skills[0].level, 4);
    assert_int_equal(got.skills[0].years, 6);
    assert_string_equal(got.skills[1].skill, "sql");
    assert_int_equal(got.skills[1].years, -1);
    arena_free(&a);
}

static void test_person_optional_fields_stay_empty(void **state) {
    (void)state;
    Arena a = {0};
    Person p = new_person("Only", "Names", NULL, 0);
    assert_int_equal(store_person_insert(g_db, &a, &p), STORE_OK);
    Person got;
    assert_int_equal(store_person_get(g_db, &a, p.id, &got), STORE_OK);
    assert_null(got.email);
    assert_null(got.phone);
    assert_null(got.location);
    assert_null(got.available_from);
    assert_int_equal(got.daily_rate, -1);
    assert_int_equal(got.nskills, 0);
    arena_free(&a);
}

static void test_unknown_person_is_not_found(void **state) {
    (void)state;
    Arena a = {0};
    Person got;
    assert_int_equal(store_person_get(g_db, &a, 987654321, &got), STORE_NOT_FOUND);
    assert_int_equal(store_person_delete(g_db, 987654321), STORE_NOT_FOUND);
    arena_free(&a);
}

static void test_person_update_bumps_version_and_replaces_skills(void **state) {
    (void)state;
    Arena a = {0};
    PersonSkill before[] = {{"java", 2, -1}, {"sql", 2, -1}};
    Person p = new_person("Marc", "Petit", before, 2);
    assert_int_equal(store_person_insert(g_db, &a, &p), STORE_OK);
    PersonSkill after[] = {{"go", 5, 3}};
    p.location = "Nantes";
    p.skills = after;
    p.nskills = 1;
    assert_int_equal(store_person_update(g_db, &a, &p, 1), STORE_OK);
    assert_int_equal(p.version, 2);
    Person got;
    assert_int_equal(store_person_get(g_db, &a, p.id, &got), STORE_OK);
    assert_int_equal(got.version, 2);
    assert_string_equal(got.location, "Nantes");
    assert_int_equal(got.nskills, 1);
    assert_string_equal(got.skills[0].skill, "go");
    arena_free(&a);
}

static void test_person_update_with_an_old_version_is_stale_and_changes_nothing(void **state) {
    (void)state;
    Arena a = {0};
    Person p = new_person("Léa", "Martin", NULL, 0);
    assert_int_equal(store_person_insert(g_db, &a, &p), STORE_OK);
    p.location = "Lille";
    assert_int_equal(store_person_update(g_db, &a, &p, 1), STORE_OK); /* now version 2 */
    Person other = p;
    other.location = "Brest";
    assert_int_equal(store_person_update(g_db, &a, &other, 1), STORE_STALE);
    Person got;
    assert_int_equal(store_person_get(g_db, &a, p.id, &got), STORE_OK);
    assert_int_equal(got.version, 2);
    assert_string_equal(got.location, "Lille");
    arena_free(&a);
}

static void test_person_update_of_a_deleted_person_is_stale(void **state) {
    (void)state;
    Arena a = {0};
    Person p = new_person("Gone", "Soon", NULL, 0);
    assert_int_equal(store_person_insert(g_db, &a, &p), STORE_OK);
    assert_int_equal(store_person_delete(g_db, p.id), STORE_OK);
    assert_int_equal(store_person_update(g_db, &a, &p, 1), STORE_STALE);
    arena_free(&a);
}

static void test_person_delete_removes_skills_too(void **state) {
    (void)state;
    Arena a = {0};
    PersonSkill skills[] = {{"cobol", 5, 30}};
    Person p = new_person("Old", "Timer", skills, 1);
    assert_int_equal(store_person_insert(g_db, &a, &p), STORE_OK);
    long long before = count_rows("SELECT COUNT(*) FROM person_skills");
    assert_int_equal(store_person_delete(g_db, p.id), STORE_OK);
    assert_int_equal(count_rows("SELECT COUNT(*) FROM person_skills"), before - 1);
    Person got;
    assert_int_equal(store_person_get(g_db, &a, p.id, &got), STORE_NOT_FOUND);
    arena_free(&a);
}

static void test_person_with_a_skill_listed_twice_is_a_conflict(void **state) {
    (void)state;
    Arena a = {0};
    PersonSkill twice[] = {{"java", 2, -1}, {"java", 3, -1}};
    Person p = new_person("Twin", "Skill", twice, 2);
    assert_int_equal(store_person_insert(g_db, &a, &p), STORE_CONFLICT);
    arena_free(&a);
}

static void test_people_with_skills_finds_holders_of_any_listed_skill(void **state) {
    (void)state;
    Arena a = {0};
    PersonSkill s1[] = {{"rust", 4, -1}, {"haskell", 2, -1}};
    PersonSkill s2[] = {{"haskell", 5, -1}};
    PersonSkill s3[] = {{"rust-analyzer", 3, -1}}; /* a longer id that contains "rust" */
    PersonSkill s4[] = {{"elixir", 3, -1}};
    Person p1 = new_person("P", "One", s1, 2), p2 = new_person("P", "Two", s2, 1),
           p3 = new_person("P", "Three", s3, 1), p4 = new_person("P", "Four", s4, 1);
    assert_int_equal(store_person_insert(g_db, &a, &p1), STORE_OK);
    assert_int_equal(store_person_insert(g_db, &a, &p2), STORE_OK);
    assert_int_equal(store_person_insert(g_db, &a, &p3), STORE_OK);
    assert_int_equal(store_person_insert(g_db, &a, &p4), STORE_OK);

    const char *wanted[] = {"rust", "haskell"};
    Person *out;
    int n;
    assert_int_equal(store_people_with_skills(g_db, &a, wanted, 2, &out, &n), STORE_OK);
    assert_int_equal(n, 2);
    assert_int_equal(out[0].id, p1.id); /* by id */
    assert_int_equal(out[1].id, p2.id);
    assert_int_equal(out[0].nskills, 2); /* with all their skills */

    const char *one[] = {"rust"};
    assert_int_equal(store_people_with_skills(g_db, &a, one, 1, &out, &n), STORE_OK);
    assert_int_equal(n, 1);
    assert_int_equal(out[0].id, p1.id);

    assert_int_equal(store_people_with_skills(g_db, &a, NULL, 0, &out, &n), STORE_OK);
    assert_int_equal(n, 0);
    arena_free(&a);
}

static void test_people_list_filters_and_pages_newest_first(void **state) {
    (void)state;
    Arena a = {0};
    PersonSkill s[] = {{"fortran", 3, -1}};
    Person p[3] = {new_person("Zoé", "Filtre", s, 1), new_person("Yann", "Filtre", NULL, 0),
                   new_person("Xavier", "100%Filtre", NULL, 0)};
    p[1].kind = "consultant";
    for (int i = 0; i < 3; i++) assert_int_equal(store_person_insert(g_db, &a, &p[i]), STORE_OK);
    Person *out;
    int n;
    PeopleFilter by_name = {NULL, "Filtre", NULL};
    assert_int_equal(store_people_list(g_db, &a, &by_name, 0, 50, &out, &n), STORE_OK);
    assert_int_equal(n, 3);
    assert_true(out[0].id > out[1].id && out[1].id > out[2].id);
    assert_int_equal(store_people_list(g_db, &a, &by_name, 0, 2, &out, &n), STORE_OK);
    assert_int_equal(n, 2);
    assert_int_equal(store_people_list(g_db, &a, &by_name, out[1].id, 2, &out, &n), STORE_OK);
    assert_int_equal(n, 1);
    assert_int_equal(out[0].id, p[0].id);

    PeopleFilter percent = {NULL, "100%", NULL}; /* % matches itself, not anything */
    assert_int_equal(store_people_list(g_db, &a, &percent, 0, 50, &out, &n), STORE_OK);
    assert_int_equal(n, 1);
    assert_int_equal(out[0].id, p[2].id);
    PeopleFilter consultants = {"consultant", "Filtre", NULL};
    assert_int_equal(store_people_list(g_db, &a, &consultants, 0, 50, &out, &n), STORE_OK);
    assert_int_equal(n, 1);
    assert_int_equal(out[0].id, p[1].id);
    PeopleFilter skilled = {NULL, NULL, "fortran"};
    assert_int_equal(store_people_list(g_db, &a, &skilled, 0, 50, &out, &n), STORE_OK);
    assert_int_equal(n, 1);
    assert_int_equal(out[0].id, p[0].id);
    PeopleFilter full_name = {NULL, "Zoé Filtre", NULL};
    assert_int_equal(store_people_list(g_db, &a, &full_name, 0, 50, &out, &n), STORE_OK);
    assert_int_equal(n, 1);
    arena_free(&a);
}

/* --- needs -------------------------------------------------------------- */

static void test_need_round_trip_keeps_requirements_in_order(void **state) {
    (void)state;
    Arena a = {0};
    Client c = {.name = "Banque Exemple", .owner_id = -1};
    assert_int_equal(store_client_insert(g_db, &a, &c, "banque exemple"), STORE_OK);
    Requirement r[] = {{"kubernetes", 3, 2, false}, {"java", 4, 3, true}};
    Need n = {.title = "Développeur Java senior", .client_id = c.id, .status = "draft", .remote = "partial",
              .location = "Paris", .start_date = "2027-01-05", .duration_days = 120, .daily_rate_max = 650,
              .skills = r, .nskills = 2};
    assert_int_equal(store_need_insert(g_db, &a, &n, -1), STORE_OK);
    assert_int_equal(n.version, 1);
    Need got;
    assert_int_equal(store_need_get(g_db, &a, n.id, &got), STORE_OK);
    assert_string_equal(got.title, "Développeur Java senior");
    assert_int_equal(got.client_id, c.id);
    assert_string_equal(got.client_name, "Banque Exemple");
    assert_string_equal(got.status, "draft");
    assert_string_equal(got.remote, "partial");
    assert_int_equal(got.duration_days, 120);
    assert_int_equal(got.daily_rate_max, 650);
    assert_null(got.description);
    assert_int_equal(got.nskills, 2);
    assert_string_equal(got.skills[0].skill, "kubernetes");
    assert_string_equal(got.skills[1].skill, "java");
    assert_int_equal(got.skills[1].min_level, 4);
    assert_int_equal(got.skills[1].weight, 3);
    assert_true(got.skills[1].mandatory);
    assert_false(got.skills[0].mandatory);
    arena_free(&a);
}

static void test_need_update_checks_the_version(void **state) {
    (void)state;
    Arena a = {0};
    Requirement r[] = {{"java", 3, 1, false}};
    Need n = {.title = "Besoin", .client_id = -1, .status = "draft", .remote = "none", .duration_days = -1,
              .daily_rate_max = -1, .skills = r, .nskills = 1};
    assert_int_equal(store_need_insert(g_db, &a, &n, -1), STORE_OK);
    Requirement r2[] = {{"go", 2, 5, true}, {"sql", 1, 1, false}};
    n.status = "qualified";
    n.skills = r2;
    n.nskills = 2;
    assert_int_equal(store_need_update(g_db, &a, &n, 1), STORE_OK);
    assert_int_equal(n.version, 2);
    n.status = "open";
    assert_int_equal(store_need_update(g_db, &a, &n, 1), STORE_STALE);
    Need got;
    assert_int_equal(store_need_get(g_db, &a, n.id, &got), STORE_OK);
    assert_string_equal(got.status, "qualified");
    assert_int_equal(got.nskills, 2);
    assert_string_equal(got.skills[0].skill, "go");
    assert_null(got.client_name);
    assert_int_equal(got.client_id, -1);
    arena_free(&a);
}

static void test_need_for_an_unknown_client_is_a_conflict(void **state) {
    (void)state;
    Arena a = {0};
    Need n = {.title = "Orphan", .client_id = 999999, .status = "draft", .remote = "none", .duration_days = -1,
              .daily_rate_max = -1};
    assert_int_equal(store_need_insert(g_db, &a, &n, -1), STORE_CONFLICT);
    arena_free(&a);
}

static void test_needs_list_filters_by_status_and_title(void **state) {
    (void)state;
    Arena a = {0};
    Need n1 = {.title = "Architecte CLOUD", .client_id = -1, .status = "open", .remote = "full", .duration_days = -1,
               .daily_rate_max = -1};
    Need n2 = {.title = "Chef de projet cloud", .client_id = -1, .status = "closed", .remote = "none",
               .duration_days = -1, .daily_rate_max = -1};
    assert_int_equal(store_need_insert(g_db, &a, &n1, -1), STORE_OK);
    assert_int_equal(store_need_insert(g_db, &a, &n2, -1), STORE_OK);
    Need *out;
    int n;
    NeedsFilter q = {NULL, -1, "cloud"};
    assert_int_equal(store_needs_list(g_db, &a, &q, 0, 50, &out, &n), STORE_OK);
    assert_int_equal(n, 2);
    assert_int_equal(out[0].id, n2.id);
    NeedsFilter open = {"open", -1, "cloud"};
    assert_int_equal(store_needs_list(g_db, &a, &open, 0, 50, &out, &n), STORE_OK);
    assert_int_equal(n, 1);
    assert_int_equal(out[0].id, n1.id);
    arena_free(&a);
}

/* --- candidacies -------------------------------------------------------- */

static void make_person_and_need(Arena *a, Person *p, Need *n) {
    *p = new_person("Cand", "Idate", NULL, 0);
    assert_int_equal(store_person_insert(g_db, a, p), STORE_OK);
    *n = (Need){.title = "Poste", .client_id = -1, .status = "open", .remote = "none", .duration_days = -1,
                .daily_rate_max = -1};
    assert_int_equal(store_need_insert(g_db, a, n, -1), STORE_OK);
}

static void test_candidacy_is_unique_per_person_and_need(void **state) {
    (void)state;
    Arena a = {0};
    Person p;
    Need n;
    make_person_and_need(&a, &p, &n);
    Candidacy c = {.person_id = p.id, .need_id = n.id, .stage = "sourced"};
    assert_int_equal(store_candidacy_insert(g_db, &a, &c), STORE_OK);
    assert_true(c.id > 0);
    assert_int_equal(c.version, 1);
    Candidacy again = {.person_id = p.id, .need_id = n.id, .stage = "contacted"};
    assert_int_equal(store_candidacy_insert(g_db, &a, &again), STORE_CONFLICT);
    CandidacyRow row;
    assert_int_equal(store_candidacy_get(g_db, &a, c.id, &row), STORE_OK);
    assert_string_equal(row.c.stage, "sourced");
    assert_string_equal(row.person_name, "Cand Idate");
    assert_string_equal(row.person_kind, "candidate");
    assert_string_equal(row.need_title, "Poste");
    arena_free(&a);
}

static void test_candidacy_for_unknown_person_or_need_is_a_conflict(void **state) {
    (void)state;
    Arena a = {0};
    Person p;
    Need n;
    make_person_and_need(&a, &p, &n);
    Candidacy no_person = {.person_id = 999999, .need_id = n.id, .stage = "sourced"};
    assert_int_equal(store_candidacy_insert(g_db, &a, &no_person), STORE_CONFLICT);
    Candidacy no_need = {.person_id = p.id, .need_id = 999999, .stage = "sourced"};
    assert_int_equal(store_candidacy_insert(g_db, &a, &no_need), STORE_CONFLICT);
    arena_free(&a);
}

static void test_candidacy_update_checks_the_version(void **state) {
    (void)state;
    Arena a = {0};
    Person p;
    Need n;
    make_person_and_need(&a, &p, &n);
    Candidacy c = {.person_id = p.id, .need_id = n.id, .stage = "sourced"};
    assert_int_equal(store_candidacy_insert(g_db, &a, &c), STORE_OK);
    c.stage = "rejected";
    c.reason = "profil trop junior";
    assert_int_equal(store_candidacy_update(g_db, &a, &c, 1), STORE_OK);
    assert_int_equal(c.version, 2);
    c.stage = "offer";
    assert_int_equal(store_candidacy_update(g_db, &a, &c, 1), STORE_STALE);
    CandidacyRow row;
    assert_int_equal(store_candidacy_get(g_db, &a, c.id, &row), STORE_OK);
    assert_string_equal(row.c.stage, "rejected");
    assert_string_equal(row.c.reason, "profil trop junior");
    assert_int_equal(row.c.version, 2);

    CandidacyRow *rows;
    int count;
    CandidaciesFilter f = {n.id, -1, "rejected"};
    assert_int_equal(store_candidacies_list(g_db, &a, &f, 0, 50, &rows, &count), STORE_OK);
    assert_int_equal(count, 1);
    assert_int_equal(rows[0].c.id, c.id);
    arena_free(&a);
}

static void test_deleting_a_person_removes_their_candidacies(void **state) {
    (void)state;
    Arena a = {0};
    Person p;
    Need n;
    make_person_and_need(&a, &p, &n);
    Candidacy c = {.person_id = p.id, .need_id = n.id, .stage = "interview"};
    assert_int_equal(store_candidacy_insert(g_db, &a, &c), STORE_OK);
    db_reset_all(g_db);
    assert_int_equal(store_person_delete(g_db, p.id), STORE_OK);
    CandidacyRow row;
    assert_int_equal(store_candidacy_get(g_db, &a, c.id, &row), STORE_NOT_FOUND);
    arena_free(&a);
}

/* --- users -------------------------------------------------------------- */

static void add_user(Arena *a, const char *email, const char *name, User *u) {
    *u = (User){.email = email, .name = name, .role = "recruiter"};
    u->handle = store_user_free_handle(g_db, a, name);
    assert_int_equal(store_user_insert(g_db, u, "$argon2id$not-a-real-hash"), STORE_OK);
}

static void test_handle_is_folded_from_the_name_and_numbered_when_taken(void **state) {
    (void)state;
    Arena a = {0};
    assert_string_equal(store_user_free_handle(g_db, &a, "Élodie Dupont"), "elodie.dupont");
    User u1, u2;
    add_user(&a, "elodie@example.org", "Élodie Dupont", &u1);
    assert_string_equal(u1.handle, "elodie.dupont");
    assert_string_equal(store_user_free_handle(g_db, &a, "Élodie Dupont"), "elodie.dupont2");
    add_user(&a, "elodie2@example.org", "Elodie DUPONT", &u2);
    assert_string_equal(u2.handle, "elodie.dupont2");
    assert_string_equal(store_user_free_handle(g_db, &a, "élodie dupont"), "elodie.dupont3");
    arena_free(&a);
}

static void test_handle_keeps_letters_and_digits_only(void **state) {
    (void)state;
    Arena a = {0};
    assert_string_equal(store_user_free_handle(g_db, &a, "Jean-Luc O'Neil"), "jean.luc.o.neil");
    assert_string_equal(store_user_free_handle(g_db, &a, "  Ana   María  "), "ana.maria");
    assert_string_equal(store_user_free_handle(g_db, &a, "Straße 2"), "strasse.2");
    assert_string_equal(store_user_free_handle(g_db, &a, "!!!"), "user");
    assert_string_equal(store_user_free_handle(g_db, &a, ""), "user");
    arena_free(&a);
}

static void test_user_e_mail_is_unique(void **state) {
    (void)state;
    Arena a = {0};
    User u;
    add_user(&a, "unique@example.org", "Unique One", &u);
    User twin = {.email = "unique@example.org", .name = "Other", .handle = "other.one", .role = "sales"};
    assert_int_equal(store_user_insert(g_db, &twin, "$argon2id$x"), STORE_CONFLICT);
    User got;
    const char *hash = NULL;
    assert_int_equal(store_user_by_email(g_db, &a, "unique@example.org", &got, &hash), STORE_OK);
    assert_int_equal(got.id, u.id);
    assert_string_equal(hash, "$argon2id$not-a-real-hash");
    assert_int_equal(store_user_by_email(g_db, &a, "nobody@example.org", &got, NULL), STORE_NOT_FOUND);
    arena_free(&a);
}

static void test_user_update_checks_the_version(void **state) {
    (void)state;
    Arena a = {0};
    User u;
    add_user(&a, "versioned@example.org", "Ver Sioned", &u);
    u.role = "manager";
    assert_int_equal(store_user_update(g_db, &u, 1), STORE_OK);
    u.role = "admin";
    assert_int_equal(store_user_update(g_db, &u, 1), STORE_STALE);
    User got;
    assert_int_equal(store_user_get(g_db, &a, u.id, &got), STORE_OK);
    assert_string_equal(got.role, "manager");
    assert_int_equal(got.version, 2);
    arena_free(&a);
}

/* Opens its own transactions, like serve at start. */
static void test_the_server_key_is_made_once_and_kept(void **state) {
    (void)state;
    Arena a = {0};
    const char *first, *again;
    assert_int_equal(store_server_key_get(g_db, &a, "unit-key", &first), STORE_NOT_FOUND);
    assert_int_equal(store_server_key_ensure(g_db, "unit-key"), STORE_OK);
    assert_int_equal(store_server_key_get(g_db, &a, "unit-key", &first), STORE_OK);
    assert_int_equal(strlen(first), 43);
    assert_int_equal(store_server_key_ensure(g_db, "unit-key"), STORE_OK); /* a second server starting */
    assert_int_equal(store_server_key_get(g_db, &a, "unit-key", &again), STORE_OK);
    assert_string_equal(again, first);
    arena_free(&a);
}

static void test_a_calendar_feed_starts_on_and_each_renewal_is_a_new_generation(void **state) {
    (void)state;
    Arena a = {0};
    User u;
    add_user(&a, "feed@example.org", "Feed Owner", &u);
    CalendarFeed f;
    assert_int_equal(store_calendar_feed_get(g_db, &a, u.id, &f), STORE_OK);
    assert_int_equal(f.generation, 1);
    assert_true(f.active);
    assert_null(f.changed_at);
    assert_int_equal(store_calendar_feed_renew(g_db, &a, u.id, true, &f), STORE_OK);
    assert_int_equal(f.generation, 2);
    assert_int_equal(store_calendar_feed_renew(g_db, &a, u.id, false, &f), STORE_OK);
    assert_int_equal(f.generation, 3);
    assert_false(f.active);
    assert_int_equal(store_calendar_feed_get(g_db, &a, u.id, &f), STORE_OK);
    assert_int_equal(f.generation, 3);
    assert_false(f.active);
    assert_non_null(f.changed_at);
    assert_int_equal(store_calendar_feed_renew(g_db, &a, 999999, true, &f), STORE_CONFLICT); /* no such user */
    arena_free(&a);
}

/* --- rituals ------------------------------------------------------------ */

static void test_a_ritual_written_outside_a_request_gets_its_own_channel_with_its_people(void **state) {
    (void)state;
    Arena a = {0};
    User author, other;
    add_user(&a, "ritual.author@example.org", "Rita Author", &author);
    add_user(&a, "ritual.other@example.org", "Otto Other", &other);
    long long ids[] = {author.id, other.id};
    char name[201];
    memset(name, 'n', 200);
    name[200] = '\0';
    Ritual r = {.name = name, .frequency = "weekly", .time = "09:30", .duration_minutes = 30, .weekday = 2,
                .month_day = -1, .starts_on = "2027-01-05", .channel_id = -1, .created_by = author.id,
                .participants = {ids, NULL, 2}};
    assert_int_equal(store_ritual_insert(g_db, &a, &r), STORE_OK);
    assert_int_equal(store_rituals_own_channels(g_db, &a), STORE_OK);
    Ritual got;
    assert_int_equal(store_ritual_get(g_db, &a, r.id, &got), STORE_OK);
    assert_true(got.channel_id > 0);
    assert_true(got.channel_own);
    Channel c;
    assert_int_equal(store_channel_get_any(g_db, &a, got.channel_id, &c), STORE_OK);
    assert_string_equal(c.object_type, "ritual");
    assert_int_equal(c.object_id, r.id);
    assert_int_equal(strncmp(c.name, "Rituel : nnn", 12), 0);
    assert_int_equal(text_utf8_length(c.name), 80); /* a channel's name, cut with "…" */
    bool member;
    for (int i = 0; i < 2; i++) {
        assert_int_equal(store_channel_is_member(g_db, got.channel_id, ids[i], &member), STORE_OK);
        assert_true(member);
    }
    long long again = got.channel_id;
    assert_int_equal(store_rituals_own_channels(g_db, &a), STORE_OK); /* nothing left to do: the same channel */
    assert_int_equal(store_ritual_get(g_db, &a, r.id, &got), STORE_OK);
    assert_int_equal(got.channel_id, again);
    arena_free(&a);
}

#define T(f) cmocka_unit_test_setup_teardown(f, begin, commit)

int main(void) {
    const struct CMUnitTest tests[] = {
        T(test_migrations_run_twice_without_change),
        T(test_database_answers_a_ping),
        T(test_person_round_trip_keeps_every_field),
        T(test_person_optional_fields_stay_empty),
        T(test_unknown_person_is_not_found),
        T(test_person_update_bumps_version_and_replaces_skills),
        T(test_person_update_with_an_old_version_is_stale_and_changes_nothing),
        T(test_person_update_of_a_deleted_person_is_stale),
        T(test_person_delete_removes_skills_too),
        T(test_person_with_a_skill_listed_twice_is_a_conflict),
        T(test_people_with_skills_finds_holders_of_any_listed_skill),
        T(test_people_list_filters_and_pages_newest_first),
        T(test_need_round_trip_keeps_requirements_in_order),
        T(test_need_update_checks_the_version),
        T(test_need_for_an_unknown_client_is_a_conflict),
        T(test_needs_list_filters_by_status_and_title),
        T(test_candidacy_is_unique_per_person_and_need),
        T(test_candidacy_for_unknown_person_or_need_is_a_conflict),
        T(test_candidacy_update_checks_the_version),
        T(test_deleting_a_person_removes_their_candidacies),
        T(test_handle_is_folded_from_the_name_and_numbered_when_taken),
        T(test_handle_keeps_letters_and_digits_only),
        T(test_user_e_mail_is_unique),
        T(test_user_update_checks_the_version),
        cmocka_unit_test(test_the_server_key_is_made_once_and_kept),
        T(test_a_calendar_feed_starts_on_and_each_renewal_is_a_new_generation),
        T(test_a_ritual_written_outside_a_request_gets_its_own_channel_with_its_people),
    };
    return cmocka_run_group_tests_name("store (SQLite)", tests, setup, teardown);
}
