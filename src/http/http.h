/* http: what a handler sees of a request and what it fills in as the answer.
 *
 * Handlers are plain functions `void h(Request *, Response *)`. They receive
 * a request whose route, authentication, permission and JSON body were
 * already checked (router.c), run inside one database transaction opened by
 * the dispatcher (commit on success, rollback on any error status), and set
 * the response with the reply_* helpers. Memory comes from rq->arena and is
 * freed when the response is sent. */
#ifndef ALLIANCE_HTTP_H
#define ALLIANCE_HTTP_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "../domain/model.h"
#include "../lib/arena.h"
#include "../lib/buf.h"
#include "../lib/i18n.h"
#include "../store/db.h"

enum { MAX_JSON_BODY = 1024 * 1024, MAX_PATH_IDS = 2, MAX_HEADERS = 8, MAX_PATH_TOKEN = 64 };
/* Upload routes (ROUTE_UPLOAD): a 10 MiB file plus the form's other fields. */
enum { MAX_UPLOAD_FILE = 10 * 1024 * 1024, MAX_UPLOAD_BODY = MAX_UPLOAD_FILE + 64 * 1024 };

typedef struct Request {
    Arena arena;
    const char *method, *path, *address;
    bool secure;                   /* HTTPS: served over TLS, or by a trusted proxy that was */
    struct MHD_Connection *conn;
    Buf body;
    bool body_too_large;           /* over the route's limit: the rest was dropped */
    long long ids[MAX_PATH_IDS];   /* numeric path segments, in order */
    int nids;
    char token[MAX_PATH_TOKEN + 1]; /* a "{token}" path segment ([A-Za-z0-9_-]), "" when none */
    Lang lang;
    Db *db;
    bool signed_in, via_token;     /* via_token: bearer API token (no CSRF) */
    User user;                     /* valid when signed_in */
    long long session_id;
    bool session_touch;            /* auth: mark the session used after the request */
    const char *csrf;              /* the session's CSRF token; NULL for bearer tokens */
    json_t *json;                  /* parsed body for routes that take JSON; borrowed */
    Event *events;                 /* business events to write before COMMIT (event_log.h) */
    int nevents;
    size_t events_cap;
    bool events_lost;              /* out of memory recording one: the request fails */
    /* run once the request's transaction committed (never after a rollback):
     * work that must not happen unless the writes stay, e.g. deleting the
     * files of an erased person */
    void (*after_commit)(struct Request *rq);
    void *after_commit_arg;
} Request;

typedef struct {
    const char *name, *value;
} Header;

typedef struct Response {
    int status;
    json_t *json;                  /* owned: decref'd after sending */
    const char *content_type;      /* for raw bodies */
    const void *raw;               /* raw body, not owned (static data) */
    size_t raw_len;
    Header headers[MAX_HEADERS];
    int nheaders;
    const char *audit_type;        /* object written, for the audit log */
    long long audit_id;
    bool keep_writes;              /* commit even though the status is an error */
    struct SseStream *stream;      /* server-sent events: the body is this stream (sse.h), owned */
} Response;

/* Query-string value or NULL. */
const char *req_query(Request *rq, const char *name);
/* Request header value or NULL. */
const char *req_header(Request *rq, const char *name);
const char *req_cookie(Request *rq, const char *name);

void reply_json(Response *rs, int status, json_t *body);   /* steals body */
void reply_empty(Response *rs, int status);
void reply_header(Request *rq, Response *rs, const char *name, const char *value);
/* Answers 200 with a file to download: data (kept until the answer is
 * sent: the arena's or static), type as the server judged it (never the
 * uploader's word), always as an attachment. RFC 6266 names: fallback (an
 * ASCII name, quoted) and/or name (UTF-8, percent-encoded), NULL to leave
 * either out. A sandbox policy goes with it, so nothing in the file runs
 * even where a browser would show it. */
void reply_download(Request *rq, Response *rs, const void *data, size_t len, const char *type, const char *fallback,
                    const char *name);
/* RFC 9457 problem: type is a short slug ("precondition-failed"), title a
 * message key (lib/i18n.c), detail free text in the user's language or NULL. */
void reply_problem(Request *rq, Response *rs, int status, const char *type, const char *title_key,
                   const char *detail);
/* 422 with errors[] (stolen). */
void reply_invalid(Request *rq, Response *rs, json_t *errors);
/* Sets ETag "<version>" and answers 200 with body. */
void reply_versioned(Request *rq, Response *rs, long long version, json_t *body);
/* For PATCH: reads If-Match; on success returns true and sets *version.
 * Otherwise answers 428 (missing) or 400 (unreadable) and returns false. */
bool req_if_match(Request *rq, Response *rs, long long *version);
/* Pagination, newest first: limit (default 50, 1..200) and cursor (the
 * last id of the previous page; items with a smaller id follow).
 * Answers 400 and returns false on a bad value. */
bool req_page(Request *rq, Response *rs, int *limit, long long *before_id);
/* An id filter in the query string (?client_id=3): *out is left as is when
 * absent. Answers 400 and returns false unless it is a positive integer. */
bool req_filter_id(Request *rq, Response *rs, const char *name, long long *out);
/* A free-text query parameter (a search): *out is the trimmed text, or
 * NULL when absent or blank. Answers 400 and returns false on invalid
 * UTF-8 or more than max characters. */
bool req_search(Request *rq, Response *rs, const char *name, int max, const char **out);
/* Wraps items in {"items", "next_cursor"}; next cursor when more may follow. */
json_t *page_body(json_t *items, int limit, long long last_id);

/* JSON for optional values: null for NULL or a negative integer. */
json_t *json_str_or_null(const char *s);
json_t *json_int_or_null(long long v);

/* The dispatcher's fallback for storage failures. */
void reply_db_error(Request *rq, Response *rs);

#endif
