/* access: row-level access and money fields, applied to every API request
 * in one place (the dispatcher, http/server.c, calls it; the rules are the
 * pure functions of domain/visibility.h).
 *
 *   access_opens()  a GET on rows of one's own (a consultant's profile) is
 *                   allowed even without the role's read permission
 *   access_check()  money in the query string or the JSON body of a role
 *                   that may not see it: 403; a row of a kind the caller
 *                   sees only in part: 404 unless theirs
 *   access_redact() money removed from the JSON answer of such a role
 *
 * List handlers whose route is ROUTE_SCOPED narrow their query with
 * access_scope() (a route that is not can never be opened by own rows). */
#ifndef ALLIANCE_ACCESS_H
#define ALLIANCE_ACCESS_H
#include <stdbool.h>
#include "../domain/visibility.h"
#include "router.h"

/* Whether the caller may use route through rows of their own, lacking
 * the route's permission. */
bool access_opens(Request *rq, const Route *route);
/* Checks the request's fields and the row its path names; on refusal
 * answers (403 or 404) and returns false. Call after the JSON body is read. */
bool access_check(Request *rq, Response *rs, const Route *route);
/* Removes the money fields of rs->json the caller may not see. */
void access_redact(Request *rq, Response *rs);
/* Removes every money field of j, at any depth (for what many roles
 * receive alike: the live stream). */
void access_strip_money(json_t *j);
/* The caller, and how much of kind they see (for list handlers). */
Viewer access_viewer(const Request *rq);
Scope access_scope(const Request *rq, RowKind kind);

#endif
