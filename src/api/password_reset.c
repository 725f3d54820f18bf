/* password_reset: a forgotten password.
 *   POST /api/v1/password-reset/request {"email"}: mails a single-use link
 *        (RESET_MINUTES) to that account, through the outbox. The answer is
 *        the same 202 whether or not the account exists, so the form tells
 *        nobody who has one; at most RESET_MAILS_PER_HOUR mails per account
 *        (more are silently not sent), RESET_REQUESTS_PER_ADDRESS requests
 *        per hour from one address (then 429).
 *   POST /api/v1/password-reset {"token", "password"}: sets the new
 *        password with the link's token (or one an admin handed over with
 *        `alliance user reset-link`). A used, expired, superseded or unknown
 *        link gets one and the same answer. A new password ends every
 *        session of the account: a reset often follows a compromise. */
#include "../domain/password.h"
#include "../lib/secret.h"
#include "../lib/timeutil.h"
#include "../store/password_resets.h"
#include "../store/sessions.h"
#include "../lib/text.h"
#include "../mail/compose.h"
#include "../mail/mail_config.h"
#include "../store/users.h"
#include "api.h"

enum { RESET_MAILS_PER_HOUR = 3, RESET_REQUESTS_PER_ADDRESS = 20 };

static const FieldSpec RESET_REQUEST[] = {
    {"email", F_STRING, true, 0, 254, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

/* The mail with the link, in the language the request was made in. */
static StoreResult reset_mail(Request *rq, const User *u) {
    char token[SECRET_TOKEN_LEN];
    StoreResult r = store_reset_issue(rq->db, u->id, token);
    if (r != STORE_OK) return r;
    const char *link = arena_printf(&rq->arena, "%s/#/reset/%s", mail_config()->public_url, token);
    Mail m = {.kind = "password_reset", .to = u->email, .to_name = u->name,
              .subject = i18n(rq->lang, "reset_mail_subject"),
              .text = arena_printf(&rq->arena, i18n(rq->lang, "reset_mail_text"), u->name, RESET_MINUTES, link),
              .candidacy_id = -1};
    return mail_queue(rq->db, &m);
}

void password_reset_request(Request *rq, Response *rs) {
    json_t *errs = json_array();
    validate_object(rq, rq->json, RESET_REQUEST, false, errs);
    const char *given = jstr(rq->json, "email");
    if (!json_array_size(errs) && !validate_email(given)) errors_add(rq, errs, "email", "must_be_email");
    if (json_array_size(errs)) return reply_invalid(rq, rs, errs);
    json_decref(errs);
    char *email = text_ascii_lower(arena_strdup(&rq->arena, given));
    char now[21], since[21];
    time_t t = time(NULL);
    time_iso(t, now);
    time_iso(t - 3600, since);
    int by_email, by_address;
    if (store_reset_requests_purge(rq->db, since) != STORE_OK ||
        store_reset_requests(rq->db, email, rq->address, since, &by_email, &by_address) != STORE_OK)
        return reply_db_error(rq, rs);
    if (by_address >= RESET_REQUESTS_PER_ADDRESS) {
        reply_header(rq, rs, "Retry-After", "3600");
        return reply_problem(rq, rs, 429, "too-many-attempts", "too_many_attempts", NULL);
    }
    User u;
    StoreResult r = store_reset_request_add(rq->db, email, rq->address, now);
    StoreResult found = r == STORE_OK ? store_user_by_email(rq->db, &rq->arena, email, &u, NULL) : r;
    if (found == STORE_ERROR) return reply_db_error(rq, rs);
    if (found == STORE_OK && !u.disabled && by_email < RESET_MAILS_PER_HOUR && reset_mail(rq, &u) != STORE_OK)
        return reply_db_error(rq, rs);
    reply_json(rs, 202, json_pack("{s:s}", "detail", i18n(rq->lang, "reset_requested")));
}

static const FieldSpec RESET[] = {
    {"token", F_STRING, true, 0, 64, NULL},
    {"password", F_STRING, true, 0, PASSWORD_MAX, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

void password_reset_confirm(Request *rq, Response *rs) {
    json_t *errs = json_array();
    validate_object(rq, rq->json, RESET, false, errs);
    const char *token = jstr(rq->json, "token"), *password = jstr(rq->json, "password");
    const char *weak = password ? password_problem(password) : NULL;
    if (weak) errors_add(rq, errs, "password", weak, PASSWORD_MIN);
    if (json_array_size(errs)) return reply_invalid(rq, rs, errs);
    json_decref(errs);
    char token_hash[SECRET_HASH_LEN], now[21], hash[128];
    secret_token_hash(token, token_hash);
    time_now_iso(now);
    StoreResult r = store_reset_valid(rq->db, token_hash, now);
    if (r == STORE_NOT_FOUND) return reply_problem(rq, rs, 400, "reset-link-invalid", "reset_link_invalid", NULL);
    if (r != STORE_OK) return reply_db_error(rq, rs);
    if (secret_password_hash(password, hash)) return reply_db_error(rq, rs);
    if (db_begin_write(rq->db) != DB_OK) return reply_db_error(rq, rs);
    long long user_id;
    int ended;
    r = store_reset_take(rq->db, token_hash, now, &user_id); /* again, atomically: one use wins */
    if (r == STORE_NOT_FOUND) return reply_problem(rq, rs, 400, "reset-link-invalid", "reset_link_invalid", NULL);
    if (r != STORE_OK || store_user_set_password(rq->db, user_id, hash) != STORE_OK ||
        store_sessions_delete_user(rq->db, user_id, &ended) != STORE_OK)
        return reply_db_error(rq, rs);
    rs->audit_type = "user";
    rs->audit_id = user_id;
    reply_empty(rs, 204);
}
