/* password_reset: setting a new password with a single-use link, the one a
 * reset e-mail carries or an admin hands over (`alliance user reset-link`).
 * A used, expired, superseded or unknown link gets one and the same answer.
 * A new password ends every session of the account: a reset often follows
 * a compromise. */
#include "../domain/password.h"
#include "../lib/secret.h"
#include "../lib/timeutil.h"
#include "../store/password_resets.h"
#include "../store/sessions.h"
#include "../store/users.h"
#include "api.h"

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
