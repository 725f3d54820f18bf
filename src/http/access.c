/* access: see access.h. */
#include "access.h"
#include <microhttpd.h>
#include <string.h>
#include "../store/access.h"

Viewer access_viewer(const Request *rq) {
    if (!rq->signed_in) return (Viewer){.user_id = -1, .role = "", .person_id = -1, .client_id = -1};
    return viewer_of(&rq->user);
}

Scope access_scope(const Request *rq, RowKind kind) {
    Viewer v = access_viewer(rq);
    return visibility_scope(&v, kind);
}

static bool path_names_row(const Route *route) { return strstr(route->pattern, "{id}") != NULL; }

bool access_opens(Request *rq, const Route *route) {
    /* own rows open reads only ("people.read", not "people.export" or writes) */
    size_t n = route->action ? strlen(route->action) : 0;
    bool read = strcmp(rq->method, "GET") == 0 || strcmp(rq->method, "HEAD") == 0;
    if (!rq->signed_in || !read || route->row == ROW_NONE || n < 5 ||
        strcmp(route->action + n - 5, ".read") != 0)
        return false;
    if (access_scope(rq, route->row) != SCOPE_OWN) return false;
    return path_names_row(route) || (route->flags & ROUTE_SCOPED);
}

/* A query parameter naming money, or a sort or filter by it. */
static enum MHD_Result money_param(void *found, enum MHD_ValueKind kind, const char *key, const char *value) {
    (void)kind;
    bool sorts = strcmp(key, "sort") == 0 || strcmp(key, "order") == 0 || strcmp(key, "order_by") == 0;
    if (visibility_money_field(key) || (sorts && value && visibility_money_field(value[0] == '-' ? value + 1 : value))) {
        *(bool *)found = true;
        return MHD_NO;
    }
    return MHD_YES;
}

/* Whether j holds a money field at any depth; with remove, takes them out. */
static bool money_in(json_t *j, bool remove) {
    bool found = false;
    if (json_is_object(j)) {
        const char *key;
        json_t *v;
        void *tmp;
        json_object_foreach_safe(j, tmp, key, v) {
            if (visibility_money_field(key)) {
                found = true;
                if (!remove) return true;
                json_object_del(j, key);
            } else if (money_in(v, remove)) {
                found = true;
                if (!remove) return true;
            }
        }
    } else if (json_is_array(j)) {
        size_t i;
        json_t *v;
        json_array_foreach(j, i, v) {
            if (!money_in(v, remove)) continue;
            found = true;
            if (!remove) return true;
        }
    }
    return found;
}

static bool refuse_money(Request *rq, Response *rs) {
    reply_problem(rq, rs, 403, "forbidden-field", "forbidden", "daily_rate, daily_rate_max, salary_min, salary_max");
    return false;
}

bool access_check(Request *rq, Response *rs, const Route *route) {
    if (!rq->signed_in) return true;
    if (!visibility_sees_money(rq->user.role)) {
        bool found = false;
        MHD_get_connection_values(rq->conn, MHD_GET_ARGUMENT_KIND, money_param, &found);
        if (found || (rq->json && money_in(rq->json, false))) return refuse_money(rq, rs);
    }
    Viewer v = access_viewer(rq);
    Scope scope = visibility_scope(&v, route->row);
    if (scope == SCOPE_ALL) return true;
    if (scope == SCOPE_NONE || (!path_names_row(route) && !(route->flags & ROUTE_SCOPED))) {
        reply_problem(rq, rs, 403, "forbidden", "forbidden", NULL);
        return false;
    }
    if (!path_names_row(route)) return true; /* a list: the handler narrows it (access_scope) */
    RowFacts facts;
    StoreResult r = store_row_facts(rq->db, &rq->arena, route->row, rq->ids[0], v.user_id, &facts);
    Access a = r == STORE_OK ? visibility_row(&v, route->row, &facts) : ACCESS_HIDDEN;
    if (r != STORE_OK && r != STORE_NOT_FOUND) {
        reply_db_error(rq, rs);
        return false;
    }
    if (a == ACCESS_OK) return true;
    /* the same answer as a row that does not exist: nothing tells them apart */
    if (a == ACCESS_HIDDEN) reply_problem(rq, rs, 404, "not-found", "not_found", NULL);
    else reply_problem(rq, rs, 403, "forbidden", "forbidden", NULL);
    return false;
}

void access_strip_money(json_t *j) { money_in(j, true); }

void access_redact(Request *rq, Response *rs) {
    if (rs->json && !visibility_sees_money(rq->signed_in ? rq->user.role : NULL)) access_strip_money(rs->json);
}
