/* auth: resolves the caller from cookie or bearer token (see auth.h). */
#include "auth.h"
#include <string.h>
#include "../lib/secret.h"
#include "../lib/timeutil.h"
#include "../store/sessions.h"

bool auth_resolve(Request *rq) {
    rq->csrf = NULL;
    char hash[SECRET_HASH_LEN];
    const char *authz = req_header(rq, "Authorization");
    if (authz && strncmp(authz, "Bearer ", 7) == 0) {
        secret_token_hash(authz + 7, hash);
        StoreResult r = store_token_lookup(rq->db, &rq->arena, hash, &rq->user);
        if (r == STORE_ERROR) return false;
        rq->signed_in = rq->via_token = r == STORE_OK;
        return true;
    }
    const char *cookie = req_cookie(rq, SESSION_COOKIE);
    if (!cookie || !*cookie) return true;
    char now[21];
    time_now_iso(now);
    secret_token_hash(cookie, hash);
    StoreResult r = store_session_lookup(rq->db, &rq->arena, hash, now, &rq->user, &rq->csrf, &rq->session_id);
    if (r == STORE_ERROR) return false;
    rq->signed_in = r == STORE_OK;
    return true;
}
