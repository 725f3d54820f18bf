/* auth: resolves the caller from cookie or bearer token (see auth.h). */
#include "auth.h"
#include <string.h>
#include <time.h>
#include "../lib/secret.h"
#include "../lib/timeutil.h"
#include "../store/sessions.h"

static int g_idle = AUTH_IDLE_MINUTES * 60, g_max = AUTH_MAX_HOURS * 3600;

void auth_configure(int idle_seconds, int max_seconds) {
    g_idle = idle_seconds;
    g_max = max_seconds;
}
int auth_idle_seconds(void) { return g_idle; }
int auth_max_seconds(void) { return g_max; }

const char *auth_cookie_name(const Request *rq) { return rq->secure ? SESSION_COOKIE_TLS : SESSION_COOKIE; }

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
    const char *cookie = req_cookie(rq, auth_cookie_name(rq));
    if (!cookie || !*cookie) return true;
    char now[21], idle_since[21], touch_before[21];
    time_t t = time(NULL);
    time_iso(t, now);
    time_iso(t - g_idle, idle_since);
    time_iso(t - AUTH_TOUCH_SECONDS, touch_before);
    secret_token_hash(cookie, hash);
    const char *last_seen;
    StoreResult r = store_session_lookup(rq->db, &rq->arena, hash, now, idle_since, &rq->user, &rq->csrf,
                                         &rq->session_id, &last_seen);
    if (r == STORE_ERROR) return false;
    rq->signed_in = r == STORE_OK;
    rq->session_touch = rq->signed_in && strcmp(last_seen, touch_before) < 0;
    return true;
}

void auth_touch(Request *rq) {
    if (!rq->session_touch || !rq->db) return;
    char now[21];
    time_now_iso(now);
    /* best effort: a failure only shortens this session's idle time */
    if (db_begin_write(rq->db) != DB_OK) return;
    if (store_session_touch(rq->db, rq->session_id, now) == STORE_OK && db_commit(rq->db) == DB_OK) return;
    db_rollback(rq->db);
}
