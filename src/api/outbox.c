/* outbox: mail waiting or sent, for admins (GET /api/v1/outbox). */
#include <string.h>
#include "../store/outbox.h"
#include "api.h"

static const char *const STATUSES[] = {"pending", "sending", "sent", "failed", NULL};

void outbox_list(Request *rq, Response *rs) {
    int limit;
    long long before;
    if (!req_page(rq, rs, &limit, &before)) return;
    const char *status = req_query(rq, "status");
    bool known = !status;
    for (int i = 0; status && STATUSES[i]; i++) known |= strcmp(STATUSES[i], status) == 0;
    if (!known) return reply_problem(rq, rs, 400, "bad-filter", "bad_request", "status: pending | sending | sent | failed");
    OutboxMail *mails;
    int n;
    if (store_outbox_list(rq->db, &rq->arena, status, before, limit, &mails, &n) != STORE_OK)
        return reply_db_error(rq, rs);
    json_t *items = json_array();
    for (int i = 0; i < n; i++) {
        const OutboxMail *m = &mails[i];
        json_array_append_new(
            items, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:i, s:o, s:o, s:s, s:o, s:o}", "id", m->id, "message_id",
                             m->message_id, "kind", m->kind, "recipient", m->recipient, "subject", m->subject, "status",
                             m->status, "attempts", m->attempts, "next_attempt_at",
                             json_str_or_null(strcmp(m->status, "pending") == 0 ? m->next_attempt_at : NULL),
                             "last_error", json_str_or_null(m->last_error), "created_at", m->created_at, "sent_at",
                             json_str_or_null(m->sent_at), "candidacy_id", json_int_or_null(m->candidacy_id)));
    }
    reply_json(rs, 200, page_body(items, limit, n ? mails[n - 1].id : 0));
}
