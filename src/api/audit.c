/* audit: the audit log, read by admins. */
#include "../store/audit.h"
#include "api.h"

void audit_list(Request *rq, Response *rs) {
    int limit;
    long long before;
    if (!req_page(rq, rs, &limit, &before)) return;
    AuditEntry *e;
    int n;
    if (store_audit_list(rq->db, &rq->arena, before, limit, &e, &n) != STORE_OK) return reply_db_error(rq, rs);
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, json_pack("{s:I, s:s, s:o, s:s, s:o, s:o, s:o}", "id", e[i].id, "at", e[i].at,
                                               "user_id", json_int_or_null(e[i].user_id), "action", e[i].action,
                                               "object_type", json_str_or_null(e[i].object_type), "object_id",
                                               json_int_or_null(e[i].object_id), "address",
                                               json_str_or_null(e[i].address)));
    reply_json(rs, 200, page_body(items, limit, n ? e[n - 1].id : 0));
}
