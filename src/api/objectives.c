/* objectives: shared objectives. A KPI, a target and a period that two or
 * three teams pursue together, optionally for one client. Everyone reads
 * them; managers set them. Each answer carries its progress, computed live
 * from the KPI (kpi_query.h), with a forecast for the end of the period. */
#include <math.h>
#include <string.h>
#include "../lib/paris_time.h"
#include "../lib/timeutil.h"
#include "../store/clients.h"
#include "../store/objectives.h"
#include "kpi_query.h"

static const FieldSpec FIELDS[] = {
    {"kpi", F_STRING, true, 0, 64, NULL}, /* a KPI name: checked below */
    {"target", F_IGNORED, true, 0, 0, NULL}, /* a number, integer or not: checked below */
    {"period_start", F_DATE, true, 0, 10, NULL},
    {"period_end", F_DATE, true, 0, 10, NULL},
    {"teams", F_ARRAY, true, 0, 3, NULL},
    {"client_id", F_ID, false, 1, 1LL << 53, NULL},
    {"id", F_IGNORED, false, 0, 0, NULL},
    {"version", F_IGNORED, false, 0, 0, NULL},
    {"progress", F_IGNORED, false, 0, 0, NULL},
    {"label", F_IGNORED, false, 0, 0, NULL},
    {"unit", F_IGNORED, false, 0, 0, NULL},
    {"lower_is_better", F_IGNORED, false, 0, 0, NULL},
    {"created_at", F_IGNORED, false, 0, 0, NULL},
    {"updated_at", F_IGNORED, false, 0, 0, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

/* Counts and sums add up over a period; rates and durations do not. */
static bool additive(KpiId k) {
    return !strcmp(KPIS[k].unit, "count") || !strcmp(KPIS[k].unit, "eur") || k == KPI_BENCH;
}

/* The inputs already loaded in this request, by period and client: a list
 * of objectives over the same year loads them once. */
enum { MEMO = 8 };
typedef struct {
    long start, upto;
    long long client_id;
    KpiInput in;
} LoadedOne;
typedef struct {
    int n;
    LoadedOne e[MEMO];
} Loaded;

static bool load_once(Request *rq, Response *rs, Loaded *memo, long start, long upto, long long client_id,
                      KpiInput *in) {
    for (int i = 0; i < memo->n; i++)
        if (memo->e[i].start == start && memo->e[i].upto == upto && memo->e[i].client_id == client_id) {
            *in = memo->e[i].in;
            return true;
        }
    if (!kpi_load(rq, rs, start, upto, client_id, in)) return false;
    if (memo->n < MEMO) memo->e[memo->n++] = (LoadedOne){start, upto, client_id, *in};
    return true;
}

/* The progress of o: the KPI from the period's start to today (or its
 * end), the share of the target reached, and a forecast for the end of the
 * period by least squares on the weekly series: for counts and sums, the
 * value so far plus the line over the weeks left; for rates and durations,
 * the line at the last week. */
static json_t *progress_json(Request *rq, Response *rs, Loaded *memo, const Objective *o, bool *failed) {
    KpiId k = (KpiId)kpi_find(o->kpi);
    long start = time_date_days(o->period_start), end = time_date_days(o->period_end) + 1;
    long today = paris_day(time(NULL)), upto = today + 1 < end ? today + 1 : end;
    double target = (double)o->target_milli / 1000.0;
    bool lower = KPIS[k].lower_is_better;
    json_t *p = json_pack("{s:o, s:b, s:s}", "target", json_real(target), "lower_is_better", lower,
                          "forecast_method",
                          additive(k) ? "value so far + least-squares line of the weekly values over the weeks left"
                                      : "least-squares line of the weekly values, at the last week");
    if (!kpi_allowed(rq, k)) { /* the figure is not for this role: the objective only */
        json_object_set_new(p, "restricted", json_true());
        return p;
    }
    if (upto <= start) {
        json_object_set_new(p, "started", json_false());
        return p;
    }
    KpiInput in;
    if (!load_once(rq, rs, memo, start, upto, o->client_id, &in)) {
        *failed = true;
        json_decref(p);
        return NULL;
    }
    KpiValue v;
    kpi_over_days(&in, k, start, upto, &v);
    double ratio = 0;
    bool met = false;
    if (v.has_value) {
        met = lower ? v.value <= target : v.value >= target;
        ratio = lower ? (v.value <= target ? 1 : v.value > 0 ? target / v.value : 0)
                      : (target > 0 ? v.value / target : met);
        if (ratio < 0) ratio = 0;
        if (ratio > 1) ratio = 1;
    }
    json_t *forecast = json_null();
    if (upto >= end) forecast = kpi_number(v.has_value, v.value); /* the period is over */
    else if (KPIS[k].history) {
        KpiPoint *pts;
        int n = kpi_series(rq, &in, k, start, upto, 'w', &pts), m = 0;
        double *x = arena_alloc(&rq->arena, sizeof *x * (size_t)(n ? n : 1));
        double *y = arena_alloc(&rq->arena, sizeof *y * (size_t)(n ? n : 1));
        for (int i = 0; i < n; i++)
            if (pts[i].v.has_value) {
                x[m] = i;
                y[m++] = pts[i].v.value;
            }
        long weeks_total = (paris_bucket_start(end - 1, 'w') - paris_bucket_start(start, 'w')) / 7 + 1;
        double f = 0;
        bool ok = true;
        if (additive(k)) {
            double sum = v.has_value ? v.value : 0, at;
            for (long w = n; w < weeks_total && ok; w++) {
                ok = kpi_linear_forecast(x, y, m, (double)w, &at);
                sum += at > 0 ? at : 0;
            }
            f = sum;
        } else {
            ok = kpi_linear_forecast(x, y, m, (double)(weeks_total - 1), &f);
        }
        if (ok) forecast = kpi_number(true, f);
    }
    json_object_set_new(p, "started", json_true());
    json_object_set_new(p, "as_of", json_string(kpi_day_text(rq, upto - 1)));
    json_object_set_new(p, "value", kpi_number(v.has_value, v.value));
    json_object_set_new(p, "events", json_integer(v.events));
    json_object_set_new(p, "ratio", kpi_number(v.has_value, ratio));
    json_object_set_new(p, "met", v.has_value ? json_boolean(met) : json_null());
    if (!json_is_null(forecast)) {
        double fv = json_real_value(forecast);
        json_object_set_new(p, "forecast_met", json_boolean(lower ? fv <= target : fv >= target));
    }
    json_object_set_new(p, "forecast", forecast);
    return p;
}

static json_t *teams_json(int bits) {
    json_t *a = json_array();
    for (int i = 0; KPI_TEAMS[i]; i++)
        if (bits & (1 << i)) json_array_append_new(a, json_string(KPI_TEAMS[i]));
    return a;
}

static json_t *objective_json(Request *rq, Response *rs, Loaded *memo, const Objective *o, bool *failed) {
    KpiId k = (KpiId)kpi_find(o->kpi);
    json_t *progress = progress_json(rq, rs, memo, o, failed);
    if (!progress) return NULL;
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:o, s:s, s:s, s:o, s:o, s:b, s:s, s:s, s:o}", "id", o->id,
                     "version", o->version, "kpi", o->kpi, "label",
                     rq->lang == LANG_EN ? KPIS[k].label_en : KPIS[k].label_fr, "unit", KPIS[k].unit, "target",
                     json_real((double)o->target_milli / 1000.0), "period_start", o->period_start, "period_end",
                     o->period_end, "teams", teams_json(o->teams), "client_id", json_int_or_null(o->client_id),
                     "lower_is_better", KPIS[k].lower_is_better, "created_at", o->created_at, "updated_at",
                     o->updated_at, "progress", progress);
}

/* Validates body over o (a PATCH overlays given fields); false when the
 * request was answered (422, 503). */
static bool read_objective(Request *rq, Response *rs, json_t *body, bool partial, Objective *o) {
    json_t *errs = json_array();
    validate_object(rq, body, FIELDS, partial, errs);
    jset_str(rq, body, "kpi", &o->kpi);
    if (json_is_string(json_object_get(body, "kpi")) && kpi_find(o->kpi) < 0) {
        Buf names = BUF_INIT;
        for (int k = 0; k < KPI_COUNT; k++) buf_printf(&names, "%s%s", k ? ", " : "", KPIS[k].name);
        errors_add(rq, errs, "kpi", "must_be_one_of", buf_str(&names));
        buf_free(&names);
    }
    jset_str(rq, body, "period_start", &o->period_start);
    jset_str(rq, body, "period_end", &o->period_end);
    json_t *target = json_object_get(body, "target");
    if (target || !partial) {
        double t = json_number_value(target);
        if (!json_is_number(target) || !isfinite(t) || fabs(t) > 1e12) errors_add(rq, errs, "target", "objective_target");
        else o->target_milli = llround(t * 1000);
    }
    json_t *teams = json_object_get(body, "teams");
    if (json_is_array(teams)) {
        int bits = 0;
        size_t i;
        json_t *t;
        bool ok = json_array_size(teams) >= 2;
        json_array_foreach(teams, i, t) {
            int bit = kpi_team_bit(json_string_value(t));
            if (!bit || (bits & bit)) ok = false;
            bits |= bit;
        }
        if (!ok) errors_add(rq, errs, "teams", "objective_teams");
        o->teams = bits;
    }
    if (jhas(body, "client_id")) o->client_id = json_is_null(json_object_get(body, "client_id")) ? -1 : jint(body, "client_id");
    if (!json_array_size(errs) && o->client_id > 0) {
        Client c;
        StoreResult r = store_client_get(rq->db, &rq->arena, o->client_id, &c);
        if (r == STORE_ERROR) {
            json_decref(errs);
            reply_db_error(rq, rs);
            return false;
        }
        if (r == STORE_NOT_FOUND) errors_add(rq, errs, "client_id", "no_such_client");
    }
    if (!json_array_size(errs)) {
        long s = time_date_days(o->period_start), e = time_date_days(o->period_end);
        if (e < s || e - s + 1 > KPI_MAX_DAYS) errors_add(rq, errs, "period_end", "objective_period");
    }
    if (json_array_size(errs)) {
        reply_invalid(rq, rs, errs);
        return false;
    }
    json_decref(errs);
    return true;
}

static void reply_objective(Request *rq, Response *rs, const Objective *o, int status) {
    bool failed = false;
    Loaded memo = {0};
    json_t *body = objective_json(rq, rs, &memo, o, &failed);
    if (failed) return;
    rs->audit_type = "objective";
    rs->audit_id = o->id;
    if (status == 201) {
        reply_header(rq, rs, "ETag", arena_printf(&rq->arena, "\"%lld\"", o->version));
        return reply_json(rs, 201, body);
    }
    reply_versioned(rq, rs, o->version, body);
}

void objectives_list(Request *rq, Response *rs) {
    int limit;
    long long before;
    if (!req_page(rq, rs, &limit, &before)) return;
    Objective *items;
    int n;
    if (store_objectives_list(rq->db, &rq->arena, before, limit, &items, &n) != STORE_OK) return reply_db_error(rq, rs);
    json_t *arr = json_array();
    Loaded memo = {0};
    for (int i = 0; i < n; i++) {
        bool failed = false;
        json_t *one = objective_json(rq, rs, &memo, &items[i], &failed);
        if (failed) return json_decref(arr);
        json_array_append_new(arr, one);
    }
    reply_json(rs, 200, page_body(arr, limit, n ? items[n - 1].id : 0));
}

void objectives_create(Request *rq, Response *rs) {
    Objective o = {.client_id = -1, .created_by = rq->user.id};
    if (!read_objective(rq, rs, rq->json, false, &o)) return;
    StoreResult r = store_objective_insert(rq->db, &rq->arena, &o);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    reply_objective(rq, rs, &o, 201);
}

void objectives_get(Request *rq, Response *rs) {
    Objective o;
    StoreResult r = store_objective_get(rq->db, &rq->arena, rq->ids[0], &o);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    rs->audit_type = NULL;
    bool failed = false;
    Loaded memo = {0};
    json_t *body = objective_json(rq, rs, &memo, &o, &failed);
    if (!failed) reply_versioned(rq, rs, o.version, body);
}

void objectives_update(Request *rq, Response *rs) {
    long long expected;
    if (!req_if_match(rq, rs, &expected)) return;
    Objective o;
    StoreResult r = store_objective_get(rq->db, &rq->arena, rq->ids[0], &o);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    if (o.version != expected) return reply_store_error(rq, rs, STORE_STALE);
    if (!read_objective(rq, rs, rq->json, true, &o)) return;
    r = store_objective_update(rq->db, &rq->arena, &o, expected);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    reply_objective(rq, rs, &o, 200);
}

void objectives_delete(Request *rq, Response *rs) {
    StoreResult r = store_objective_delete(rq->db, rq->ids[0]);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    rs->audit_type = "objective";
    rs->audit_id = rq->ids[0];
    reply_empty(rs, 204);
}
