/* auth: who is calling. A browser sends the alliance_session cookie (and an
 * X-CSRF-Token header on writes); an integration sends
 * "Authorization: Bearer <token>". Both resolve to a user here. */
#ifndef ALLIANCE_AUTH_H
#define ALLIANCE_AUTH_H
#include <stdbool.h>
#include "http.h"

/* Session lifetimes (OWASP ASVS 3.3): a session ends after AUTH_IDLE_MINUTES
 * without a request and AUTH_MAX_HOURS after sign-in, whichever comes
 * first; serve --session-idle-minutes / --session-max-hours change them. */
enum { AUTH_IDLE_MINUTES = 30, AUTH_MAX_HOURS = 12, AUTH_TOUCH_SECONDS = 60 };
/* The cookie's name: over HTTPS the __Host- prefix makes the browser
 * insist on Secure, Path=/ and no Domain, so no sibling host can set it. */
#define SESSION_COOKIE "alliance_session"
#define SESSION_COOKIE_TLS "__Host-alliance_session"

void auth_configure(int idle_seconds, int max_seconds);
int auth_idle_seconds(void);
int auth_max_seconds(void);
const char *auth_cookie_name(const Request *rq);

/* Fills rq->signed_in, rq->user, rq->via_token, rq->session_id and
 * rq->csrf. false on a storage error. Sets rq->session_touch when the
 * session's last use should be written (at most once a minute). */
bool auth_resolve(Request *rq);
/* Writes that last use, in a transaction of its own after the request's. */
void auth_touch(Request *rq);

#endif
