/* auth: who is calling. A browser sends the alliance_session cookie (and an
 * X-CSRF-Token header on writes); an integration sends
 * "Authorization: Bearer <token>". Both resolve to a user here. */
#ifndef ALLIANCE_AUTH_H
#define ALLIANCE_AUTH_H
#include <stdbool.h>
#include "http.h"

enum { SESSION_DAYS = 14 };
#define SESSION_COOKIE "alliance_session"

/* Fills rq->signed_in, rq->user, rq->via_token, rq->session_id and
 * rq->csrf. false on a storage error. */
bool auth_resolve(Request *rq);

#endif
