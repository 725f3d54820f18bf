/* response: helpers that fill a Response (see http.h). */
#include <ctype.h>
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>
#include "http.h"
#include "../lib/text.h"
#include "params.h"

const char *req_query(Request *rq, const char *name) {
    return MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, name);
}
const char *req_header(Request *rq, const char *name) {
    return MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, name);
}
const char *req_cookie(Request *rq, const char *name) {
    return MHD_lookup_connection_value(rq->conn, MHD_COOKIE_KIND, name);
}

void reply_json(Response *rs, int status, json_t *body) {
    if (rs->json) json_decref(rs->json);
    rs->status = status;
    rs->json = body;
}

void reply_empty(Response *rs, int status) { reply_json(rs, status, NULL); }

void reply_header(Request *rq, Response *rs, const char *name, const char *value) {
    if (rs->nheaders == MAX_HEADERS) return;
    rs->headers[rs->nheaders++] = (Header){arena_strdup(&rq->arena, name), arena_strdup(&rq->arena, value)};
}

void reply_download(Request *rq, Response *rs, const void *data, size_t len, const char *type, const char *fallback,
                    const char *name) {
    rs->status = 200;
    rs->raw = data;
    rs->raw_len = len;
    rs->content_type = type;
    Buf d = BUF_INIT;
    buf_puts(&d, "attachment");
    if (fallback) buf_printf(&d, "; filename=\"%s\"", fallback);
    if (name) {
        buf_puts(&d, "; filename*=UTF-8''");
        for (const unsigned char *p = (const unsigned char *)name; *p; p++)
            if (isalnum(*p) || strchr("-._~", *p)) buf_append(&d, p, 1);
            else buf_printf(&d, "%%%02X", *p);
    }
    reply_header(rq, rs, "Content-Disposition", buf_str(&d));
    buf_free(&d);
    reply_header(rq, rs, "Content-Security-Policy", "sandbox; default-src 'none'");
}

void reply_problem(Request *rq, Response *rs, int status, const char *type, const char *title_key,
                   const char *detail) {
    json_t *p = json_pack("{s:s, s:s, s:i}", "type", arena_printf(&rq->arena, "/problems/%s", type), "title",
                          i18n(rq->lang, title_key), "status", status);
    if (detail) json_object_set_new(p, "detail", json_string(detail));
    reply_json(rs, status, p);
    rs->content_type = "application/problem+json";
}

void reply_invalid(Request *rq, Response *rs, json_t *errors) {
    reply_problem(rq, rs, 422, "validation", "validation", NULL);
    json_object_set_new(rs->json, "errors", errors);
}

void reply_versioned(Request *rq, Response *rs, long long version, json_t *body) {
    reply_header(rq, rs, "ETag", arena_printf(&rq->arena, "\"%lld\"", version));
    reply_json(rs, 200, body);
}

bool req_if_match(Request *rq, Response *rs, long long *version) {
    const char *h = req_header(rq, "If-Match");
    if (!h) {
        reply_problem(rq, rs, 428, "precondition-required", "precondition_required", NULL);
        return false;
    }
    if (param_etag(h, version)) return true;
    /* Unreadable: it cannot match any version, so it is stale by definition. */
    reply_problem(rq, rs, 412, "precondition-failed", "precondition_failed", NULL);
    return false;
}

bool req_page(Request *rq, Response *rs, int *limit, long long *before_id) {
    const char *l = req_query(rq, "limit"), *c = req_query(rq, "cursor");
    long long v;
    *limit = 50;
    *before_id = 0;
    if (l) {
        if (!param_id(l, &v) || v < 1 || v > 200) {
            reply_problem(rq, rs, 400, "bad-limit", "bad_request", "limit: 1..200");
            return false;
        }
        *limit = (int)v;
    }
    if (c && *c) {
        if (!param_id(c, &v)) {
            reply_problem(rq, rs, 400, "bad-cursor", "bad_request", "cursor");
            return false;
        }
        *before_id = v;
    }
    return true;
}

bool req_filter_id(Request *rq, Response *rs, const char *name, long long *out) {
    const char *v = req_query(rq, name);
    long long id;
    if (!v) return true;
    if (!param_id(v, &id) || id < 1) {
        reply_problem(rq, rs, 400, "bad-filter", "bad_request", name);
        return false;
    }
    *out = id;
    return true;
}

bool req_search(Request *rq, Response *rs, const char *name, int max, const char **out) {
    *out = NULL;
    const char *v = req_query(rq, name);
    if (!v) return true;
    switch (param_search(&rq->arena, v, max, out)) {
    case PARAM_OK: return true;
    case PARAM_BAD_UTF8: reply_problem(rq, rs, 400, "invalid-utf8", "invalid_utf8", name); return false;
    case PARAM_TOO_LONG: break;
    }
    reply_problem(rq, rs, 400, "query-too-long", "bad_request", arena_printf(&rq->arena, "%s: max %d", name, max));
    return false;
}

json_t *page_body(json_t *items, int limit, long long last_id) {
    json_t *next = json_array_size(items) == (size_t)limit && last_id > 0
                       ? json_sprintf("%lld", last_id) : json_null();
    return json_pack("{s:o, s:o}", "items", items, "next_cursor", next);
}

void reply_db_error(Request *rq, Response *rs) {
    reply_problem(rq, rs, 503, "storage-unavailable", "storage_unavailable", NULL);
}

json_t *json_str_or_null(const char *s) { return s ? json_string(s) : json_null(); }
json_t *json_int_or_null(long long v) { return v < 0 ? json_null() : json_integer(v); }
