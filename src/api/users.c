/* users: accounts, managed by admins. Passwords are hashed before the
 * transaction opens, so the write lock is never held during argon2id. */
#include <string.h>
#include "../domain/permissions.h"
#include "../domain/password.h"
#include "../lib/secret.h"
#include "../lib/text.h"
#include "../store/clients.h"
#include "../store/people.h"
#include "../store/users.h"
#include "api.h"


static const FieldSpec CREATE[] = {
    {"email", F_EMAIL, true, 0, 254, NULL},
    {"name", F_STRING, true, 0, 100, NULL},
    {"role", F_ENUM, true, 0, 0, ROLES},
    {"password", F_STRING, true, 0, 1024, NULL},
    {"person_id", F_ID, false, 1, 1LL << 53, NULL},
    {"client_id", F_ID, false, 1, 1LL << 53, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

static const FieldSpec UPDATE[] = {
    {"name", F_STRING, true, 0, 100, NULL},
    {"role", F_ENUM, true, 0, 0, ROLES},
    {"disabled", F_BOOL, false, 0, 0, NULL},
    {"person_id", F_ID, false, 1, 1LL << 53, NULL},
    {"client_id", F_ID, false, 1, 1LL << 53, NULL},
    {"id", F_IGNORED, false, 0, 0, NULL},
    {"version", F_IGNORED, false, 0, 0, NULL},
    {"email", F_IGNORED, false, 0, 0, NULL},
    {"handle", F_IGNORED, false, 0, 0, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

/* Row-level access (domain/visibility.h): a client contact's account
 * belongs to a client, and only theirs has one; an account may stand for a
 * person (a consultant's own profile), one account per person. Answers
 * (422 or 409) and returns false when something is wrong. */
static bool links_valid(Request *rq, Response *rs, const User *u) {
    json_t *errs = json_array();
    bool client = strcmp(u->role, "client") == 0;
    if (client && u->client_id <= 0) errors_add(rq, errs, "client_id", "client_account_needs_client");
    if (!client && u->client_id > 0) errors_add(rq, errs, "client_id", "only_client_accounts");
    if (client && u->person_id > 0) errors_add(rq, errs, "person_id", "client_account_no_person");
    Client c;
    Person p;
    if (u->client_id > 0 && store_client_get(rq->db, &rq->arena, u->client_id, &c) != STORE_OK)
        errors_add(rq, errs, "client_id", "no_such_client");
    if (u->person_id > 0 && store_person_get(rq->db, &rq->arena, u->person_id, &p) != STORE_OK)
        errors_add(rq, errs, "person_id", "no_such_person");
    if (json_array_size(errs)) {
        reply_invalid(rq, rs, errs);
        return false;
    }
    json_decref(errs);
    bool taken = false;
    if (u->person_id > 0 && store_user_person_taken(rq->db, u->person_id, u->id > 0 ? u->id : 0, &taken) != STORE_OK) {
        reply_db_error(rq, rs);
        return false;
    }
    if (taken) reply_problem(rq, rs, 409, "person-has-account", "conflict", NULL);
    return !taken;
}

void users_list(Request *rq, Response *rs) {
    int limit;
    long long before;
    if (!req_page(rq, rs, &limit, &before)) return;
    User *users;
    int n;
    if (store_users_list(rq->db, &rq->arena, before, limit, &users, &n) != STORE_OK) return reply_db_error(rq, rs);
    json_t *items = json_array();
    for (int i = 0; i < n; i++) json_array_append_new(items, user_json(&users[i]));
    reply_json(rs, 200, page_body(items, limit, n ? users[n - 1].id : 0));
}

void users_create(Request *rq, Response *rs) {
    json_t *errs = json_array();
    validate_object(rq, rq->json, CREATE, false, errs);
    const char *password = jstr(rq->json, "password");
    const char *weak = password ? password_problem(password) : NULL;
    if (weak) errors_add(rq, errs, "password", weak, PASSWORD_MIN);
    if (json_array_size(errs)) return reply_invalid(rq, rs, errs);
    json_decref(errs);
    char hash[128];
    if (secret_password_hash(password, hash)) return reply_db_error(rq, rs);
    char *email = text_ascii_lower(arena_strdup(&rq->arena, jstr(rq->json, "email")));
    if (db_begin_write(rq->db) != DB_OK) return reply_db_error(rq, rs);
    User u = {.email = email, .name = jstr(rq->json, "name"), .role = jstr(rq->json, "role"),
              .person_id = jint(rq->json, "person_id"), .client_id = jint(rq->json, "client_id")};
    if (!links_valid(rq, rs, &u)) return;
    u.handle = store_user_free_handle(rq->db, &rq->arena, u.name);
    StoreResult r = store_user_insert(rq->db, &u, hash);
    if (r == STORE_CONFLICT) return reply_problem(rq, rs, 409, "duplicate-email", "duplicate_email", NULL);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    rs->audit_type = "user";
    rs->audit_id = u.id;
    reply_versioned(rq, rs, u.version, user_json(&u));
    rs->status = 201;
}

void users_get(Request *rq, Response *rs) {
    User u;
    StoreResult r = store_user_get(rq->db, &rq->arena, rq->ids[0], &u);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    reply_versioned(rq, rs, u.version, user_json(&u));
}

void users_update(Request *rq, Response *rs) {
    long long expected;
    if (!req_if_match(rq, rs, &expected)) return;
    User u;
    StoreResult r = store_user_get(rq->db, &rq->arena, rq->ids[0], &u);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    json_t *errs = json_array();
    if (validate_object(rq, rq->json, UPDATE, true, errs)) return reply_invalid(rq, rs, errs);
    json_decref(errs);
    if (u.version != expected) return reply_store_error(rq, rs, STORE_STALE);
    jset_str(rq, rq->json, "name", &u.name);
    jset_str(rq, rq->json, "role", &u.role);
    if (jhas(rq->json, "disabled")) u.disabled = jbool(rq->json, "disabled");
    jset_int(rq->json, "person_id", &u.person_id);
    jset_int(rq->json, "client_id", &u.client_id);
    if (!links_valid(rq, rs, &u)) return;
    if (u.id == rq->user.id && (u.disabled || strcmp(u.role, "admin") != 0))
        return reply_problem(rq, rs, 409, "cannot-demote-self", "conflict", NULL);
    r = store_user_update(rq->db, &u, expected);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    u.version = expected + 1;
    rs->audit_type = "user";
    reply_versioned(rq, rs, u.version, user_json(&u));
}
