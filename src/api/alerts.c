/* alerts: candidacies whose candidate waited longer than the response
 * delay (GET /api/v1/alerts, ?owner_id= or ?mine=1), oldest wait first,
 * with a summary: how many, the delay, and the median and 90th percentile
 * of the time to first answer over the last 90 days. */
#include <string.h>
#include <time.h>
#include "../domain/sla.h"
#include "../lib/timeutil.h"
#include "../store/alerts.h"
#include "../store/settings.h"
#include "api.h"

enum { ALERTS_MAX = 200, FIRST_ANSWER_WINDOW_DAYS = 90 };

static json_t *hours_or_null(double seconds) {
    return seconds < 0 ? json_null() : json_real((double)(long long)(seconds / 36.0 + 0.5) / 100.0);
}

void alerts_list(Request *rq, Response *rs) {
    long long owner = -1;
    if (!req_filter_id(rq, rs, "owner_id", &owner)) return;
    const char *mine = req_query(rq, "mine");
    if (mine && strcmp(mine, "1") == 0) owner = rq->user.id;
    else if (mine && strcmp(mine, "0") != 0) return reply_problem(rq, rs, 400, "bad-filter", "bad_request", "mine: 0 | 1");
    Settings s;
    if (store_settings_get(rq->db, &rq->arena, &s) != STORE_OK) return reply_db_error(rq, rs);
    time_t now = time(NULL);
    char cutoff[21], since[21];
    time_iso(sla_cutoff(now, s.response_sla_days), cutoff);
    time_iso(now - (time_t)FIRST_ANSWER_WINDOW_DAYS * 86400, since);
    OverdueRow *rows;
    int n;
    double *delays;
    int nd;
    if (store_overdue_list(rq->db, &rq->arena, cutoff, owner, ALERTS_MAX, &rows, &n) != STORE_OK ||
        store_first_answer_delays(rq->db, &rq->arena, since, &delays, &nd) != STORE_OK)
        return reply_db_error(rq, rs);
    json_t *items = json_array();
    for (int i = 0; i < n; i++) {
        const OverdueRow *r = &rows[i];
        time_t from;
        int waited = time_parse_iso(r->waiting_since, &from) ? sla_working_days_between(from, now) : 0;
        json_t *owner_j = r->owner_id < 0 ? json_null()
                                          : json_pack("{s:I, s:s?}", "id", r->owner_id, "name", r->owner_name);
        json_array_append_new(
            items, json_pack("{s:s, s:I, s:s, s:o, s:{s:I, s:s}, s:{s:I, s:s}, s:s, s:i}", "type", "candidate_waiting",
                             "candidacy_id", r->candidacy_id, "stage", r->stage, "owner", owner_j, "person", "id",
                             r->person_id, "name", r->person_name, "need", "id", r->need_id, "title", r->need_title,
                             "waiting_since", r->waiting_since, "working_days_waiting", waited));
    }
    double median, p90;
    sla_percentiles(delays, nd, &median, &p90);
    json_t *summary = json_pack("{s:i, s:i, s:{s:i, s:i, s:o, s:o}}", "overdue", n, "response_sla_days",
                                s.response_sla_days, "first_answer", "window_days", FIRST_ANSWER_WINDOW_DAYS,
                                "candidacies", nd, "median_hours", hours_or_null(median), "p90_hours",
                                hours_or_null(p90));
    reply_json(rs, 200, json_pack("{s:o, s:o}", "items", items, "summary", summary));
}
