/* session: sign in, sign out, who am I.
 * Sign-in is rate-limited per e-mail and per address (failures counted in
 * the database, so every server sees them) and takes the same time whether
 * or not the e-mail exists. */
#include <pthread.h>
#include <string.h>
#include "../lib/secret.h"
#include "../lib/text.h"
#include "../lib/timeutil.h"
#include "../http/auth.h"
#include "../store/sessions.h"
#include "../store/users.h"
#include "api.h"

enum { FAILURE_WINDOW_S = 15 * 60, MAX_FAILURES_PER_EMAIL = 10, MAX_FAILURES_PER_ADDRESS = 100 };

json_t *user_json(const User *u) {
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:b, s:o, s:o}", "id", u->id, "version", u->version, "email",
                     u->email, "name", u->name, "handle", u->handle, "role", u->role, "disabled", u->disabled,
                     "person_id", json_int_or_null(u->person_id), "client_id", json_int_or_null(u->client_id));
}

static const FieldSpec SIGNIN[] = {
    {"email", F_STRING, true, 0, 254, NULL},
    {"password", F_STRING, true, 0, 1024, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

/* A hash to verify against when the e-mail is unknown, so that the answer
 * takes as long as for a real account. Made once, lazily. */
static char g_dummy_hash[128];
static void make_dummy_hash(void) { secret_password_hash("not a real password", g_dummy_hash); }
static const char *dummy_hash(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, make_dummy_hash);
    return g_dummy_hash;
}

/* Over HTTPS the cookie is Secure and __Host- prefixed (auth.h). */
static void cookie_header(Request *rq, Response *rs, const char *value, int max_age) {
    reply_header(rq, rs, "Set-Cookie",
                 arena_printf(&rq->arena, "%s=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%d%s", auth_cookie_name(rq),
                              value, max_age, rq->secure ? "; Secure" : ""));
}

void session_create(Request *rq, Response *rs) {
    json_t *errs = json_array();
    if (validate_object(rq, rq->json, SIGNIN, false, errs)) return reply_invalid(rq, rs, errs);
    json_decref(errs);
    char *email = text_ascii_lower(arena_strdup(&rq->arena, jstr(rq->json, "email")));
    const char *password = jstr(rq->json, "password");

    char now[21], since[21];
    time_t t = time(NULL);
    time_iso(t, now);
    time_iso(t - FAILURE_WINDOW_S, since);
    int by_email, by_address;
    if (store_signin_failures(rq->db, email, rq->address, since, &by_email, &by_address) != STORE_OK)
        return reply_db_error(rq, rs);
    if (by_email >= MAX_FAILURES_PER_EMAIL || by_address >= MAX_FAILURES_PER_ADDRESS) {
        reply_header(rq, rs, "Retry-After", "900");
        return reply_problem(rq, rs, 429, "too-many-attempts", "too_many_attempts", NULL);
    }

    User u;
    const char *hash = NULL;
    StoreResult r = store_user_by_email(rq->db, &rq->arena, email, &u, &hash);
    if (r == STORE_ERROR) return reply_db_error(rq, rs);
    /* End the read before the slow hash: a statement left open keeps an
     * old snapshot, and SQLite refuses BEGIN IMMEDIATE at once (no busy
     * wait) when another connection wrote in the meantime. */
    db_reset_all(rq->db);
    bool ok = secret_password_verify(r == STORE_OK ? hash : dummy_hash(), password) && r == STORE_OK && !u.disabled;

    if (db_begin_write(rq->db) != DB_OK) return reply_db_error(rq, rs);
    if (!ok) {
        if (store_signin_failure_add(rq->db, email, rq->address, now) != STORE_OK) return reply_db_error(rq, rs);
        rs->keep_writes = true;
        return reply_problem(rq, rs, 401, "wrong-credentials", "wrong_credentials", NULL);
    }
    char token[SECRET_TOKEN_LEN], token_hash[SECRET_HASH_LEN], csrf[SECRET_TOKEN_LEN], expires[21];
    /* rotation: a session the browser had before signing in ends here, so
     * an identifier planted before sign-in (session fixation) is worthless */
    const char *old = req_cookie(rq, auth_cookie_name(rq));
    if (old && *old) {
        secret_token_hash(old, token_hash);
        if (store_session_delete_by_hash(rq->db, token_hash) != STORE_OK) return reply_db_error(rq, rs);
    }
    secret_token(token);
    secret_token(csrf);
    secret_token_hash(token, token_hash);
    time_iso(t + auth_max_seconds(), expires);
    long long sid;
    if (store_session_create(rq->db, token_hash, u.id, csrf, now, expires, &sid) != STORE_OK) return reply_db_error(rq, rs);
    if (store_sessions_purge_expired(rq->db, now, since) != STORE_OK) return reply_db_error(rq, rs);
    rq->user = u;
    rq->signed_in = true;
    rs->audit_type = "session";
    rs->audit_id = sid;
    cookie_header(rq, rs, token, auth_max_seconds());
    reply_json(rs, 200, json_pack("{s:o, s:s}", "user", user_json(&u), "csrf_token", csrf));
}

void session_delete(Request *rq, Response *rs) {
    if (rq->via_token) /* a bearer token is revoked with the CLI, not by signing out */
        return reply_problem(rq, rs, 409, "not-a-session", "conflict", NULL);
    if (store_session_delete(rq->db, rq->session_id) != STORE_OK) return reply_db_error(rq, rs);
    rs->audit_type = "session";
    rs->audit_id = rq->session_id;
    cookie_header(rq, rs, "", 0);
    reply_empty(rs, 204);
}

/* Sign out everywhere: every browser session of the caller ends (API
 * tokens are revoked one by one with the CLI). */
void sessions_delete_all(Request *rq, Response *rs) {
    int n;
    if (store_sessions_delete_user(rq->db, rq->user.id, &n) != STORE_OK) return reply_db_error(rq, rs);
    rs->audit_type = "user";
    rs->audit_id = rq->user.id;
    if (!rq->via_token) cookie_header(rq, rs, "", 0);
    reply_json(rs, 200, json_pack("{s:i}", "ended", n));
}

void me_get(Request *rq, Response *rs) {
    json_t *body = json_pack("{s:o}", "user", user_json(&rq->user));
    /* The page needs the CSRF token again after a reload; only pages of
     * this origin can read this answer. */
    if (rq->csrf) json_object_set_new(body, "csrf_token", json_string(rq->csrf));
    if (!me_calendar_fields(rq, body)) { /* the personal calendar feed */
        json_decref(body);
        return reply_db_error(rq, rs);
    }
    reply_json(rs, 200, body);
}
