/* health: liveness and metrics for operators. */
#include <stdlib.h>
#include "../http/metrics.h"
#include "../store/store.h"
#include "api.h"

void health_get(Request *rq, Response *rs) {
    if (store_ping(rq->db) != STORE_OK) return reply_db_error(rq, rs);
    reply_json(rs, 200, json_pack("{s:s}", "status", "ok"));
}

void metrics_get(Request *rq, Response *rs) {
    Buf b = BUF_INIT;
    metrics_render(&b);
    /* The text must outlive this call: keep it in the request's arena. */
    rs->raw = arena_strndup(&rq->arena, buf_str(&b), b.len);
    rs->raw_len = b.len;
    buf_free(&b);
    rs->content_type = "text/plain; version=0.0.4; charset=utf-8";
    rs->status = 200;
}

void reply_store_error(Request *rq, Response *rs, int result) {
    switch (result) {
    case STORE_NOT_FOUND: return reply_problem(rq, rs, 404, "not-found", "not_found", NULL);
    case STORE_STALE: return reply_problem(rq, rs, 412, "precondition-failed", "precondition_failed", NULL);
    case STORE_CONFLICT: return reply_problem(rq, rs, 409, "conflict", "conflict", NULL);
    default: return reply_db_error(rq, rs);
    }
}
