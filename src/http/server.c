/* server: libmicrohttpd glue and the request dispatcher (see server.h).
 *
 * The order of checks for an API request, in one place:
 *   route (404/405) -> transaction -> caller (401) -> CSRF on cookie writes
 *   (403) -> role (403, unless the caller's own rows open the route) ->
 *   JSON body (413/415/400) -> rows and money fields (404/403, access.h)
 *   -> handler -> money fields removed from the answer ->
 *   audit row + commit on success, rollback on any error status.
 * The body is read completely before answering so keep-alive survives. */
#include "server.h"
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <unistd.h>
#include "../domain/permissions.h"
#include "../lib/embedded.h"
#include "../lib/text.h"
#include "../lib/timeutil.h"
#include "../store/audit.h"
#include "../api/channels.h"
#include "access.h"
#include "auth.h"
#include "event_log.h"
#include "follower.h"
#include "metrics.h"
#include "router.h"
#include "sse.h"
#include "static.h"
#include "validate.h"

typedef struct {
    Request rq;
    size_t max_body;               /* MAX_JSON_BODY, or MAX_UPLOAD_BODY on upload routes */
    long long started_us;
    char address[INET6_ADDRSTRLEN];
} Context;

/* On every answer: API, UI files, the survey page, errors (404, 405, 413).
 * The policy allows no inline script or style and no framing. */
static const char *const SECURITY_HEADERS[][2] = {
    {"X-Content-Type-Options", "nosniff"},
    {"X-Frame-Options", "DENY"},
    {"Referrer-Policy", "same-origin"},
    {"Content-Security-Policy",
     "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; "
     "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"},
    {"Cross-Origin-Opener-Policy", "same-origin"},
    {"Cross-Origin-Resource-Policy", "same-origin"},
    {"Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"},
};
/* Only over HTTPS: a browser then refuses plain HTTP to this host for a year. */
static const char HSTS[] = "max-age=31536000";

static ServerOptions g_opts;

/* Requests between their first byte and their completion: a stop waits for
 * them to reach zero so that no answered-but-unsent request is cut off. */
static int g_in_flight;

static bool is_write(const char *method) { return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0; }

/* Content-Type is JSON (any charset parameter). */
static bool is_json_type(const char *ct) {
    if (!ct) return false;
    while (*ct == ' ') ct++;
    return strncasecmp(ct, "application/json", 16) == 0 && (ct[16] == '\0' || ct[16] == ';' || ct[16] == ' ');
}

/* Parses rq->body into rq->json; answers the error itself. */
static bool read_json_body(Request *rq, Response *rs) {
    if (rq->body_too_large) {
        reply_problem(rq, rs, 413, "too-large", "too_large", "max 1 MiB");
        return false;
    }
    if (!is_json_type(req_header(rq, "Content-Type"))) {
        reply_problem(rq, rs, 415, "unsupported-media-type", "unsupported_media", NULL);
        return false;
    }
    char detail[JSON_ERROR_TEXT_LENGTH];
    switch (json_body_parse(buf_str(&rq->body), rq->body.len, &rq->json, detail)) {
    case BODY_OK: return true;
    case BODY_INVALID_UTF8: reply_problem(rq, rs, 400, "invalid-utf8", "invalid_utf8", NULL); return false;
    case BODY_NOT_OBJECT: snprintf(detail, sizeof detail, "%s", i18n(rq->lang, "must_be_object")); break;
    case BODY_MALFORMED: break;
    }
    reply_problem(rq, rs, 400, "malformed-json", "malformed_json", arena_strdup(&rq->arena, detail));
    return false;
}

static void run_route(Request *rq, Response *rs, const Route *route) {
    if (!auth_resolve(rq)) return reply_db_error(rq, rs);
    if (!(route->flags & ROUTE_PUBLIC)) {
        if (!rq->signed_in) return reply_problem(rq, rs, 401, "not-signed-in", "not_signed_in", NULL);
        if (is_write(rq->method) && !rq->via_token) {
            const char *sent = req_header(rq, "X-CSRF-Token");
            if (!sent || !rq->csrf || !text_equal_ct(sent, rq->csrf)) return reply_problem(rq, rs, 403, "csrf", "csrf", NULL);
        }
        if (route->action && !permission_allows(rq->user.role, route->action) && !access_opens(rq, route))
            return reply_problem(rq, rs, 403, "forbidden", "forbidden", NULL);
    }
    if ((route->flags & ROUTE_JSON) && !read_json_body(rq, rs)) return;
    if (!access_check(rq, rs, route)) return; /* rows and money: http/access.h */
    route->handler(rq, rs);
    access_redact(rq, rs);
}

/* Ends the request's transaction: on success records the write in the
 * audit log and commits; on an error status rolls back (unless the handler
 * asked to keep its writes, e.g. a failed sign-in counted). */
static void finish_transaction(Request *rq, Response *rs, const Route *route) {
    bool ok = rs->status < 400;
    if (ok && is_write(rq->method)) {
        /* "PATCH /api/v1/needs/{id}": names the operation exactly */
        const char *action = arena_printf(&rq->arena, "%s %s", route->method, route->pattern);
        long long object = rs->audit_id ? rs->audit_id : (rq->nids ? rq->ids[0] : -1);
        if (store_audit_add(rq->db, rq->signed_in ? rq->user.id : -1, action, rs->audit_type, object,
                            rq->address) != STORE_OK)
            ok = false;
    }
    /* channels of the objects written follow (they add notification events) */
    if (ok && rq->nevents && !channels_follow_request(rq)) ok = false;
    /* events last: their commit-order lock is then held only until COMMIT */
    if (ok && !event_log_flush(rq)) ok = false;
    db_reset_all(rq->db);
    if ((ok || rs->keep_writes) && db_commit(rq->db) == DB_OK) {
        if (ok && rq->nevents) follower_catch_up(rq->db); /* this server's state follows before answering */
        /* e.g. deleted text leaves the files, before the caller is told it is gone */
        if (ok && rq->after_commit) rq->after_commit(rq);
        return;
    }
    db_rollback(rq->db);
    if (ok) reply_db_error(rq, rs); /* the commit itself failed */
}

/* Runs a route inside one transaction. Routes marked ROUTE_OWN_TX open it
 * themselves (after slow work such as password hashing, so the write lock
 * is not held meanwhile); it is closed here all the same. */
static DbStatus begin(Request *rq) {
    return is_write(rq->method) ? db_begin_write(rq->db) : db_begin_read(rq->db);
}

static void dispatch_api(Request *rq, Response *rs, const Route *route) {
    rq->db = db_thread();
    if (!rq->db) return reply_db_error(rq, rs);
    if (!(route->flags & ROUTE_OWN_TX) && begin(rq) != DB_OK) {
        /* A connection found broken (database restarted) is replaced by
         * db_thread(); nothing has run yet, so one retry is safe. */
        rq->db = db_thread();
        if (!rq->db || begin(rq) != DB_OK) return reply_db_error(rq, rs);
    }
    run_route(rq, rs, route);
    if (db_in_transaction(rq->db)) finish_transaction(rq, rs, route);
    else db_reset_all(rq->db); /* a ROUTE_OWN_TX answer before its transaction: no statement keeps a snapshot */
    auth_touch(rq);
}

static int route_index(const Route *r) { return r ? (int)(r - ROUTES) : -1; }

static struct MHD_Response *build_response(Request *rq, Response *rs, bool api) {
    struct MHD_Response *resp;
    if (rs->stream && rs->status >= 400) { /* failed after the stream was opened */
        sse_cancel(rs->stream);
        rs->stream = NULL;
    }
    if (rs->stream) {
        resp = sse_response(rs->stream);
        if (!resp) return NULL;
        MHD_add_response_header(resp, "Content-Type", "text/event-stream; charset=utf-8");
        MHD_add_response_header(resp, "X-Accel-Buffering", "no"); /* nginx: pass each message on at once */
    } else if (rs->json) {
        char *text = json_dumps(rs->json, JSON_COMPACT);
        size_t len = text ? strlen(text) : 0;
        resp = MHD_create_response_from_buffer(len, text, MHD_RESPMEM_MUST_FREE);
        MHD_add_response_header(resp, "Content-Type", rs->content_type ? rs->content_type
                                                                        : "application/json; charset=utf-8");
    } else {
        resp = MHD_create_response_from_buffer(rs->raw_len, (void *)rs->raw, MHD_RESPMEM_PERSISTENT);
        if (rs->content_type) MHD_add_response_header(resp, "Content-Type", rs->content_type);
    }
    for (size_t i = 0; i < sizeof SECURITY_HEADERS / sizeof SECURITY_HEADERS[0]; i++)
        MHD_add_response_header(resp, SECURITY_HEADERS[i][0], SECURITY_HEADERS[i][1]);
    if (rq->secure) MHD_add_response_header(resp, "Strict-Transport-Security", HSTS);
    if (api) MHD_add_response_header(resp, "Cache-Control", "no-store");
    for (int i = 0; i < rs->nheaders; i++) MHD_add_response_header(resp, rs->headers[i].name, rs->headers[i].value);
    return resp;
}

/* Behind a trusted proxy: the scheme it was reached by, and the client's
 * address, which the proxy appended last to X-Forwarded-For (earlier
 * entries come from the client and prove nothing). */
static void from_proxy(Request *rq, struct MHD_Connection *conn) {
    const char *proto = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-Proto");
    if (proto) rq->secure = strcasecmp(proto, "https") == 0;
    const char *xff = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-For");
    if (!xff) return;
    const char *last = strrchr(xff, ',');
    char *a = text_trim(last ? last + 1 : xff);
    unsigned char bin[sizeof(struct in6_addr)];
    if (a && (inet_pton(AF_INET, a, bin) == 1 || inet_pton(AF_INET6, a, bin) == 1))
        rq->address = arena_strdup(&rq->arena, a);
    free(a);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_size, void **state) {
    (void)cls;
    (void)version;
    Context *ctx = *state;
    if (!ctx) {
        ctx = calloc(1, sizeof *ctx);
        if (!ctx) return MHD_NO;
        ctx->started_us = time_monotonic_us();
        {
            long long ids[MAX_PATH_IDS];
            int nids;
            char token[MAX_PATH_TOKEN + 1];
            bool known;
            const Route *r = router_match(method, url, ids, &nids, token, &known);
            ctx->max_body = r && (r->flags & ROUTE_UPLOAD) ? MAX_UPLOAD_BODY : MAX_JSON_BODY;
        }
        __atomic_fetch_add(&g_in_flight, 1, __ATOMIC_RELAXED);
        const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        if (ci && ci->client_addr) {
            const struct sockaddr *sa = ci->client_addr;
            if (sa->sa_family == AF_INET)
                inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, ctx->address, sizeof ctx->address);
            else if (sa->sa_family == AF_INET6)
                inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, ctx->address, sizeof ctx->address);
        }
        *state = ctx;
        return MHD_YES;
    }
    Request *rq = &ctx->rq;
    if (*upload_size) {
        if (rq->body_too_large || rq->body.len + *upload_size > ctx->max_body) {
            rq->body_too_large = true;
            buf_free(&rq->body); /* an upload over the limit is dropped, not kept */
        }
        else if (buf_append(&rq->body, upload_data, *upload_size)) return MHD_NO;
        *upload_size = 0;
        return MHD_YES;
    }
    rq->method = method;
    rq->path = url;
    rq->conn = conn;
    rq->address = ctx->address;
    rq->secure = g_opts.tls_cert != NULL;
    if (g_opts.trust_proxy) from_proxy(rq, conn);
    rq->lang = i18n_lang_from_header(MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Accept-Language"));
    Response rs = {.status = 200};
    bool path_known = false;
    const Route *route = router_match(method, url, rq->ids, &rq->nids, rq->token, &path_known);
    bool api = strncmp(url, "/api/", 5) == 0 || route;
    if (route) dispatch_api(rq, &rs, route);
    else if (path_known) reply_problem(rq, &rs, 405, "method-not-allowed", "method_not_allowed", NULL);
    else if (api) reply_problem(rq, &rs, 404, "not-found", "not_found", NULL);
    else static_serve(rq, &rs);
    struct MHD_Response *resp = build_response(rq, &rs, api);
    if (!resp) {
        json_decref(rs.json);
        return MHD_NO;
    }
    enum MHD_Result ret = MHD_queue_response(conn, (unsigned)rs.status, resp);
    MHD_destroy_response(resp);
    json_decref(rs.json);
    if (rs.stream) { /* a stream stays open for hours: its request's memory goes now */
        json_decref(rq->json);
        rq->json = NULL;
        buf_free(&rq->body);
        arena_free(&rq->arena);
    }
    metrics_record(route_index(route), rs.status, time_monotonic_us() - ctx->started_us);
    return ret;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **state, enum MHD_RequestTerminationCode code) {
    (void)cls;
    (void)conn;
    (void)code;
    Context *ctx = *state;
    if (!ctx) return;
    __atomic_fetch_sub(&g_in_flight, 1, __ATOMIC_RELAXED);
    json_decref(ctx->rq.json);
    buf_free(&ctx->rq.body);
    arena_free(&ctx->rq.arena);
    free(ctx);
    *state = NULL;
}

/* "host:port" -> socket address; host may be empty (all interfaces). */
static bool parse_addr(const char *addr, struct sockaddr_in *sa) {
    const char *colon = strrchr(addr, ':');
    if (!colon) return false;
    char host[64];
    size_t hl = (size_t)(colon - addr);
    if (hl >= sizeof host) return false;
    memcpy(host, addr, hl);
    host[hl] = '\0';
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end || port < 1 || port > 65535) return false;
    memset(sa, 0, sizeof *sa);
    sa->sin_family = AF_INET;
    sa->sin_port = htons((uint16_t)port);
    if (!*host) sa->sin_addr.s_addr = htonl(INADDR_ANY);
    else if (strcmp(host, "localhost") == 0) sa->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    else if (inet_pton(AF_INET, host, &sa->sin_addr) != 1) return false;
    return true;
}

/* Event streams stay open: each holds a descriptor, so the process may
 * open as many as the system allows, and libmicrohttpd takes nearly all
 * of them (a few are kept for database connections and files). */
static unsigned connection_limit(void) {
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return 1000;
    if (rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
        getrlimit(RLIMIT_NOFILE, &rl);
    }
    rlim_t n = rl.rlim_cur == RLIM_INFINITY ? 65536 : rl.rlim_cur;
    return n > 65536 + 256 ? 65536 : n > 512 ? (unsigned)(n - 256) : (unsigned)(n / 2);
}

bool server_tls_available(void) { return MHD_is_feature_supported(MHD_FEATURE_TLS) == MHD_YES; }

int server_run(const ServerOptions *o) {
    g_opts = *o;
    const char *addr = o->addr;
    struct sockaddr_in sa;
    if (!parse_addr(addr, &sa)) {
        fprintf(stderr, "alliance: bad address %s (expected host:port)\n", addr);
        return 2;
    }
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL); /* worker threads inherit the mask */
    signal(SIGPIPE, SIG_IGN);
    bool tls = o->tls_cert != NULL;
    /* TLS options last: with plain HTTP the list simply ends before them */
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME |
            (tls ? MHD_USE_TLS : 0),
        0, NULL, NULL, on_request, NULL, MHD_OPTION_CONNECTION_LIMIT, connection_limit(), MHD_OPTION_SOCK_ADDR,
        (struct sockaddr *)&sa, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)4, MHD_OPTION_NOTIFY_COMPLETED, on_completed,
        NULL, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(16 * 1024),
        tls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, o->tls_cert, MHD_OPTION_HTTPS_MEM_KEY, o->tls_key,
        MHD_OPTION_HTTPS_PRIORITIES, "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2", MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "alliance: cannot listen on %s: %s\n", addr, strerror(errno));
        return 1;
    }
    if (!sse_start()) fprintf(stderr, "alliance: no heartbeat for event streams\n");
    printf("Alliance listens on %s://%s\n", tls ? "https" : "http", addr);
    fflush(stdout);
    int sig = 0;
    sigwait(&stop, &sig);
    fprintf(stderr, "alliance: signal %d, stopping\n", sig);
    MHD_quiesce_daemon(d); /* no new connections */
    sse_shutdown();        /* event streams end (their connections are resumed) */
    for (int i = 0; i < 100 && __atomic_load_n(&g_in_flight, __ATOMIC_RELAXED) > 0; i++)
        usleep(100 * 1000); /* requests in flight finish and are sent (10 s at most) */
    MHD_stop_daemon(d);      /* then the workers stop and close their connections */
    return 0;
}
