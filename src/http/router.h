/* router: matches a method and path against the route table (api/routes.c).
 * A pattern is a path whose "{id}" segments match positive integers, which
 * the request receives in rq->ids, in order, and whose one "{token}" segment
 * matches 1..64 URL-safe characters ([A-Za-z0-9_-]), received in rq->token. */
#ifndef ALLIANCE_ROUTER_H
#define ALLIANCE_ROUTER_H
#include <stdbool.h>
#include "../domain/visibility.h"
#include "http.h"

typedef void (*Handler)(Request *rq, Response *rs);

enum {
    ROUTE_PUBLIC = 1,     /* no sign-in needed */
    ROUTE_JSON = 2,       /* the body must be a JSON object (rq->json) */
    ROUTE_OWN_TX = 4,     /* the handler manages its own transactions */
    ROUTE_UPLOAD = 8,     /* takes a file: the body may reach MAX_UPLOAD_BODY (a CV) */
    ROUTE_SCOPED = 16,    /* a list of rows of kind `row` that the handler narrows to what the
                           * caller sees (http/access.h access_scope) */
};

typedef struct {
    const char *method, *pattern;
    const char *action;   /* permission (domain/permissions.c); NULL for public routes */
    Handler handler;
    int flags;
    /* the kind of row the path's first {id} names, or that a ROUTE_SCOPED
     * list holds: rows whose visibility depends on who asks (visibility.h) */
    RowKind row;
} Route;

extern const Route ROUTES[];
extern const int NROUTES;

/* The route for method and path, or NULL. *path_known tells whether some
 * route has this path with another method (405 rather than 404). */
const Route *router_match(const char *method, const char *path, long long ids[MAX_PATH_IDS], int *nids,
                          char token[MAX_PATH_TOKEN + 1], bool *path_known);

#endif
