/* kpis: the shared KPIs over a period, their series for charts, as JSON or
 * CSV (domain/kpi.c computes, store/kpis.c gathers). */
#include <csv.h>
#include <limits.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>
#include "../domain/permissions.h"
#include "../lib/paris_time.h"
#include "../lib/timeutil.h"
#include "../store/clients.h"
#include "../store/kpis.h"
#include "kpi_query.h"

static bool bad(Request *rq, Response *rs, const char *key, const char *name) {
    reply_problem(rq, rs, 400, "bad-filter", "bad_request", arena_printf(&rq->arena, i18n(rq->lang, key), name));
    return false;
}

/* A Paris date of the query string as a day; *day left as is when absent. */
static bool query_day(Request *rq, Response *rs, const char *name, long *day) {
    const char *v = req_query(rq, name);
    if (!v) return true;
    if (!time_valid_date(v)) return bad(rq, rs, "kpi_bad_date", name);
    *day = time_date_days(v);
    return true;
}

bool kpi_read_period(Request *rq, Response *rs, KpiPeriod *p) {
    long today = paris_day(time(NULL)), to = today, from = LONG_MIN;
    if (!query_day(rq, rs, "to", &to) || !query_day(rq, rs, "from", &from)) return false;
    if (from == LONG_MIN) from = to - 89;
    if (from > to) return bad(rq, rs, "kpi_from_after_to", "from");
    if (to - from + 1 > KPI_MAX_DAYS) return bad(rq, rs, "kpi_range_too_long", "to");
    p->from_day = from;
    p->to_day = to + 1;
    p->client_id = -1;
    p->team = 0;
    if (!req_filter_id(rq, rs, "client_id", &p->client_id)) return false;
    const char *team = req_query(rq, "team");
    if (team && !(p->team = kpi_team_bit(team))) return bad(rq, rs, "kpi_unknown_team", "team");
    if (p->client_id > 0) {
        Client c;
        StoreResult r = store_client_get(rq->db, &rq->arena, p->client_id, &c);
        if (r == STORE_NOT_FOUND) {
            reply_problem(rq, rs, 404, "not-found", "not_found", i18n(rq->lang, "no_such_client"));
            return false;
        }
        if (r != STORE_OK) {
            reply_db_error(rq, rs);
            return false;
        }
    }
    return true;
}

bool kpi_load(Request *rq, Response *rs, long from_day, long to_day, long long client_id, KpiInput *in) {
    char from[21], to[21];
    time_iso(paris_day_start(from_day), from);
    time_iso(paris_day_start(to_day), to);
    if (store_kpi_load(rq->db, &rq->arena, from, to, client_id, in) != STORE_OK) {
        reply_db_error(rq, rs);
        return false;
    }
    return true;
}

void kpi_over_days(const KpiInput *in, KpiId k, long from_day, long to_day, KpiValue *out) {
    kpi_compute(in, k, paris_day_start(from_day), paris_day_start(to_day), out);
}

bool kpi_allowed(Request *rq, KpiId k) { return permission_allows(rq->user.role, KPIS[k].permission); }

int kpi_series(Request *rq, const KpiInput *in, KpiId k, long from_day, long to_day, char interval, KpiPoint **out) {
    int n = 0;
    *out = arena_alloc(&rq->arena, sizeof **out * KPI_MAX_POINTS);
    for (long d = from_day; d < to_day && n < KPI_MAX_POINTS; n++) {
        long next = paris_bucket_next(d, interval);
        if (next > to_day) next = to_day;
        (*out)[n].start_day = d;
        (*out)[n].end_day = next;
        kpi_over_days(in, k, d, next, &(*out)[n].v);
        d = next;
    }
    return n;
}

json_t *kpi_number(bool has, double v) { return has ? json_real(round(v * 100) / 100) : json_null(); }

const char *kpi_day_text(Request *rq, long day) {
    char *s = arena_alloc(&rq->arena, 11);
    paris_day_text(day, s);
    return s;
}

/* ---- JSON -------------------------------------------------------------- */

static json_t *teams_json(int bits) {
    json_t *a = json_array();
    for (int i = 0; KPI_TEAMS[i]; i++)
        if (bits & (1 << i)) json_array_append_new(a, json_string(KPI_TEAMS[i]));
    return a;
}

static const char *const STAGE_NAMES[KPI_STAGES] = {"sourced", "contacted", "interview", "client_interview", "offer",
                                                    "hired"};

static json_t *details_json(KpiId k, const KpiValue *v) {
    switch (k) {
    case KPI_FUNNEL: {
        json_t *steps = json_array();
        for (int i = 0; i + 1 < KPI_STAGES; i++)
            json_array_append_new(steps, json_pack("{s:s, s:s, s:I, s:I, s:o}", "from", STAGE_NAMES[i], "to",
                                                   STAGE_NAMES[i + 1], "reached_from", v->reached[i], "reached_to",
                                                   v->reached[i + 1],
                                                   "rate", kpi_number(v->reached[i] > 0, v->reached[i] ? 100.0 *
                                                           (double)v->reached[i + 1] / (double)v->reached[i] : 0)));
        return json_pack("{s:o}", "steps", steps);
    }
    case KPI_FIRST_ANSWER: return json_pack("{s:I}", "overdue", v->extra);
    case KPI_REVIEW_TURNAROUND: return json_pack("{s:I}", "pending", v->extra);
    case KPI_BENCH: return json_pack("{s:I, s:I}", "consultants", v->count, "without_mission_today", v->extra);
    default: return json_object();
    }
}

/* "up", "down" or "flat" against the previous period; NULL without both. */
static const char *trend(const KpiValue *now, const KpiValue *prev) {
    if (!now->has_value || !prev->has_value) return NULL;
    double d = now->value - prev->value;
    if (fabs(d) < 1e-9) return "flat";
    return d > 0 ? "up" : "down";
}

static json_t *item_json(Request *rq, KpiId k, const KpiValue *v, const KpiValue *prev) {
    const KpiDef *d = &KPIS[k];
    bool en = rq->lang == LANG_EN;
    const char *tr = trend(v, prev);
    json_t *better = !tr ? json_null() : json_boolean(strcmp(tr, "flat") && (strcmp(tr, "down") == 0) == d->lower_is_better);
    return json_pack("{s:s, s:s, s:s, s:o, s:s, s:I, s:I, s:o, s:b, s:o, s:b, s:o, s:o, s:o, s:o}", "name", d->name,
                     "label", en ? d->label_en : d->label_fr, "definition", en ? d->definition_en : d->definition_fr,
                     "value", kpi_number(v->has_value, v->value), "unit", d->unit, "events", v->events, "count",
                     v->count, "p90", kpi_number(v->p90 >= 0, v->p90), "lower_is_better", d->lower_is_better,
                     "teams", teams_json(d->teams), "history", d->history, "previous",
                     kpi_number(prev->has_value, prev->value), "trend", tr ? json_string(tr) : json_null(),
                     "improving", better, "details", details_json(k, v));
}

/* ---- CSV (RFC 4180 quoting by libcsv) ---------------------------------- */

static void csv_cell(Buf *b, const char *s, bool last) {
    size_t n = strlen(s), cap = 2 * n + 3;
    char *q = malloc(cap);
    if (q) {
        size_t len = csv_write(q, cap, s, n);
        buf_append(b, q, len);
        free(q);
    }
    buf_puts(b, last ? "\r\n" : ",");
}

static const char *num_text(Request *rq, json_t *num) {
    const char *s = json_is_null(num) ? "" : arena_printf(&rq->arena, "%.2f", json_real_value(num));
    json_decref(num);
    return s;
}

static void reply_csv(Request *rq, Response *rs, Buf *b, const char *filename) {
    char *text = arena_strndup(&rq->arena, buf_str(b), b->len);
    rs->raw_len = b->len;
    buf_free(b);
    rs->raw = text;
    rs->content_type = "text/csv; charset=utf-8";
    rs->status = 200;
    reply_header(rq, rs, "Content-Disposition", arena_printf(&rq->arena, "attachment; filename=\"%s.csv\"", filename));
}

/* ?format=json (default) or csv; 400 otherwise. */
static bool read_format(Request *rq, Response *rs, bool *csv) {
    const char *f = req_query(rq, "format");
    *csv = f && strcmp(f, "csv") == 0;
    if (f && !*csv && strcmp(f, "json") != 0) return bad(rq, rs, "kpi_bad_format", "format");
    return true;
}

void kpis_list(Request *rq, Response *rs) {
    KpiPeriod p;
    bool csv;
    if (!read_format(rq, rs, &csv) || !kpi_read_period(rq, rs, &p)) return;
    long len = p.to_day - p.from_day;
    KpiInput in;
    if (!kpi_load(rq, rs, p.from_day - len, p.to_day, p.client_id, &in)) return;
    json_t *items = json_array();
    for (int k = 0; k < KPI_COUNT; k++) {
        if ((p.team && !(KPIS[k].teams & p.team)) || !kpi_allowed(rq, (KpiId)k)) continue;
        KpiValue v, prev = {0};
        kpi_over_days(&in, (KpiId)k, p.from_day, p.to_day, &v);
        if (KPIS[k].history) kpi_over_days(&in, (KpiId)k, p.from_day - len, p.from_day, &prev);
        json_array_append_new(items, item_json(rq, (KpiId)k, &v, &prev));
    }
    if (!csv)
        return reply_json(rs, 200, json_pack("{s:s, s:s, s:o, s:o, s:o}", "from", kpi_day_text(rq, p.from_day), "to",
                                             kpi_day_text(rq, p.to_day - 1), "client_id",
                                             json_int_or_null(p.client_id), "team",
                                             p.team ? json_string(KPI_TEAMS[__builtin_ctz((unsigned)p.team)]) : json_null(),
                                             "items", items));
    Buf b = BUF_INIT;
    static const char *const head[] = {"name", "label", "value", "unit", "p90", "events", "count", "previous", "trend"};
    for (int i = 0; i < 9; i++) csv_cell(&b, head[i], i == 8);
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        csv_cell(&b, jstr(it, "name"), false);
        csv_cell(&b, jstr(it, "label"), false);
        csv_cell(&b, num_text(rq, json_incref(json_object_get(it, "value"))), false);
        csv_cell(&b, jstr(it, "unit"), false);
        csv_cell(&b, num_text(rq, json_incref(json_object_get(it, "p90"))), false);
        csv_cell(&b, arena_printf(&rq->arena, "%lld", jint(it, "events")), false);
        csv_cell(&b, arena_printf(&rq->arena, "%lld", jint(it, "count")), false);
        csv_cell(&b, num_text(rq, json_incref(json_object_get(it, "previous"))), false);
        csv_cell(&b, jstr(it, "trend") ? jstr(it, "trend") : "", true);
    }
    json_decref(items);
    reply_csv(rq, rs, &b, "kpis");
}

void kpis_series(Request *rq, Response *rs) {
    int k = kpi_find(rq->token);
    if (k < 0) return reply_problem(rq, rs, 404, "not-found", "not_found", i18n(rq->lang, "kpi_unknown"));
    if (!kpi_allowed(rq, (KpiId)k)) return reply_problem(rq, rs, 403, "forbidden", "forbidden", NULL);
    if (!KPIS[k].history)
        return reply_problem(rq, rs, 400, "no-history", "bad_request", i18n(rq->lang, "kpi_no_history"));
    const char *iv = req_query(rq, "interval");
    char interval = !iv || !strcmp(iv, "week") ? 'w' : !strcmp(iv, "day") ? 'd' : !strcmp(iv, "month") ? 'm' : 0;
    if (!interval) {
        bad(rq, rs, "kpi_bad_interval", "interval");
        return;
    }
    KpiPeriod p;
    bool csv;
    if (!read_format(rq, rs, &csv) || !kpi_read_period(rq, rs, &p)) return;
    if (interval == 'd' && p.to_day - p.from_day > KPI_MAX_POINTS) {
        bad(rq, rs, "kpi_too_many_points", "interval");
        return;
    }
    KpiInput in;
    if (!kpi_load(rq, rs, p.from_day, p.to_day, p.client_id, &in)) return;
    KpiPoint *pts;
    int n = kpi_series(rq, &in, (KpiId)k, p.from_day, p.to_day, interval, &pts);
    Buf b = BUF_INIT;
    json_t *points = json_array();
    if (csv) {
        static const char *const head[] = {"start", "end", "value", "p90", "events", "count"};
        for (int i = 0; i < 6; i++) csv_cell(&b, head[i], i == 5);
    }
    for (int i = 0; i < n; i++) {
        const KpiValue *v = &pts[i].v;
        const char *start = kpi_day_text(rq, pts[i].start_day), *end = kpi_day_text(rq, pts[i].end_day - 1);
        if (csv) {
            csv_cell(&b, start, false);
            csv_cell(&b, end, false);
            csv_cell(&b, num_text(rq, kpi_number(v->has_value, v->value)), false);
            csv_cell(&b, num_text(rq, kpi_number(v->p90 >= 0, v->p90)), false);
            csv_cell(&b, arena_printf(&rq->arena, "%lld", v->events), false);
            csv_cell(&b, arena_printf(&rq->arena, "%lld", v->count), true);
            continue;
        }
        json_array_append_new(points, json_pack("{s:s, s:s, s:o, s:o, s:I, s:I, s:o}", "start", start, "end", end,
                                                "value", kpi_number(v->has_value, v->value), "p90",
                                                kpi_number(v->p90 >= 0, v->p90), "events", v->events, "count",
                                                v->count, "details", details_json((KpiId)k, v)));
    }
    if (csv) {
        json_decref(points);
        return reply_csv(rq, rs, &b, KPIS[k].name);
    }
    static const char *const NAMES[] = {['d'] = "day", ['w'] = "week", ['m'] = "month"};
    reply_json(rs, 200, json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "name", KPIS[k].name, "unit", KPIS[k].unit,
                                  "interval", NAMES[(int)interval], "from", kpi_day_text(rq, p.from_day), "to",
                                  kpi_day_text(rq, p.to_day - 1), "points", points));
}
